import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { listenScimSandbox, type ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { SCIM_SANDBOX_CREDENTIALS } from '../../src/sandbox/scim/scim-sandbox.js';
import type { ScimErrorResponse } from '../../src/sandbox/scim/scim-wire.js';

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const AUTH = { Authorization: `Bearer ${SCIM_SANDBOX_CREDENTIALS.bearerToken}` };

let server: ListeningScimSandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-faults-'));
  server = await listenScimSandbox({ dataFile: join(dir, 'scim.json') });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => request(server.baseUrl).delete('/__admin/faults').expect(204));

const api = () => request(server.baseUrl);

describe('SCIM sandbox fault injection', () => {
  test('when a 429 with retryAfter is injected by header, then a SCIM 429 with Retry-After answers', async () => {
    const res = await api().get('/v2/Users').set(AUTH).set('X-Sandbox-Fault', 'status=429;retryAfter=2');

    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.body as ScimErrorResponse).toEqual({ schemas: [ERROR_SCHEMA], status: '429', detail: 'Too many requests; retry after 2 seconds' });
  });

  test.each([500, 502, 503])('when a %i is injected, then a SCIM error with that status answers', async (status) => {
    const res = await api().post('/v2/Users').set(AUTH).set('X-Sandbox-Fault', `status=${status}`).send({ userName: 'never' });

    expect(res.status).toBe(status);
    expect((res.body as ScimErrorResponse).status).toBe(String(status));
    const found = await api().get('/v2/Users').query({ filter: 'userName eq "never"' }).set(AUTH).expect(200);
    expect((found.body as { totalResults: number }).totalResults).toBe(0);
  });

  test('when faults are queued for a path, then only that many matching requests fail, then all pass', async () => {
    await api().post('/__admin/faults').send({ status: 503, retryAfter: 1, times: 2, path: '/v2/Groups' }).expect(201);
    const listed = await api().get('/__admin/faults').expect(200);
    expect(listed.body).toEqual({ faults: [{ status: 503, retryAfter: 1, times: 2, path: '/v2/Groups' }] });

    await api().get('/v2/Users').set(AUTH).expect(200);
    const first = await api().get('/v2/Groups').set(AUTH);
    const second = await api().get('/v2/Groups').set(AUTH);
    const third = await api().get('/v2/Groups').set(AUTH);

    expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
    expect(first.headers['retry-after']).toBe('1');
  });

  test('when a fault is queued for the token endpoint, then token requests fail once', async () => {
    await api().post('/__admin/faults').send([{ status: 500, path: '/oauth2/token' }]).expect(201);
    const form = { grant_type: 'client_credentials', client_id: SCIM_SANDBOX_CREDENTIALS.clientId, client_secret: SCIM_SANDBOX_CREDENTIALS.clientSecret };

    await api().post('/oauth2/token').type('form').send(form).expect(500);
    await api().post('/oauth2/token').type('form').send(form).expect(200);
  });

  test('when latency is injected, then the answer is delayed but correct', async () => {
    const started = Date.now();

    const res = await api().get('/v2/Users/USER_ID').set(AUTH).set('X-Sandbox-Fault', 'latencyMs=150');

    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('when a malformed answer is injected, then 200 with truncated JSON', async () => {
    const res = await api().get('/v2/Users').set(AUTH).set('X-Sandbox-Fault', 'malformed').buffer(true).parse((response, done) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => done(null, text));
    });

    expect(res.status).toBe(200);
    expect(res.body).toBe('{"truncated": ');
  });

  test('when a dropped connection is injected, then the client sees a socket error', async () => {
    await expect(api().get('/v2/Users').set(AUTH).set('X-Sandbox-Fault', 'drop')).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  test('when the fault queue is cleared, then nothing fails', async () => {
    await api().post('/__admin/faults').send({ status: 500, times: 5 }).expect(201);

    await api().delete('/__admin/faults').expect(204);

    await api().get('/v2/Users').set(AUTH).expect(200);
  });
});
