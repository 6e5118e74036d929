import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DROPBOX_SANDBOX_CREDENTIALS } from '../../src/sandbox/dropbox/dropbox-sandbox.js';
import { startDropboxSandboxServer } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import type { RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import { DROPBOX_SANDBOX_AUTHORIZATION_CODE } from '../../src/sandbox/dropbox/dropbox-credentials.js';

const { clientId, clientSecret, refreshToken } = DROPBOX_SANDBOX_CREDENTIALS;
const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;

interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
}

const dataFile = (): string => join(mkdtempSync(join(tmpdir(), 'dropbox-oauth-')), 'dropbox.json');

describe('Dropbox sandbox OAuth2 token endpoint', () => {
  let s: RunningDropboxSandbox;
  let clock = Date.now();

  beforeAll(async () => {
    s = await startDropboxSandboxServer({ dataFile: dataFile(), now: () => clock });
  });
  afterAll(() => s.close());
  beforeEach(async () => {
    clock = Date.now();
    await s.sandbox.reset();
  });

  test('when refreshing with HTTP Basic client credentials, then a 4-hour bearer token is issued and accepted', async () => {
    const got = await s.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, { Authorization: basic });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/json');
    const body = got.json as TokenBody;
    expect(body).toEqual({ access_token: expect.stringMatching(/^sl\./), token_type: 'bearer', expires_in: 14400 });
    expect(body.refresh_token).toBeUndefined();
    const info = await s.call('team/get_info', undefined, { token: body.access_token });
    expect(info.status).toBe(200);
  });

  test('when refreshing with client_id and client_secret form fields, then a token is issued', async () => {
    const got = await s.token({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret });
    expect(got.status).toBe(200);
    expect((got.json as TokenBody).token_type).toBe('bearer');
  });

  test('when the parameters come in the query string (the JS SDK default), then a token is issued', async () => {
    const query = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret });
    const response = await fetch(`${s.baseUrl}/oauth2/token?${query.toString()}`, { method: 'POST' });
    expect(response.status).toBe(200);
  });

  test('when the refresh token is unknown, then 400 invalid_grant', async () => {
    const got = await s.token({ grant_type: 'refresh_token', refresh_token: 'nope' }, { Authorization: basic });
    expect(got.status).toBe(400);
    expect(got.json).toEqual({ error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' });
  });

  test('when the client secret is wrong, then 400 invalid_client', async () => {
    const got = await s.token({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, client_secret: 'wrong' });
    expect(got.status).toBe(400);
    expect(got.json).toEqual({ error: 'invalid_client', error_description: 'Invalid client_id or client_secret' });
  });

  test('when no client credentials are sent, then 400 invalid_request', async () => {
    const got = await s.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(got.status).toBe(400);
    expect(got.json).toEqual({ error: 'invalid_request', error_description: 'No auth function available for given request' });
  });

  test('when the grant type is not supported, then 400 unsupported_grant_type', async () => {
    const got = await s.token({ grant_type: 'password', username: 'a', password: 'b' }, { Authorization: basic });
    expect(got.status).toBe(400);
    expect((got.json as { error: string }).error).toBe('unsupported_grant_type');
  });

  test('when the refresh token is revoked through the admin endpoint, then refresh fails and its access tokens stop working', async () => {
    const token = await s.accessToken();
    expect((await s.admin('revoke-refresh-token')).status).toBe(204);

    const refused = await s.token();
    expect(refused.status).toBe(400);
    expect((refused.json as { error: string }).error).toBe('invalid_grant');
    const call = await s.call('team/get_info', undefined, { token });
    expect(call.status).toBe(401);
    expect(call.json).toEqual({ error_summary: 'invalid_access_token/...', error: { '.tag': 'invalid_access_token' } });

    expect((await s.admin('restore-refresh-token')).status).toBe(204);
    expect((await s.token()).status).toBe(200);
  });

  test('when a revoked refresh token is reset, then the example state restores it', async () => {
    await s.admin('revoke-refresh-token');
    expect((await s.admin('reset')).status).toBe(204);
    expect((await s.token()).status).toBe(200);
  });

  test('when auth/token/revoke is called, then the token and its refresh token are disabled', async () => {
    const token = await s.accessToken();
    const revoked = await s.call('auth/token/revoke', undefined, { token });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toBeNull();
    expect((await s.call('team/get_info', undefined, { token })).status).toBe(401);
    expect((await s.token()).status).toBe(400);
  });

  test('when the token lifetime has passed, then calls answer 401 expired_access_token and a refresh recovers', async () => {
    const token = await s.accessToken();
    clock += 14_400 * 1000 + 1;
    const expired = await s.call('team/get_info', undefined, { token });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('Bearer realm="Dropbox-API"');
    expect(expired.json).toEqual({ error_summary: 'expired_access_token/...', error: { '.tag': 'expired_access_token' } });
    const fresh = await s.accessToken();
    expect((await s.call('team/get_info', undefined, { token: fresh })).status).toBe(200);
  });

  test('when the admin endpoint expires access tokens, then calls answer 401 expired_access_token', async () => {
    const token = await s.accessToken();
    expect((await s.admin('expire-access-tokens')).status).toBe(204);
    const got = await s.call('team/get_info', undefined, { token });
    expect(got.status).toBe(401);
    expect((got.json as { error: { '.tag': string } }).error['.tag']).toBe('expired_access_token');
  });

  test('when the scope is narrowed to members.read, then a write answers 401 missing_scope', async () => {
    const got = await s.token({ grant_type: 'refresh_token', refresh_token: refreshToken, scope: 'members.read' }, { Authorization: basic });
    const token = (got.json as TokenBody).access_token;
    expect((await s.call('team/members/list_v2', { limit: 1 }, { token })).status).toBe(200);
    const write = await s.call('team/members/add_v2', { new_members: [{ member_email: 'x@acme.example.com' }] }, { token });
    expect(write.status).toBe(401);
    expect(write.json).toEqual({ error_summary: 'missing_scope/...', error: { '.tag': 'missing_scope', required_scope: 'members.write' } });
  });

  test('when a scope the app was not granted is requested, then 400 invalid_scope', async () => {
    const got = await s.token({ grant_type: 'refresh_token', refresh_token: refreshToken, scope: 'files.content.write' }, { Authorization: basic });
    expect(got.status).toBe(400);
    expect((got.json as { error: string }).error).toBe('invalid_scope');
  });

  test('when the authorization code is exchanged, then a new refresh token is issued and refreshes', async () => {
    const got = await s.token({ grant_type: 'authorization_code', code: DROPBOX_SANDBOX_AUTHORIZATION_CODE }, { Authorization: basic });
    expect(got.status).toBe(200);
    const body = got.json as TokenBody;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 14400, refresh_token: expect.any(String) });
    const refreshed = await s.token({ grant_type: 'refresh_token', refresh_token: body.refresh_token! }, { Authorization: basic });
    expect(refreshed.status).toBe(200);
    const bad = await s.token({ grant_type: 'authorization_code', code: 'other' }, { Authorization: basic });
    expect((bad.json as { error: string }).error).toBe('invalid_grant');
  });
});

describe('Dropbox sandbox token lifetime option', () => {
  test('when tokenTtlSeconds is set, then tokens expire after it', async () => {
    let clock = Date.now();
    const s = await startDropboxSandboxServer({ dataFile: dataFile(), tokenTtlSeconds: 60, now: () => clock });
    try {
      const got = await s.token();
      expect((got.json as TokenBody).expires_in).toBe(60);
      const token = (got.json as TokenBody).access_token;
      clock += 59_000;
      expect((await s.call('team/get_info', undefined, { token })).status).toBe(200);
      clock += 2_000;
      expect((await s.call('team/get_info', undefined, { token })).status).toBe(401);
    } finally {
      await s.close();
    }
  });
});
