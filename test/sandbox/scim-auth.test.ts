import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { listenScimSandbox, type ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { SCIM_SANDBOX_CREDENTIALS as CREDS } from '../../src/sandbox/scim/scim-sandbox.js';
import type { OAuthErrorResponse, OAuthTokenResponse, ScimErrorResponse, ScimUser } from '../../src/sandbox/scim/scim-wire.js';

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

let server: ListeningScimSandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-auth-'));
  server = await listenScimSandbox({ dataFile: join(dir, 'scim.json') });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = () => request(server.baseUrl);
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function clientCredentialsToken(): Promise<OAuthTokenResponse> {
  const res = await api().post('/oauth2/token').set('Authorization', basic(CREDS.clientId, CREDS.clientSecret)).type('form').send({ grant_type: 'client_credentials' });
  expect(res.status).toBe(200);
  return res.body as OAuthTokenResponse;
}

function expectUnauthorized(res: request.Response, detail: RegExp): void {
  expect(res.status).toBe(401);
  expect(res.body as ScimErrorResponse).toEqual({ schemas: [ERROR_SCHEMA], status: '401', detail: expect.stringMatching(detail) });
  expect(res.headers['www-authenticate']).toMatch(/Bearer realm="scim-sandbox".*Basic realm="scim-sandbox"/);
}

describe('SCIM sandbox authentication', () => {
  test('when no credentials are sent, then every API endpoint answers 401 with challenges', async () => {
    for (const path of ['/v2/Users', '/v2/Users/USER_ID', '/v2/Groups', '/v2/ServiceProviderConfig', '/v2/Nowhere']) {
      expectUnauthorized(await api().get(path), /Authentication is required/);
    }
  });

  test('when HTTP Basic carries the sandbox username and password, then the request passes', async () => {
    const res = await api().get('/v2/Users/USER_ID').set('Authorization', basic(CREDS.username, CREDS.password));

    expect(res.status).toBe(200);
    expect((res.body as ScimUser).userName).toBe('john');
  });

  test('when HTTP Basic carries a wrong password or a malformed value, then 401', async () => {
    expectUnauthorized(await api().get('/v2/Users').set('Authorization', basic(CREDS.username, 'wrong')), /Invalid username or password/);
    expectUnauthorized(await api().get('/v2/Users').set('Authorization', 'Basic !!!'), /Invalid username or password/);
  });

  test('when the static token is sent with Bearer or another prefix, then the request passes', async () => {
    await api().get('/v2/Users').set('Authorization', `Bearer ${CREDS.bearerToken}`).expect(200);
    await api().get('/v2/Users').set('Authorization', `Token ${CREDS.bearerToken}`).expect(200);
  });

  test('when an unknown token is sent, then 401 invalid_token', async () => {
    const res = await api().get('/v2/Users').set('Authorization', 'Bearer nope');

    expectUnauthorized(res, /Invalid access token/);
    expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });

  test('when a client-credentials token is requested with Basic client auth, then an RFC 6749 token is issued and accepted', async () => {
    const res = await api().post('/oauth2/token').set('Authorization', basic(CREDS.clientId, CREDS.clientSecret)).type('form').send({ grant_type: 'client_credentials', scope: 'scim' });

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const token = res.body as OAuthTokenResponse;
    expect(token).toEqual({ access_token: expect.stringMatching(/^scim\./), token_type: 'Bearer', expires_in: 3600, scope: 'scim' });
    await api().get('/v2/Users').set('Authorization', `Bearer ${token.access_token}`).expect(200);
  });

  test('when client credentials come as form fields, then a token is issued', async () => {
    const res = await api().post('/oauth2/token').type('form').send({ grant_type: 'client_credentials', client_id: CREDS.clientId, client_secret: CREDS.clientSecret });

    expect(res.status).toBe(200);
    await api().get('/v2/Groups').set('Authorization', `Bearer ${(res.body as OAuthTokenResponse).access_token}`).expect(200);
  });

  test('when the refresh_token grant carries the sandbox refresh token, then a token is issued', async () => {
    const res = await api().post('/oauth2/token').set('Authorization', basic(CREDS.clientId, CREDS.clientSecret)).type('form').send({ grant_type: 'refresh_token', refresh_token: CREDS.refreshToken });

    expect(res.status).toBe(200);
    expect((res.body as OAuthTokenResponse).refresh_token).toBe(CREDS.refreshToken);
  });

  const tokenErrors: [string, (r: ReturnType<typeof api>) => request.Test, number, string][] = [
    ['a wrong client secret', (r) => r.post('/oauth2/token').set('Authorization', basic(CREDS.clientId, 'wrong')).type('form').send({ grant_type: 'client_credentials' }), 401, 'invalid_client'],
    ['no client credentials', (r) => r.post('/oauth2/token').type('form').send({ grant_type: 'client_credentials' }), 401, 'invalid_client'],
    ['an unknown client in the form', (r) => r.post('/oauth2/token').type('form').send({ grant_type: 'client_credentials', client_id: 'x', client_secret: 'y' }), 401, 'invalid_client'],
    ['the password grant', (r) => r.post('/oauth2/token').set('Authorization', basic(CREDS.clientId, CREDS.clientSecret)).type('form').send({ grant_type: 'password', username: 'a', password: 'b' }), 400, 'unsupported_grant_type'],
    ['no grant_type', (r) => r.post('/oauth2/token').set('Authorization', basic(CREDS.clientId, CREDS.clientSecret)).type('form').send({}), 400, 'invalid_request'],
    ['a wrong refresh token', (r) => r.post('/oauth2/token').set('Authorization', basic(CREDS.clientId, CREDS.clientSecret)).type('form').send({ grant_type: 'refresh_token', refresh_token: 'x' }), 400, 'invalid_grant'],
    ['a GET', (r) => r.get('/oauth2/token'), 405, 'invalid_request'],
  ];
  test.each(tokenErrors)('when the token request has %s, then %i %s', async (_name, send, status, error) => {
    const res = await send(api());

    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect((res.body as OAuthErrorResponse).error).toBe(error);
  });

  test('when an issued token has expired, then 401 says so', async () => {
    const token = await clientCredentialsToken();
    server.sandbox.tokens.expireAll();

    const res = await api().get('/v2/Users').set('Authorization', `Bearer ${token.access_token}`);

    expectUnauthorized(res, /expired/);
    expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });

  test('when tokenTtlSeconds is 1, then tokens say so and stop working after a second', async () => {
    const shortDir = mkdtempSync(join(tmpdir(), 'scim-ttl-'));
    const short = await listenScimSandbox({ dataFile: join(shortDir, 'scim.json'), tokenTtlSeconds: 1 });
    try {
      const res = await request(short.baseUrl).post('/oauth2/token').type('form').send({ grant_type: 'client_credentials', client_id: CREDS.clientId, client_secret: CREDS.clientSecret });
      const token = res.body as OAuthTokenResponse;
      expect(token.expires_in).toBe(1);
      await request(short.baseUrl).get('/v2/Users').set('Authorization', `Bearer ${token.access_token}`).expect(200);

      await new Promise((resolve) => setTimeout(resolve, 1100));

      expectUnauthorized(await request(short.baseUrl).get('/v2/Users').set('Authorization', `Bearer ${token.access_token}`), /expired/);
    } finally {
      await short.close();
      rmSync(shortDir, { recursive: true, force: true });
    }
  });

  test('when the expiredToken fault is injected, then tokens are refused but Basic still passes', async () => {
    const token = await clientCredentialsToken();

    const withToken = await api().get('/v2/Users').set('Authorization', `Bearer ${token.access_token}`).set('X-Sandbox-Fault', 'expiredToken');
    const withStatic = await api().get('/v2/Users').set('Authorization', `Bearer ${CREDS.bearerToken}`).set('X-Sandbox-Fault', 'expiredToken');
    const withBasic = await api().get('/v2/Users').set('Authorization', basic(CREDS.username, CREDS.password)).set('X-Sandbox-Fault', 'expiredToken');

    expectUnauthorized(withToken, /expired/);
    expectUnauthorized(withStatic, /expired/);
    expect(withBasic.status).toBe(200);
    await api().get('/v2/Users').set('Authorization', `Bearer ${token.access_token}`).expect(200);
  });
});
