import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDropboxSandboxServer } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import type { RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';

describe('Dropbox sandbox fault injection', () => {
  let s: RunningDropboxSandbox;

  beforeAll(async () => {
    s = await startDropboxSandboxServer({ dataFile: join(mkdtempSync(join(tmpdir(), 'dropbox-faults-')), 'dropbox.json') });
  });
  afterAll(() => s.close());
  beforeEach(() => s.sandbox.reset());

  test('when a 429 is injected by header, then Dropbox\'s RateLimitError body and Retry-After come back', async () => {
    const got = await s.call('team/members/list_v2', { limit: 1 }, { headers: { 'X-Sandbox-Fault': 'status=429;retryAfter=3' } });
    expect(got.status).toBe(429);
    expect(got.headers.get('retry-after')).toBe('3');
    expect(got.headers.get('content-type')).toBe('application/json');
    expect(got.json).toEqual({ error_summary: 'too_many_requests/...', error: { reason: { '.tag': 'too_many_requests' }, retry_after: 3 } });
  });

  test('when a 429 is injected without retryAfter, then Retry-After and retry_after default to 1', async () => {
    const got = await s.call('team/get_info', undefined, { headers: { 'X-Sandbox-Fault': 'status=429' } });
    expect(got.headers.get('retry-after')).toBe('1');
    expect((got.json as { error: { retry_after: number } }).error.retry_after).toBe(1);
  });

  test('when a 503 is queued for one path, then that call gets plain text and the next succeeds', async () => {
    const queued = await s.admin('faults', { status: 503, retryAfter: 2, path: 'members/list_v2' });
    expect(queued.status).toBe(201);
    expect((await s.call('team/get_info')).status).toBe(200);
    const failed = await s.call('team/members/list_v2', { limit: 1 });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(failed.headers.get('retry-after')).toBe('2');
    expect(failed.text).toBe('Service Unavailable');
    expect((await s.call('team/members/list_v2', { limit: 1 })).status).toBe(200);
  });

  test('when a 500 is injected, then the body is plain text', async () => {
    const got = await s.call('team/get_info', undefined, { headers: { 'X-Sandbox-Fault': 'status=500' } });
    expect(got.status).toBe(500);
    expect(got.text).toBe('Internal Server Error');
  });

  test('when a fault is queued with times=2, then two calls fail and the queue empties', async () => {
    await s.admin('faults', { status: 429, times: 2 });
    expect((await s.call('team/get_info')).status).toBe(429);
    expect((await s.call('team/get_info')).status).toBe(429);
    expect((await s.call('team/get_info')).status).toBe(200);
  });

  test('when an expired token is injected, then the auth check answers 401 expired_access_token', async () => {
    const got = await s.call('team/get_info', undefined, { headers: { 'X-Sandbox-Fault': 'expiredToken' } });
    expect(got.status).toBe(401);
    expect(got.json).toEqual({ error_summary: 'expired_access_token/...', error: { '.tag': 'expired_access_token' } });
    expect((await s.call('team/get_info')).status).toBe(200);
  });

  test('when a malformed answer is injected, then a truncated JSON body comes with 200', async () => {
    const response = await fetch(`${s.baseUrl}/2/team/get_info`, { method: 'POST', headers: { 'X-Sandbox-Fault': 'malformed' } });
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  test('when a dropped connection is injected, then the request fails without an answer', async () => {
    await expect(s.call('team/get_info', undefined, { headers: { 'X-Sandbox-Fault': 'drop' } })).rejects.toThrow();
  });

  test('when latency is injected, then the answer is delayed but normal', async () => {
    const started = Date.now();
    const got = await s.call('team/get_info', undefined, { headers: { 'X-Sandbox-Fault': 'latencyMs=150' } });
    expect(got.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('when a fault targets the token endpoint, then the refresh fails with it', async () => {
    await s.admin('faults', { status: 503, path: '/oauth2/token' });
    const got = await s.token();
    expect(got.status).toBe(503);
    expect((await s.token()).status).toBe(200);
  });

  test('when a fault is queued, then admin endpoints are not affected and DELETE clears the queue', async () => {
    await s.admin('faults', { status: 500, times: 5 });
    expect((await s.admin('expire-access-tokens')).status).toBe(204);
    const listed = await fetch(`${s.baseUrl}/__admin/faults`);
    expect(((await listed.json()) as { faults: unknown[] }).faults).toHaveLength(1);
    expect((await fetch(`${s.baseUrl}/__admin/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await s.call('team/get_info', undefined, { token: await s.accessToken() })).status).toBe(200);
  });
});
