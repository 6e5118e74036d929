import { BOX_SANDBOX_CREDENTIALS } from '../../src/sandbox/box/box-sandbox.js';
import { BoxHarness } from './box-test-harness.js';

let h: BoxHarness;
beforeAll(async () => {
  h = await BoxHarness.start();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await fetch(`${h.baseUrl}/__admin/faults`, { method: 'DELETE' });
});

const grant = (overrides: Record<string, string>): Record<string, string> => ({
  grant_type: 'client_credentials',
  client_id: BOX_SANDBOX_CREDENTIALS.clientId,
  client_secret: BOX_SANDBOX_CREDENTIALS.clientSecret,
  box_subject_type: 'enterprise',
  box_subject_id: BOX_SANDBOX_CREDENTIALS.enterpriseId,
  ...overrides,
});

describe('Box sandbox: OAuth client credentials grant', () => {
  test('when the enterprise grant is asked, then a bearer token with expires_in answers and works', async () => {
    const reply = await h.request('POST', '/oauth2/token', { form: grant({}) });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ token_type: 'bearer' });
    expect(reply.json.expires_in).toBeGreaterThan(0);
    const me = await h.request('GET', '/2.0/users/me', { token: reply.json.access_token as string });
    expect(me.status).toBe(200);
  });

  test('when a user subject is asked, then /users/me is that user', async () => {
    const token = await h.newToken(BOX_SANDBOX_CREDENTIALS.adminUserId);
    expect((await h.request('GET', '/2.0/users/me', { token })).json.id).toBe(BOX_SANDBOX_CREDENTIALS.adminUserId);
  });

  test('when the secret is wrong, then invalid_client; when the subject is unknown, then an OAuth error, never a token', async () => {
    const wrong = await h.request('POST', '/oauth2/token', { form: grant({ client_secret: 'nope' }) });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toBe('invalid_client');
    const subject = await h.request('POST', '/oauth2/token', { form: grant({ box_subject_id: '1' }) });
    expect(subject.status).toBe(400);
    expect(subject.json).not.toHaveProperty('access_token');
    expect(typeof subject.json.error).toBe('string');
    const grantType = await h.request('POST', '/oauth2/token', { form: grant({ grant_type: 'password' }) });
    expect(grantType.status).toBe(400);
  });

  test('when no or a bad token is sent, then 401 with WWW-Authenticate', async () => {
    const none = await h.request('GET', '/2.0/users');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer realm="Service"/);
    expect((await h.request('GET', '/2.0/users', { token: 'made-up' })).status).toBe(401);
  });

  test('when a regular user manages users, then 403', async () => {
    const token = await h.newToken(BOX_SANDBOX_CREDENTIALS.regularUserId);
    expect((await h.request('POST', '/2.0/users', { token, body: { name: 'x', login: 'x@example.com' } })).status).toBe(403);
  });
});

describe('Box sandbox: fault injection', () => {
  test('when a 429 is injected by header, then rate_limit_exceeded with retry-after', async () => {
    const reply = await h.api('GET', '/users', { headers: { 'X-Sandbox-Fault': 'status=429;retryAfter=3' } });
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('3');
    expect(reply.json).toMatchObject({ type: 'error', status: 429, code: 'rate_limit_exceeded' });
  });

  test('when faults are queued by the admin endpoint, then the next calls fail that many times, then recover', async () => {
    const queued = await fetch(`${h.baseUrl}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 503, times: 2 }) });
    expect(queued.ok).toBe(true);
    expect((await h.api('GET', '/groups')).status).toBe(503);
    expect((await h.api('GET', '/groups')).status).toBe(503);
    expect((await h.api('GET', '/groups')).status).toBe(200);
  });

  test('when an expired token is injected, then 401 as Box sends for expired tokens', async () => {
    const reply = await h.api('GET', '/users/me', { headers: { 'X-Sandbox-Fault': 'expiredToken=true' } });
    expect(reply.status).toBe(401);
  });

  test('when a dropped connection or a malformed body is injected, then the client sees exactly that', async () => {
    const token = await h.token();
    await expect(fetch(`${h.baseUrl}/2.0/users`, { headers: { Authorization: `Bearer ${token}`, 'X-Sandbox-Fault': 'drop=true' } })).rejects.toThrow();
    const malformed = await fetch(`${h.baseUrl}/2.0/users`, { headers: { Authorization: `Bearer ${token}`, 'X-Sandbox-Fault': 'malformed=true' } });
    expect(malformed.status).toBe(200);
    const text = await malformed.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  test('when latency is injected, then the answer comes that much later', async () => {
    const started = Date.now();
    expect((await h.api('GET', '/users?limit=1', { headers: { 'X-Sandbox-Fault': 'latencyMs=300' } })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

test('every answer above (OAuth errors and injected faults included) matches the official Box OpenAPI spec', () => {
  expect(h.checked).toBeGreaterThan(15);
  expect(h.violations).toEqual([]);
});

describe('Box sandbox: state', () => {
  test('when the sandbox restarts on its data file, then created users are still there; reset restores the example', async () => {
    const created = await h.api('POST', '/users', { body: { name: 'Persisted Person', login: 'persisted@example.com' } });
    const dataFile = h.dataFile;
    await h.close();
    h = await BoxHarness.start({ dataFile });
    expect((await h.api('GET', `/users/${created.json.id as string}`)).json.login).toBe('persisted@example.com');
    await h.sandbox.reset();
    expect((await h.api('GET', `/users/${created.json.id as string}`)).status).toBe(404);
  });
});
