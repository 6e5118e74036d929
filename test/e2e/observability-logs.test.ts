import { ADMIN, captureLogs, startGateway, type CapturedLogs, type Gateway } from '../support/gateway-harness.js';
import { VAULT_API_KEY, VAULT_LEAKY_PASSWORD, VAULT_PASSWORD, vaultConfig, vaultConnectorType } from '../support/vault-connector-type.js';

const ACCOUNTS = '/openidm/system/csv/__ACCOUNT__';
/** Secrets of the caller: wrong passwords typed by people, the password of a created account. */
const HEADER_PASSWORD = 'Hdr-Pa55-Zq81x';
const BASIC_PASSWORD = 'Basic-Pa55-Kw27y';
const ACCOUNT_PASSWORD = 'Acct-Pa55-Mv93z';
const QUERY_SECRET = 'Query-Secret-Tt44';
/** Every secret a log line must never show, in clear or as the Basic header carries it. */
const SECRETS = [
  VAULT_PASSWORD, VAULT_API_KEY, VAULT_LEAKY_PASSWORD, HEADER_PASSWORD, BASIC_PASSWORD, ACCOUNT_PASSWORD, QUERY_SECRET,
  Buffer.from(`openidm-admin:${BASIC_PASSWORD}`).toString('base64'),
  Buffer.from('openidm-admin:openidm-admin').toString('base64'),
];

let gw: Gateway;
let logs: CapturedLogs;

beforeAll(async () => {
  logs = captureLogs('debug');
  gw = await startGateway({
    logger: logs.logger,
    connectorTypes: [vaultConnectorType],
    extraConfigs: {
      // Configured in clear: the config service encrypts them at load, the connector gets them decrypted.
      vault: vaultConfig('vault', { baseUrl: 'https://vault.example.com', username: 'svc', password: VAULT_PASSWORD, apiKey: VAULT_API_KEY }),
      leaky: vaultConfig('leaky', { baseUrl: 'https://vault.example.com', username: 'svc', password: VAULT_LEAKY_PASSWORD, apiKey: VAULT_API_KEY }),
    },
  });
});
afterAll(async () => {
  await gw.close();
});

function requestLines(): Record<string, unknown>[] {
  return logs.lines().filter((l) => l.msg === 'request');
}

describe('request log lines', () => {
  test('when requests succeed and fail, then each has one line with its transaction id, and no secret is ever logged', async () => {
    const sent = [
      // A successful create whose body holds a password.
      await gw.http.post(`${ACCOUNTS}?_action=create`).set(ADMIN).set('X-ForgeRock-TransactionId', 'tx-create-1')
        .send({ uid: 'obs1', firstName: 'O', lastName: 'B', email: 'obs1@example.com', password: ACCOUNT_PASSWORD }),
      // Wrong passwords in IDM's header and in Basic auth.
      await gw.http.get(`${ACCOUNTS}?_queryFilter=true`).set({ ...ADMIN, 'X-OpenIDM-Password': HEADER_PASSWORD }).set('X-ForgeRock-TransactionId', 'tx-header-2'),
      await gw.http.get(`${ACCOUNTS}?_queryFilter=true`).auth('openidm-admin', BASIC_PASSWORD).set('X-ForgeRock-TransactionId', 'tx-basic-3'),
      // Secrets in the query string: a filter on the password and an unknown parameter.
      await gw.http.get(`${ACCOUNTS}?_queryFilter=${encodeURIComponent(`password eq "${QUERY_SECRET}"`)}&token=${QUERY_SECRET}&_pageSize=5`)
        .auth('openidm-admin', 'openidm-admin').set('X-ForgeRock-TransactionId', 'tx-query-4'),
      // Connector tests: one passes with decrypted secrets, one fails with an error quoting its password.
      await gw.http.post('/openidm/system/vault?_action=test').set(ADMIN).set('X-ForgeRock-TransactionId', 'tx-vault-5'),
      await gw.http.post('/openidm/system/leaky?_action=test').set(ADMIN).set('X-ForgeRock-TransactionId', 'tx-leaky-6'),
      await gw.http.post('/openidm/system?_action=test').set(ADMIN).set('X-ForgeRock-TransactionId', 'tx-all-7'),
      // Reading the configurations (secrets come back encrypted) and a failing read.
      await gw.http.get('/openidm/config/provisioner.openicf/leaky').set(ADMIN).set('X-ForgeRock-TransactionId', 'tx-config-8'),
      await gw.http.get(`${ACCOUNTS}/nobody-here`).set(ADMIN).set('X-ForgeRock-TransactionId', 'tx-missing-9'),
    ];
    expect(sent.map((r) => r.status)).toEqual([201, 401, 401, 200, 200, 200, 200, 200, 404]);
    expect(sent[4]!.body.ok).toBe(true);
    expect(sent[5]!.body.ok).toBe(false);

    const byTx = new Map(requestLines().map((l) => [l.transactionId, l]));
    expect(byTx.get('tx-create-1')).toMatchObject({
      level: 30, method: 'POST', path: ACCOUNTS, query: { _action: 'create' }, status: 201,
      system: 'csv', objectType: '__ACCOUNT__', operation: 'create', user: 'openidm-admin',
    });
    expect(typeof byTx.get('tx-create-1')!.durationMs).toBe('number');
    expect(byTx.get('tx-header-2')).toMatchObject({ status: 401, error: 'Access Denied' });
    expect(byTx.get('tx-header-2')!.user).toBeUndefined();
    expect(byTx.get('tx-basic-3')).toMatchObject({ status: 401 });
    expect(byTx.get('tx-query-4')).toMatchObject({
      status: 200, operation: 'query', query: { _queryFilter: '[REDACTED]', token: '[REDACTED]', _pageSize: '5' },
    });
    expect(byTx.get('tx-vault-5')).toMatchObject({ system: 'vault', operation: 'action:test', status: 200 });
    expect(byTx.get('tx-leaky-6')).toMatchObject({ system: 'leaky', operation: 'action:test', status: 200 });
    expect(byTx.get('tx-all-7')).toMatchObject({ path: '/openidm/system', operation: 'action:test' });
    expect(byTx.get('tx-config-8')).toMatchObject({ path: '/openidm/config/provisioner.openicf/leaky', operation: 'read', status: 200 });
    expect(byTx.get('tx-missing-9')).toMatchObject({ status: 404, system: 'csv', operation: 'read' });
    // Exactly one line per request.
    for (const tx of byTx.keys()) expect(requestLines().filter((l) => l.transactionId === tx)).toHaveLength(1);

    const text = logs.text();
    // The leaky connector's message did travel: the response shows it masked.
    expect(JSON.stringify(sent[5]!.body)).toContain('***');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  test('when a liveness probe is answered, then its line is at debug level', async () => {
    await gw.http.get('/openidm/info/ping').set('X-ForgeRock-TransactionId', 'tx-ping');
    expect(requestLines().find((l) => l.transactionId === 'tx-ping')).toMatchObject({ level: 20, status: 200 });
  });
});
