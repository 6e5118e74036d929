import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { createApp } from './app.js';
import { gracefulShutdown, trackResponses } from './graceful-shutdown.js';
import { createLogger } from './observability/create-logger.js';
import { UserStore } from './auth/user-store.js';
import { ConfigService } from './config/config-service.js';
import { ConfigWatcher } from './config/config-watcher.js';
import { KeyStoreError, SecretKeyStore } from './config/secret-key-store.js';
import { propertyResolver } from './config/substitute.js';
import { builtInConnectorTypes, ConnectorCatalogue } from './provisioner/connector-types.js';
import { SystemRegistry } from './provisioner/system-registry.js';
import { MemorySharedState } from './shared-state/memory-shared-state.js';
import { RedisSharedState } from './shared-state/redis-shared-state.js';
import { sandboxCredentialProperties } from './sandbox/sandbox-properties.js';
import { startSandboxes } from './sandbox/start-sandboxes.js';
import type { Sandbox } from './sandbox/sandbox.js';
import { loadSettings, SettingsError } from './settings.js';

/** Copies the shipped sample data into the data dir once, so a fresh clone has something to serve. */
function seedSampleData(instanceDir: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, 'csvConnectorData.csv');
  const sample = resolve(instanceDir, 'sample-data', 'csvConnectorData.csv');
  if (!existsSync(target) && existsSync(sample)) {
    copyFileSync(sample, target);
    // The file holds account passwords in clear (as IDM's CSV connector does): only the gateway may read it; rewrites and versions keep this mode.
    chmodSync(target, 0o600);
  }
}

async function main(): Promise<void> {
  let settings;
  try {
    settings = loadSettings();
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(settings.logLevel);
  const users = UserStore.load(settings.confDir);
  if (await users.usesDefaultPassword()) {
    logger.warn('!!! The default password of openidm-admin is in use: change it in conf/users.json before exposing this gateway (npm run set-password).');
  }
  seedSampleData(settings.instanceDir, settings.dataDir);
  const sandboxes: Sandbox[] = settings.sandbox ? await startSandboxes(settings.dataDir) : [];

  const builtins: Record<string, string> = { 'idm.instance.dir': settings.instanceDir, ...sandboxCredentialProperties() };
  // The key that encrypts secrets in conf/ lives under the data dir, never next to what it protects.
  let keys: SecretKeyStore;
  try {
    keys = SecretKeyStore.inDataDir(settings.dataDir);
  } catch (error) {
    if (!(error instanceof KeyStoreError)) throw error;
    logger.fatal(error.message);
    process.exit(2);
  }
  const sharedState = settings.redisUrl ? new RedisSharedState(settings.redisUrl) : new MemorySharedState();
  logger.info({ sharedState: sharedState.description }, `rate limits and OAuth tokens kept in ${sharedState.description}`);
  const registry = new SystemRegistry(new ConnectorCatalogue(builtInConnectorTypes()), propertyResolver(builtins), keys, sharedState);
  const configService = new ConfigService({ confDir: settings.confDir, registry, logger });
  const app = createApp({ registry, users, logger, bodyLimitBytes: settings.bodyLimitBytes, sandboxes, configService, dataDir: settings.dataDir });
  const server: Server = await new Promise((ok) => {
    const s = app.listen(settings.port, settings.host, () => ok(s));
  });
  // The co-hosted sandboxes' callers are this gateway's own connectors, which may still need them mid-operation.
  trackResponses(server, (req) => !req.url?.startsWith('/sandbox/'));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  builtins['sandbox.url'] = settings.sandboxUrl ?? `http://127.0.0.1:${port}/sandbox`;
  const problems = await configService.loadAll();
  const watcher = new ConfigWatcher(configService, { logger });
  try {
    accessSync(settings.confDir, constants.W_OK);
  } catch {
    logger.warn({ dir: settings.confDir }, 'conf/ is not writable by the gateway: configuration changes over REST will answer 500 (in a container, make the mounted conf/ writable by uid 1000)');
  }
  watcher.start();
  for (const p of problems) logger.error({ file: p.file, problems: p.problems }, 'provisioner configuration skipped');
  for (const s of registry.list()) {
    logger.info({ system: s.name, objectTypes: [...s.objectTypes.keys()], ...(s.unavailableReason ? { unavailable: s.unavailableReason } : {}) }, `system ${s.name} ready`);
  }
  if (sandboxes.length > 0) {
    logger.warn(`SANDBOX ACTIVE: local stand-ins of the vendor APIs serve ${sandboxes.map((s) => `${builtins['sandbox.url']}/${s.name}`).join(', ')} (IDM_SANDBOX=false turns them off)`);
  }
  logger.info(`idm-gateway listening on http://${settings.host}:${port}/openidm`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    void gracefulShutdown(server, async () => {
      watcher.close();
      await registry.dispose();
      await sharedState.close();
      await Promise.all(sandboxes.map((s) => s.flush()));
    }).then((inTime) => {
      logger.info(inTime ? 'stopped' : 'stopped after cutting connections that outlived the grace period');
      process.exit(inTime ? 0 : 1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
