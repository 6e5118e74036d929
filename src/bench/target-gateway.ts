import { pino } from 'pino';
import { createApp } from '../app.js';
import { UserStore } from '../auth/user-store.js';
import { propertyResolver } from '../config/substitute.js';
import { builtInConnectorTypes, ConnectorCatalogue } from '../provisioner/connector-types.js';
import { sandboxCredentialProperties } from '../sandbox/sandbox-properties.js';
import { SystemRegistry } from '../provisioner/system-registry.js';
import { loadSettings } from '../settings.js';

// Rows (2)–(6): the real gateway on port 0, configured by IDM_INSTANCE_DIR, with sandbox.url from BENCH_SANDBOX_URL.
const settings = loadSettings();
const properties: Record<string, string> = { 'idm.instance.dir': settings.instanceDir, ...sandboxCredentialProperties() };
if (process.env.BENCH_SANDBOX_URL) properties['sandbox.url'] = process.env.BENCH_SANDBOX_URL;
const registry = new SystemRegistry(new ConnectorCatalogue(builtInConnectorTypes()), propertyResolver(properties));
const problems = await registry.loadDirectory(settings.confDir);
if (problems.length > 0) console.error(JSON.stringify(problems));
const app = createApp({ registry, users: UserStore.load(settings.confDir), logger: pino({ level: 'silent' }), bodyLimitBytes: settings.bodyLimitBytes });
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`PORT=${typeof address === 'object' && address ? address.port : 0}`);
});

// Exit cleanly on SIGTERM/SIGINT so --cpu-prof profiles are written.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
