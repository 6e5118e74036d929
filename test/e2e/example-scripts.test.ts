import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBoxSandbox } from '../../src/sandbox/box/box-sandbox.js';
import { createDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox.js';
import type { Sandbox } from '../../src/sandbox/sandbox.js';
import { REPO, startGateway, type Gateway } from '../support/gateway-harness.js';

/**
 * The runnable example scripts (scripts/examples/<connector>/seed-examples.sh) against a gateway
 * serving the shipped conf and its sandboxes on a real port, as `npm start` does: each script
 * runs every curl call of its page and fails on the first HTTP error.
 */
let gw: Gateway;
let server: Server;
let port: number;
const sandboxes: Sandbox[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'example-scripts-'));
  sandboxes.push(await createDropboxSandbox({ dataFile: join(dataDir, 'dropbox.json') }));
  sandboxes.push(await createBoxSandbox({ dataFile: join(dataDir, 'box.json') }));
  gw = await startGateway({ confFiles: ['provisioner.openicf-dropbox.json', 'provisioner.openicf-box.json'], sandboxes });
  server = await new Promise<Server>((resolve) => {
    const s = gw.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
  gw.properties['sandbox.url'] = `http://127.0.0.1:${port}/sandbox`;
  await gw.reload();
});
afterAll(async () => {
  await gw.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  for (const sandbox of sandboxes) await sandbox.flush();
});

/** Runs a script as shipped, its `localhost:8080` pointed at this gateway by IDM_URL; resolves with its exit code and output. */
function runScript(relative: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', [join(REPO, relative)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, IDM_URL: `http://127.0.0.1:${port}` } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('when the Box example script runs, then every call of the Box page succeeds with the page\'s ids', async () => {
  const { code, output } = await runScript('scripts/examples/box/seed-examples.sh');
  expect({ code, tail: output.slice(-400) }).toEqual({ code: 0, tail: expect.stringContaining('All Box examples answered as the page shows.') });
  expect(output).toContain('"_id": "34721853021"');
  expect(output).toContain('"_id": "20147818911"');
});

test('when the Dropbox example script runs, then every call of the Dropbox page succeeds', async () => {
  const { code, output } = await runScript('scripts/examples/dropbox/seed-examples.sh');
  expect({ code, tail: output.slice(-300) }).toEqual({ code: 0, tail: expect.stringContaining('All the Dropbox connector page examples answered.') });
  expect(output).toContain('"ok": true');
});
