import express from 'express';
import { pino } from 'pino';
import { loadSettings } from '../settings.js';
import { startSandboxes } from './start-sandboxes.js';

/**
 * `npm run sandbox`: the vendor sandboxes alone (for docker-compose or a second terminal) on PORT,
 * under /sandbox/<name>. `--reset-only` restores every sandbox's example data and exits.
 */
const settings = loadSettings();
const logger = pino({ level: settings.logLevel });
const sandboxes = await startSandboxes(settings.dataDir);

if (process.argv.includes('--reset-only')) {
  for (const s of sandboxes) await s.reset();
  logger.info(`example data restored for ${sandboxes.map((s) => s.name).join(', ')} in ${settings.dataDir}/sandbox`);
  process.exit(0);
}

const app = express();
app.disable('x-powered-by');
for (const sandbox of sandboxes) app.use(`/sandbox/${sandbox.name}`, sandbox.router);
const server = app.listen(settings.port, settings.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  for (const s of sandboxes) logger.info(`sandbox ${s.name}: http://127.0.0.1:${port}/sandbox/${s.name}`);
});

const stop = (): void => {
  server.close(() => {
    void Promise.all(sandboxes.map((s) => s.flush())).then(() => process.exit(0));
  });
  server.closeIdleConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
