import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDropboxSandboxServer, type RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import type { JsonObject } from '../../src/util/json.js';
import { shippedDropboxConf } from '../support/dropbox-gateway.js';
import { ADMIN, startGateway, type Gateway } from '../support/gateway-harness.js';

const MEMBER = '/openidm/system/dropbox/__ACCOUNT__/TEAM_MEMBER_ID';

/** The shipped configuration under another name, with some configurationProperties / timeouts replaced. */
function variant(name: string, properties: JsonObject, operationTimeout: JsonObject = {}): JsonObject {
  const shipped = shippedDropboxConf();
  return {
    ...shipped,
    name,
    configurationProperties: { ...(shipped.configurationProperties as JsonObject), ...properties },
    operationTimeout: { ...(shipped.operationTimeout as JsonObject), ...operationTimeout },
  };
}

let sandbox: RunningDropboxSandbox;
let gw: Gateway;

beforeAll(async () => {
  sandbox = await startDropboxSandboxServer({ dataFile: join(mkdtempSync(join(tmpdir(), 'dropbox-faults-')), 'dropbox.json') });
  gw = await startGateway({
    confFiles: [],
    extraConfigs: {
      dropbox: shippedDropboxConf(),
      dropboxform: variant('dropboxform', { useBasicAuthForOauthTokenNeg: false }),
      dropboxwrongsecret: variant('dropboxwrongsecret', { clientSecret: 'not-the-secret' }),
      dropboxhurried: variant('dropboxhurried', {}, { DELETE: 150 }),
      dropboxbasic: variant('dropboxbasic', { authenticationMethod: 'BASIC', login: 'admin', password: 'secret-pw' }),
    },
    properties: { 'sandbox.url': sandbox.baseUrl.replace(/\/dropbox$/, '') },
  });
});
afterAll(async () => {
  await gw.close();
  await sandbox.close();
});
beforeEach(async () => {
  // The admin reset also empties the fault queue (the sandbox object's reset() keeps it).
  await sandbox.admin('reset');
});

/** A counter of the gateway's metrics for the dropbox system (0 when absent). */
async function metric(name: string, ...labels: string[]): Promise<number> {
  const res = await gw.http.get('/openidm/metrics/prometheus').set(ADMIN);
  let total = 0;
  for (const line of res.text.split('\n')) {
    if (line.startsWith(`${name}{`) && line.includes('system="dropbox"') && labels.every((l) => line.includes(l))) total += Number(line.split(' ').pop());
  }
  return total;
}

describe('rate limits and transient failures', () => {
  test('when Dropbox answers 429 with Retry-After 1, then the gateway waits that long and the read succeeds', async () => {
    const retries = await metric('idm_gateway_backend_retries_total', 'reason="429"');
    await sandbox.admin('faults', { status: 429, retryAfter: 1, path: 'members/get_info_v2' });
    const started = Date.now();
    const res = await gw.http.get(MEMBER).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.email).toBe('test@email.com');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(await metric('idm_gateway_backend_retries_total', 'reason="429"')).toBe(retries + 1);
  });

  test('when Dropbox keeps answering 429 with a Retry-After beyond the operation timeout, then 503 with Retry-After at once', async () => {
    await sandbox.admin('faults', { status: 429, retryAfter: 60, times: 10, path: 'members/get_info_v2' });
    const started = Date.now();
    const res = await gw.http.get(MEMBER).set(ADMIN);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.body).toEqual({ code: 503, reason: 'Service Unavailable', message: 'Request temporarily unavailable on operation READ for system object: TEAM_MEMBER_ID' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('when a read meets a 503 once, then it is retried and succeeds', async () => {
    await sandbox.admin('faults', { status: 503, path: 'groups/list' });
    const res = await gw.http.get('/openidm/system/dropbox/__GROUP__').query({ _queryId: 'query-all-ids' }).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.result).toHaveLength(sandbox.sandbox.state.data.groups.length);
  });

  test('when an invitation meets a 500, then it is not repeated: 503 and nobody is invited', async () => {
    const before = sandbox.sandbox.state.data.members.length;
    await sandbox.admin('faults', { status: 500, path: 'members/add_v2' });
    const res = await gw.http.post('/openidm/system/dropbox/__ACCOUNT__?_action=create').set(ADMIN).send({ email: 'once@example.com' });
    expect(res.status).toBe(503);
    expect(sandbox.sandbox.state.data.members).toHaveLength(before);
  });

  test('when the removal job outlasts the DELETE timeout, then 503 Timeout', async () => {
    const res = await gw.http.delete('/openidm/system/dropboxhurried/__ACCOUNT__/TEAM_MEMBER_ID').set(ADMIN);
    expect(res.status).toBe(503);
    expect(res.body.message).toBe('Operation DELETE Timeout on system object: TEAM_MEMBER_ID');
  });
});

describe('OAuth', () => {
  test('when the refresh token is revoked, then the test answers ok:false with the reason, and ok:true once restored', async () => {
    expect((await gw.http.post('/openidm/system/dropbox?_action=test').set(ADMIN)).body.ok).toBe(true);
    await sandbox.admin('revoke-refresh-token');
    const revoked = await gw.http.post('/openidm/system/dropbox?_action=test').set(ADMIN);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ name: 'dropbox', ok: false });
    expect(revoked.body.error).toMatch(/invalid_grant: refresh token is invalid or revoked/);
    expect(revoked.body.error).not.toContain('sandbox-dropbox-refresh-token');
    const read = await gw.http.get(MEMBER).set(ADMIN);
    expect(read.status).toBe(500);
    expect(read.body.message).toBe('Operation READ failed with ConfigurationException on system object: TEAM_MEMBER_ID');
    await sandbox.admin('restore-refresh-token');
    expect((await gw.http.post('/openidm/system/dropbox?_action=test').set(ADMIN)).body.ok).toBe(true);
  });

  test('when the access token expires, then the gateway refreshes it once and the read succeeds', async () => {
    await gw.http.get(MEMBER).set(ADMIN);
    const refreshed = await metric('idm_gateway_tokens_refreshed_total', 'outcome="success"');
    await sandbox.admin('expire-access-tokens');
    const res = await gw.http.get(MEMBER).set(ADMIN);
    expect(res.status).toBe(200);
    expect(await metric('idm_gateway_tokens_refreshed_total', 'outcome="success"')).toBe(refreshed + 1);
  });

  test('when the client credentials go in the form instead of Basic, then the connector works too', async () => {
    const res = await gw.http.post('/openidm/system/dropboxform?_action=test').set(ADMIN);
    expect(res.body).toMatchObject({ name: 'dropboxform', ok: true });
  });

  test('when the client secret is wrong, then the test says invalid_client and not the secret', async () => {
    const res = await gw.http.post('/openidm/system/dropboxwrongsecret?_action=test').set(ADMIN);
    expect(res.body).toMatchObject({ name: 'dropboxwrongsecret', ok: false });
    expect(res.body.error).toMatch(/invalid_client/);
    expect(res.body.error).not.toContain('not-the-secret');
  });

  test('when BASIC authentication is configured, then the test explains Dropbox takes OAuth tokens', async () => {
    const res = await gw.http.post('/openidm/system/dropboxbasic?_action=test').set(ADMIN);
    expect(res.body).toMatchObject({ name: 'dropboxbasic', ok: false });
    expect(res.body.error).toMatch(/authenticationMethod BASIC is not supported by Dropbox/);
  });
});
