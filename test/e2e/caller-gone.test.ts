import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDropboxSandboxServer, type RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import { shippedDropboxConf } from '../support/dropbox-gateway.js';
import { ADMIN, startGateway, type Gateway } from '../support/gateway-harness.js';

let sandbox: RunningDropboxSandbox;
let gw: Gateway;
let server: http.Server;

beforeAll(async () => {
  sandbox = await startDropboxSandboxServer({ dataFile: join(mkdtempSync(join(tmpdir(), 'caller-gone-')), 'dropbox.json') });
  gw = await startGateway({
    confFiles: [],
    extraConfigs: { dropbox: shippedDropboxConf() },
    properties: { 'sandbox.url': sandbox.baseUrl.replace(/\/dropbox$/, '') },
  });
  server = gw.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await gw.close();
  await sandbox.close();
});

/** Backend calls of the dropbox system to a route that ended without an answer (status 0). */
async function cancelledCalls(route: string): Promise<number> {
  const res = await gw.http.get('/openidm/metrics/prometheus').set(ADMIN);
  let total = 0;
  for (const line of res.text.split('\n')) {
    if (line.startsWith('idm_gateway_backend_call_seconds_count{') && line.includes('system="dropbox"') && line.includes(`route="${route}"`) && line.includes('status="0"')) {
      total += Number(line.split(' ').pop());
    }
  }
  return total;
}

describe('a caller that goes away', () => {
  test('when the caller hangs up during a slow backend call, then the backend call is cancelled at once, not left to run', async () => {
    const route = '/2/team/members/get_info_v2';
    // Warm up: the access token is fetched outside the timed part.
    expect((await gw.http.get('/openidm/system/dropbox/__ACCOUNT__/TEAM_MEMBER_ID').set(ADMIN)).status).toBe(200);
    const before = await cancelledCalls(route);
    await sandbox.admin('faults', { latencyMs: 5000, path: 'members/get_info_v2' });
    const { port } = server.address() as AddressInfo;
    const req = http.get({ host: '127.0.0.1', port, path: '/openidm/system/dropbox/__ACCOUNT__/TEAM_MEMBER_ID', headers: ADMIN });
    req.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const hungUp = Date.now();
    req.destroy();
    let after = before;
    while (after === before && Date.now() - hungUp < 2000) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      after = await cancelledCalls(route);
    }
    // One cancelled call, well before the 5 s backend delay, and no retry after it.
    expect(after).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await cancelledCalls(route)).toBe(before + 1);
  });
});
