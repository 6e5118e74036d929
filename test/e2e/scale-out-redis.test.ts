import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { createDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox.js';
import type { Sandbox } from '../../src/sandbox/sandbox.js';
import { ADMIN, REPO } from '../support/gateway-harness.js';
import { startRedis, type RedisProcess } from '../support/redis-server.js';

/**
 * Two real gateway processes (`node dist/main.js`, as in docker-compose) share one Redis and
 * one Dropbox sandbox: the GET limit of 10 per second holds for both together, and one token
 * fetch serves both.
 */
const LIMIT = 10;
const PERIOD_MS = 1000;
const REQUESTS = 40;

interface Hit {
  readonly path: string;
  readonly at: number;
}

let redis: RedisProcess;
let sandbox: Sandbox;
let sandboxServer: Server;
const hits: Hit[] = [];
const gateways: { child: ChildProcess; port: number }[] = [];

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function instanceDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'idm-scale-'));
  mkdirSync(join(dir, 'conf'));
  mkdirSync(join(dir, 'data'));
  copyFileSync(join(REPO, 'conf', 'users.json'), join(dir, 'conf', 'users.json'));
  const conf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-dropbox.json'), 'utf8')) as Record<string, unknown>;
  conf.operationRateLimits = { GET: { requestLimit: LIMIT, requestPeriod: PERIOD_MS, requestTimeout: 30_000 } };
  writeFileSync(join(dir, 'conf', 'provisioner.openicf-dropbox.json'), JSON.stringify(conf));
  return dir;
}

async function startGatewayProcess(sandboxUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(REPO, 'dist', 'main.js')], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', IDM_INSTANCE_DIR: instanceDir(), IDM_SANDBOX: 'false', IDM_SANDBOX_URL: sandboxUrl, IDM_REDIS_URL: redis.url, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const started = Date.now();
  // Ready when the dropbox system is built (conf/ loads after the listen).
  for (;;) {
    if (Date.now() - started > 30_000) throw new Error('gateway process did not start');
    const ready = await fetch(`http://127.0.0.1:${port}/openidm/system?_action=availableConnectors`, { method: 'POST', headers: ADMIN })
      .then(async () => (await fetch(`http://127.0.0.1:${port}/openidm/system/dropbox/role?_queryId=query-all-ids`, { headers: ADMIN })).status === 200)
      .catch(() => false);
    if (ready) return { child, port };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  // The processes run the compiled gateway, exactly as `npm start` and the container do.
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO, 'tsconfig.build.json')], { stdio: 'inherit' });
  redis = await startRedis();
  sandbox = await createDropboxSandbox({ dataFile: join(mkdtempSync(join(tmpdir(), 'idm-scale-sbx-')), 'dropbox.json') });
  const app = express();
  app.use((req, _res, next) => {
    hits.push({ path: req.path, at: Date.now() });
    next();
  });
  app.use('/sandbox/dropbox', sandbox.router);
  sandboxServer = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const sandboxUrl = `http://127.0.0.1:${(sandboxServer.address() as AddressInfo).port}/sandbox`;
  gateways.push(await startGatewayProcess(sandboxUrl), await startGatewayProcess(sandboxUrl));
}, 120_000);

afterAll(async () => {
  for (const g of gateways) {
    await new Promise<void>((resolve) => {
      if (g.child.exitCode !== null) return resolve();
      g.child.once('exit', () => resolve());
      g.child.kill('SIGTERM');
    });
  }
  await new Promise<void>((resolve) => sandboxServer?.close(() => resolve()));
  await sandbox?.flush();
  await redis?.stop();
});

test('when load goes through two gateway processes sharing Redis, then the combined GETs per window stay within the limit and one token serves both', async () => {
  const memberPath = '/openidm/system/dropbox/__ACCOUNT__/TEAM_MEMBER_ID';
  const before = hits.length;
  const started = Date.now();
  const answers = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) => fetch(`http://127.0.0.1:${gateways[i % 2]!.port}${memberPath}`, { headers: ADMIN }).then((r) => r.status)),
  );
  const elapsed = Date.now() - started;
  expect(answers).toEqual(Array(REQUESTS).fill(200));

  const reads = hits.slice(before).filter((h) => h.path.endsWith('/2/team/members/get_info_v2')).map((h) => h.at);
  expect(reads.length).toBeGreaterThanOrEqual(REQUESTS);
  // Each GET reads the member once; in no window of the period (less network jitter) did both together exceed the limit.
  const perGet = reads.length / REQUESTS;
  for (const t of reads) {
    expect(reads.filter((u) => u >= t && u < t + PERIOD_MS - 50).length).toBeLessThanOrEqual(LIMIT * perGet);
  }
  // 40 GETs at 10 per second take at least three full periods when the window is shared (alone, each would need one).
  expect(elapsed).toBeGreaterThanOrEqual((REQUESTS / LIMIT - 1) * PERIOD_MS - 100);

  // Readiness checks and 40 GETs on two processes: one token fetch for all of them.
  expect(hits.filter((h) => h.path.endsWith('/oauth2/token'))).toHaveLength(1);
}, 60_000);
