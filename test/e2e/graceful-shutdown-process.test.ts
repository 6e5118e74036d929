import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, REPO } from '../support/gateway-harness.js';

/**
 * SIGTERM on the real process (`node dist/main.js`, as the container runs it): a create that is
 * in flight at the backend completes, new connections are refused, the sandbox's debounced write
 * reaches its file once, and the process exits 0.
 */
let child: ChildProcess;
let base: string;
let instance: string;
let exited: Promise<number | null>;

beforeAll(async () => {
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO, 'tsconfig.build.json')], { stdio: 'inherit' });
  instance = mkdtempSync(join(tmpdir(), 'idm-sigterm-'));
  mkdirSync(join(instance, 'conf'));
  for (const file of ['users.json', 'provisioner.openicf-rest.json']) copyFileSync(join(REPO, 'conf', file), join(instance, 'conf', file));
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [join(REPO, 'dist', 'main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', IDM_INSTANCE_DIR: instance, IDM_REDIS_URL: '', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  for (;;) {
    if (Date.now() - started > 30_000) throw new Error('gateway process did not start');
    // Ready when the rest system answers its test (which also fetches the OAuth token).
    const ok = await fetch(`${base}/openidm/system/rest?_action=test`, { method: 'POST', headers: ADMIN })
      .then(async (r) => r.status === 200 && ((await r.json()) as { ok?: boolean }).ok === true, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
});

test('when SIGTERM arrives while a create waits on the backend, then it completes, new connections are refused, the write is kept once, and the process exits 0', async () => {
  // The SCIM sandbox holds the next /Users request for 1.5 s before creating the user.
  const fault = await fetch(`${base}/sandbox/scim/__admin/faults`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latencyMs: 1500, path: '/Users' }),
  });
  expect(fault.status).toBe(201);
  const create = fetch(`${base}/openidm/system/rest/__ACCOUNT__?_action=create`, {
    method: 'POST', headers: { ...ADMIN, 'Content-Type': 'application/json' },
    body: JSON.stringify({ userName: 'graceful-1', sn: 'Term', givenName: 'Sig', mail: 'graceful-1@example.com' }),
  });
  await new Promise((r) => setTimeout(r, 400));
  child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 100));

  await expect(fetch(`${base}/openidm/info/ping`)).rejects.toThrow();
  const created = await create;
  expect(created.status).toBe(201);
  // The caller is told not to reuse a connection the shutdown is about to close.
  expect(created.headers.get('connection')).toBe('close');
  expect(await created.json()).toMatchObject({ __NAME__: 'graceful-1' });
  const answered = Date.now();
  expect(await exited).toBe(0);
  // Idle keep-alive connections (the caller's, the gateway's own to its sandbox) do not hold the exit for their timeout.
  expect(Date.now() - answered).toBeLessThan(2_000);

  const stored = readFileSync(join(instance, 'data', 'sandbox', 'scim.json'), 'utf8');
  expect(stored.match(/"userName":\s*"graceful-1"/g)).toHaveLength(1);
}, 30_000);
