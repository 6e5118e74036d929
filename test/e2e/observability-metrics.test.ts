import { ADMIN, metricSample, startGateway, type Gateway } from '../support/gateway-harness.js';

const METRICS = '/openidm/metrics/prometheus';
const ACCOUNTS = '/openidm/system/csv/__ACCOUNT__';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let gw: Gateway;

beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.close();
});

async function scrape(): Promise<string> {
  const res = await gw.http.get(METRICS).auth('openidm-admin', 'openidm-admin');
  expect(res.status).toBe(200);
  return res.text;
}

describe('GET /openidm/metrics/prometheus', () => {
  test('when no credentials are sent, then the answer is 401 and no metric is shown', async () => {
    const res = await gw.http.get(METRICS);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 401, reason: 'Unauthorized', message: 'Access Denied' });
    expect(res.text).not.toContain('idm_gateway_');
  });

  test('when IDM headers authenticate, then the Prometheus text format is served with process metrics', async () => {
    const res = await gw.http.get(METRICS).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'idm_gateway_requests_seconds', 'idm_gateway_request_errors_total', 'idm_gateway_backend_call_seconds',
      'idm_gateway_backend_retries_total', 'idm_gateway_rate_limit_wait_seconds', 'idm_gateway_tokens_refreshed_total',
    ]) {
      expect(res.text).toContain(`# TYPE ${name} `);
    }
    expect(res.text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(res.text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  test('when CSV requests are served, then request histograms and error counters move with bounded labels', async () => {
    const before = await scrape();
    const query = { system: 'csv', object_type: '__ACCOUNT__', operation: 'query', status: '200' };
    const read = { system: 'csv', object_type: '__ACCOUNT__', operation: 'read', status: '200' };
    const missing = { system: 'csv', object_type: '__ACCOUNT__', operation: 'read', status: '404' };
    const count = (text: string, labels: Record<string, string>): number => metricSample(text, 'idm_gateway_requests_seconds_count', labels) ?? 0;
    const errors = (text: string, code: string): number => metricSample(text, 'idm_gateway_request_errors_total', { code }) ?? 0;

    expect((await gw.http.get(`${ACCOUNTS}?_queryFilter=true`).set(ADMIN)).status).toBe(200);
    expect((await gw.http.get(`${ACCOUNTS}?_queryId=query-all-ids`).set(ADMIN)).status).toBe(200);
    expect((await gw.http.get(`${ACCOUNTS}/bjensen`).set(ADMIN)).status).toBe(200);
    expect((await gw.http.get(`${ACCOUNTS}/no-such-user-4711`).set(ADMIN)).status).toBe(404);
    expect((await gw.http.get('/openidm/system/csv/madeUpType-4711/x').set(ADMIN)).status).toBe(404);
    expect((await gw.http.get('/openidm/system/madeUpSystem-4711/__ACCOUNT__').set(ADMIN)).status).toBe(404);
    expect((await gw.http.post('/openidm/system/csv?_action=test').set(ADMIN)).status).toBe(200);
    expect((await gw.http.get(`${ACCOUNTS}?_queryFilter=true`)).status).toBe(401);

    const after = await scrape();
    expect(count(after, query) - count(before, query)).toBe(2);
    expect(count(after, read) - count(before, read)).toBe(1);
    expect(count(after, missing) - count(before, missing)).toBe(1);
    expect(count(after, { system: 'csv', object_type: 'none', operation: 'action:test', status: '200' })).toBe(1);
    // Names a caller made up are `unknown`; unauthenticated requests were never routed.
    expect(count(after, { system: 'csv', object_type: 'unknown', operation: 'read', status: '404' })).toBe(1);
    expect(count(after, { system: 'unknown', object_type: 'none', operation: 'read', status: '404' })).toBe(1);
    expect(count(after, { system: 'none', object_type: 'none', operation: 'unknown', status: '401' })).toBeGreaterThanOrEqual(1);
    // The +Inf bucket counts every observation; the sum is a positive duration.
    expect(metricSample(after, 'idm_gateway_requests_seconds_bucket', { ...query, le: '+Inf' })).toBe(count(after, query));
    expect(metricSample(after, 'idm_gateway_requests_seconds_sum', query)).toBeGreaterThan(0);
    expect(errors(after, '404') - errors(before, '404')).toBe(3);
    expect(errors(after, '401') - errors(before, '401')).toBe(1);
    // Ids and made-up names never become label values.
    for (const raw of ['bjensen', 'no-such-user-4711', 'madeUpType-4711', 'madeUpSystem-4711']) expect(after).not.toContain(raw);
  });

  test('when the CSV connector is used, then no backend call is reported (it makes no HTTP calls)', async () => {
    const text = await scrape();
    expect(text).not.toMatch(/^idm_gateway_backend_call_seconds_count\{/m);
  });
});

describe('X-ForgeRock-TransactionId', () => {
  test('when the caller sends one, then it is echoed on the response', async () => {
    const res = await gw.http.get(`${ACCOUNTS}/bjensen`).set(ADMIN).set('X-ForgeRock-TransactionId', 'abc-123/0');
    expect(res.status).toBe(200);
    expect(res.headers['x-forgerock-transactionid']).toBe('abc-123/0');
  });

  test('when the caller sends none, then a fresh UUID is answered, also on errors and unauthenticated requests', async () => {
    const ok = await gw.http.get(`${ACCOUNTS}/bjensen`).set(ADMIN);
    const denied = await gw.http.get(METRICS);
    const ping = await gw.http.get('/openidm/info/ping');
    const ids = [ok, denied, ping].map((r) => r.headers['x-forgerock-transactionid']);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(3);
  });

  test('when the sent id is too long or not printable, then it is replaced by a fresh one', async () => {
    const long = await gw.http.get(`${ACCOUNTS}/bjensen`).set(ADMIN).set('X-ForgeRock-TransactionId', 'x'.repeat(129));
    expect(long.headers['x-forgerock-transactionid']).toMatch(UUID);
    const spaced = await gw.http.get(`${ACCOUNTS}/bjensen`).set(ADMIN).set('X-ForgeRock-TransactionId', 'has space');
    expect(spaced.headers['x-forgerock-transactionid']).toMatch(UUID);
    const max = await gw.http.get(`${ACCOUNTS}/bjensen`).set(ADMIN).set('X-ForgeRock-TransactionId', 'y'.repeat(128));
    expect(max.headers['x-forgerock-transactionid']).toBe('y'.repeat(128));
  });
});
