import { generateKeyPairSync, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { HttpClient, collapseIds } from '../../src/connectors/shared/http-client.js';
import { readSaasSettings } from '../../src/connectors/shared/saas-settings.js';
import { UnknownUidError } from '../../src/provisioner/connector-errors.js';
import type { BackendCallEvent, BackendObserver, OperationContext } from '../../src/provisioner/spi.js';
import type { JsonObject } from '../../src/util/json.js';
import { json, startLoopbackServer, type LoopbackServer, type Reply, type SeenRequest } from '../support/loopback-server.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/tls');
const SECRET = 'client-secret-Zq81-never-logged';

const servers: LoopbackServer[] = [];
const clients: HttpClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(handler: (req: SeenRequest, i: number) => Reply | Promise<Reply>, tls?: { key: string; cert: string }): Promise<LoopbackServer> {
  const s = await startLoopbackServer(handler, tls);
  servers.push(s);
  return s;
}

class RecordingObserver implements BackendObserver {
  calls: BackendCallEvent[] = [];
  retries: string[] = [];
  waits: number[] = [];
  tokens: string[] = [];
  call(event: BackendCallEvent): void {
    this.calls.push(event);
  }
  retry(_op: string, reason: string): void {
    this.retries.push(reason);
  }
  rateLimitWait(_op: string, ms: number): void {
    this.waits.push(ms);
  }
  tokenRefreshed(outcome: 'success' | 'failure'): void {
    this.tokens.push(outcome);
  }
}

function client(properties: JsonObject, observer?: BackendObserver, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}): HttpClient {
  const { settings, problems } = readSaasSettings(properties);
  expect(problems).toEqual([]);
  const c = new HttpClient({ settings, ...(observer ? { observer } : {}), ...extra });
  clients.push(c);
  return c;
}

function ctx(options: { timeoutMs?: number; operation?: OperationContext['operation'] } = {}): OperationContext {
  const signal = options.timeoutMs === undefined ? new AbortController().signal : AbortSignal.timeout(options.timeoutMs);
  return {
    signal,
    operation: options.operation ?? 'GET',
    options: {},
    ...(options.timeoutMs === undefined ? {} : { deadline: Date.now() + options.timeoutMs }),
  };
}

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; retryAfterMs?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string; retryAfterMs?: number };
  }
  throw new Error('expected the call to fail');
}

const form = (body: string): Record<string, string> => Object.fromEntries(new URLSearchParams(body));

describe('OAuth token negotiation', () => {
  test('when many calls start at once, then one token request serves them all and the token is reused', async () => {
    let tokens = 0;
    const api = await server((req) => {
      if (req.url === '/oauth2/token') {
        tokens++;
        return { ...json(200, { access_token: `tok-${tokens}`, token_type: 'bearer', expires_in: 3600 }), delayMs: 50 };
      }
      return json(200, { auth: req.headers.authorization });
    });
    const c = client({ serviceUri: api.url, tokenEndpoint: `${api.url}/oauth2/token`, clientId: 'app', clientSecret: SECRET, grantType: 'refresh_token', refreshToken: 'rt-1' });
    const answers = await Promise.all(Array.from({ length: 8 }, () => c.request({ method: 'GET', path: '/me' }, ctx())));
    expect(answers.map((a) => (a.body as { auth: string }).auth)).toEqual(Array(8).fill('Bearer tok-1'));
    await c.request({ method: 'GET', path: '/me' }, ctx());
    expect(tokens).toBe(1);
    const tokenRequest = api.seen.find((r) => r.url === '/oauth2/token')!;
    expect(form(tokenRequest.body)).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-1' });
    expect(tokenRequest.headers.authorization).toBe(`Basic ${Buffer.from(`app:${SECRET}`).toString('base64')}`);
  });

  test('when useBasicAuthForOauthTokenNeg is false, then the client credentials travel in the form', async () => {
    const api = await server((req) => (req.url === '/token' ? json(200, { access_token: 't', expires_in: 60 }) : json(200, {})));
    const c = client({ serviceUri: api.url, tokenEndpoint: `${api.url}/token`, clientId: 'app', clientSecret: SECRET, grantType: 'client_credentials', useBasicAuthForOauthTokenNeg: false, scope: 'users.read' });
    await c.request({ method: 'GET', path: '/x' }, ctx());
    const tokenRequest = api.seen[0]!;
    expect(tokenRequest.headers.authorization).toBeUndefined();
    expect(form(tokenRequest.body)).toEqual({ grant_type: 'client_credentials', client_id: 'app', client_secret: SECRET, scope: 'users.read' });
  });

  test('when the API answers 401 to a cached token, then the token is refreshed once and the call succeeds', async () => {
    let tokens = 0;
    const api = await server((req) => {
      if (req.url === '/token') return json(200, { access_token: `tok-${++tokens}`, expires_in: 3600, refresh_token: `rt-${tokens + 1}` });
      return req.headers.authorization === 'Bearer tok-1' ? json(401, { error_summary: 'expired_access_token/' }) : json(200, { ok: true });
    });
    const observer = new RecordingObserver();
    const c = client({ serviceUri: api.url, tokenEndpoint: `${api.url}/token`, clientId: 'app', clientSecret: SECRET, grantType: 'refresh_token', refreshToken: 'rt-1' }, observer);
    const answer = await c.request({ method: 'POST', path: '/2/team/get_info', json: null }, ctx());
    expect(answer.body).toEqual({ ok: true });
    expect(tokens).toBe(2);
    // The rotated refresh token is the one used for the second grant.
    expect(form(api.seen.filter((r) => r.url === '/token')[1]!.body).refresh_token).toBe('rt-2');
    expect(observer.tokens).toEqual(['success', 'success']);
  });

  test('when the API keeps answering 401, then the call fails as a configuration problem after one refresh', async () => {
    let tokens = 0;
    const api = await server((req) => (req.url === '/token' ? json(200, { access_token: `t${++tokens}` }) : json(401, { error_summary: 'invalid_access_token/' })));
    const c = client({ serviceUri: api.url, tokenEndpoint: `${api.url}/token`, clientId: 'app', clientSecret: SECRET });
    const error = await failure(c.request({ method: 'GET', path: '/users' }, ctx()));
    expect(error.name).toBe('ConfigurationError');
    expect(error.message).toContain('401');
    expect(tokens).toBe(2);
  });

  test('when the refresh token is revoked, then the error names invalid_grant and never the secrets', async () => {
    const api = await server(() => json(400, { error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' }));
    const c = client({ serviceUri: api.url, tokenEndpoint: `${api.url}/oauth2/token`, clientId: 'app', clientSecret: SECRET, grantType: 'refresh_token', refreshToken: 'rt-revoked-9981' });
    const error = await failure(c.request({ method: 'GET', path: '/x' }, ctx()));
    expect(error.name).toBe('ConfigurationError');
    expect(error.message).toMatch(/invalid_grant.*revoked/);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('rt-revoked-9981');
  });

  test('when grantType is jwt_bearer, then a signed assertion verifiable with the public key is sent', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const api = await server((req) => (req.url === '/token' ? json(200, { access_token: 'jwt-tok' }) : json(200, { auth: req.headers.authorization })));
    const c = client({
      serviceUri: api.url, tokenEndpoint: `${api.url}/token`, clientId: 'svc-app', authenticationMethod: 'JWT_TOKEN',
      jwtPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), jwtClaims: { sub: 'admin@example.com' }, jwtKey: 'key-1',
    });
    const answer = await c.request({ method: 'GET', path: '/x' }, ctx());
    expect(answer.body).toEqual({ auth: 'Bearer jwt-tok' });
    const sent = form(api.seen[0]!.body);
    expect(sent.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [header, payload, signature] = sent.assertion!.split('.');
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature!, 'base64url'))).toBe(true);
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'key-1' });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: 'svc-app', sub: 'admin@example.com', aud: `${api.url}/token` });
    expect((claims.exp as number) - (claims.iat as number)).toBe(300);
  });
});

describe('static credentials', () => {
  test('when authenticationMethod is BASIC or TOKEN, then every call carries the header', async () => {
    const api = await server((req) => json(200, { auth: req.headers.authorization }));
    const basic = client({ serviceUri: api.url, authenticationMethod: 'BASIC', login: 'admin', password: SECRET });
    const token = client({ serviceUri: api.url, authenticationMethod: 'TOKEN', authToken: 'static-tok', authorizationTokenPrefix: 'SSWS' });
    expect((await basic.request({ method: 'GET', path: '/a' }, ctx())).body).toEqual({ auth: `Basic ${Buffer.from(`admin:${SECRET}`).toString('base64')}` });
    expect((await token.request({ method: 'GET', path: '/a' }, ctx())).body).toEqual({ auth: 'SSWS static-tok' });
  });
});

describe('retries', () => {
  const props = (url: string): JsonObject => ({ serviceUri: url, authenticationMethod: 'NONE' });

  test('when a GET meets 503 twice, then it is retried with backoff and succeeds', async () => {
    const api = await server((_r, i) => (i < 2 ? json(503, { message: 'busy' }) : json(200, { ok: 1 })));
    const observer = new RecordingObserver();
    const answer = await client(props(api.url), observer).request({ method: 'GET', path: '/users' }, ctx());
    expect(answer.body).toEqual({ ok: 1 });
    expect(api.seen).toHaveLength(3);
    expect(observer.retries).toEqual(['503', '503']);
    expect(observer.calls.map((c) => c.status)).toEqual([503, 503, 200]);
  });

  test('when a POST (a create) meets 500, then it is not retried and fails once', async () => {
    const api = await server(() => json(500, { message: 'internal' }));
    const error = await failure(client(props(api.url)).request({ method: 'POST', path: '/users', json: { name: 'x' } }, ctx({ operation: 'CREATE' })));
    expect(api.seen).toHaveLength(1);
    expect(error.name).toBe('ConnectorIOError');
    expect(error.message).toContain('500');
  });

  test('when a POST loses its connection, then it is not retried: the server may have created the object', async () => {
    const api = await server(() => 'reset');
    const error = await failure(client(props(api.url)).request({ method: 'POST', path: '/users', json: {} }, ctx({ operation: 'CREATE' })));
    expect(api.seen).toHaveLength(1);
    expect(error.name).toBe('ConnectionBrokenError');
  });

  test('when a GET loses its connection, then it is retried', async () => {
    const api = await server((_r, i) => (i === 0 ? 'reset' : json(200, { ok: 1 })));
    expect((await client(props(api.url)).request({ method: 'GET', path: '/u' }, ctx())).body).toEqual({ ok: 1 });
    expect(api.seen).toHaveLength(2);
  });

  test('when the backend answers 429 with Retry-After inside the deadline, then the call waits and succeeds, even a create', async () => {
    const api = await server((_r, i) => (i === 0 ? json(429, { error: 'too_many_requests' }, { 'Retry-After': '1' }) : json(201, { id: '7' })));
    const started = Date.now();
    const answer = await client(props(api.url)).request({ method: 'POST', path: '/users', json: {} }, ctx({ timeoutMs: 5000, operation: 'CREATE' }));
    expect(answer.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test('when Retry-After does not fit the operation timeout, then it fails at once as retryable with the hint', async () => {
    const api = await server(() => json(429, { error: 'too_many_requests' }, { 'Retry-After': '30' }));
    const started = Date.now();
    const error = await failure(client(props(api.url)).request({ method: 'GET', path: '/u' }, ctx({ timeoutMs: 2000 })));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.name).toBe('RetryableError');
    expect(error.retryAfterMs).toBe(30_000);
    expect(api.seen).toHaveLength(1);
  });

  test('when the 5xx never stops, then retries are bounded', async () => {
    const api = await server(() => json(502, {}));
    const error = await failure(client(props(api.url), undefined, { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1000 } }).request({ method: 'DELETE', path: '/u/1' }, ctx()));
    expect(api.seen).toHaveLength(3);
    expect(error.name).toBe('RetryableError');
  });
});

describe('error mapping', () => {
  const props = (url: string): JsonObject => ({ serviceUri: url, authenticationMethod: 'NONE' });

  test.each([
    [400, 'InvalidAttributeValueError'],
    [403, 'PermissionDeniedError'],
    [404, 'UnknownUidError'],
    [409, 'AlreadyExistsError'],
    [412, 'PreconditionFailedError'],
  ])('when the backend answers %i, then the connector error is %s with the vendor message', async (status, name) => {
    const api = await server(() => json(status, { message: 'vendor says no' }));
    const error = await failure(client(props(api.url)).request({ method: 'PUT', path: '/users/1', json: {} }, ctx()));
    expect(error.name).toBe(name);
    expect(error.message).toContain('vendor says no');
  });

  test('when the caller accepts 404, then the answer is returned instead of thrown', async () => {
    const api = await server(() => json(404, { code: 'not_found' }));
    const answer = await client(props(api.url)).request({ method: 'GET', path: '/users/9', accept: [404] }, ctx());
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ code: 'not_found' });
  });

  test('when the vendor mapping knows the body, then it wins over the status table', async () => {
    const api = await server(() => json(409, { error_summary: 'id_not_found/..' }));
    const { settings } = readSaasSettings(props(api.url));
    const c = new HttpClient({ settings, mapError: (r) => ((r.body as { error_summary: string }).error_summary.startsWith('id_not_found') ? new UnknownUidError('gone') : undefined) });
    clients.push(c);
    expect((await failure(c.request({ method: 'POST', path: '/x', json: {} }, ctx()))).name).toBe('UnknownUidError');
  });

  test('when a JSON answer does not parse, then the error says so', async () => {
    const api = await server(() => ({ status: 200, body: '{"entries": [' }));
    const error = await failure(client(props(api.url)).request({ method: 'GET', path: '/users' }, ctx()));
    expect(error.name).toBe('ConnectorIOError');
    expect(error.message).toContain('malformed JSON');
  });

  test('when nothing listens, then the connection failure names the host', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const error = await failure(client(props(`http://127.0.0.1:${port}`), undefined, { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } }).request({ method: 'GET', path: '/' }, ctx()));
    expect(error.name).toBe('ConnectionFailedError');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  test('when the operation times out mid-call, then the call is cancelled as a timeout', async () => {
    const api = await server(() => ({ ...json(200, {}), delayMs: 2000 }));
    const started = Date.now();
    const error = await failure(client(props(api.url)).request({ method: 'GET', path: '/slow' }, ctx({ timeoutMs: 200 })));
    expect(error.name).toBe('OperationTimeoutError');
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('transport settings', () => {
  test('when maximumConnections is 2, then no more than 2 requests are in flight at once', async () => {
    const api = await server(() => ({ ...json(200, {}), delayMs: 60 }));
    const c = client({ serviceUri: api.url, authenticationMethod: 'NONE', maximumConnections: 2 });
    await Promise.all(Array.from({ length: 8 }, () => c.request({ method: 'GET', path: '/p' }, ctx())));
    expect(api.seen).toHaveLength(8);
    expect(api.maxConcurrent()).toBe(2);
  });

  test('when disableHttpCompression is true, then the backend is asked for identity encoding', async () => {
    const api = await server((req) => json(200, { enc: req.headers['accept-encoding'] }));
    const plain = client({ serviceUri: api.url, authenticationMethod: 'NONE', disableHttpCompression: true });
    const compressed = client({ serviceUri: api.url, authenticationMethod: 'NONE' });
    expect((await plain.request({ method: 'GET', path: '/' }, ctx())).body).toEqual({ enc: 'identity' });
    expect(((await compressed.request({ method: 'GET', path: '/' }, ctx())).body as { enc: string }).enc).toContain('gzip');
  });

  test('when the backend has a self-signed certificate, then it is refused unless acceptSelfSignedCertificates', async () => {
    const tls = { key: readFileSync(resolve(FIXTURES, 'self-signed-key.pem'), 'utf8'), cert: readFileSync(resolve(FIXTURES, 'self-signed-cert.pem'), 'utf8') };
    const api = await server(() => json(200, { secure: true }), tls);
    const strict = client({ serviceUri: api.url, authenticationMethod: 'NONE' });
    const error = await failure(strict.request({ method: 'GET', path: '/' }, ctx()));
    expect(error.name).toBe('ConnectionFailedError');
    expect(error.message).toMatch(/TLS.*acceptSelfSignedCertificates/);
    const lenient = client({ serviceUri: api.url, authenticationMethod: 'NONE', acceptSelfSignedCertificates: true });
    expect((await lenient.request({ method: 'GET', path: '/' }, ctx())).body).toEqual({ secure: true });
  });

  test('when an HTTP proxy is configured, then calls go through it with its credentials', async () => {
    const proxy = await server((req) => json(200, { via: 'proxy', url: req.url }));
    const port = Number(new URL(proxy.url).port);
    const c = client({ serviceUri: 'http://api.example.test', authenticationMethod: 'NONE', httpProxyHost: '127.0.0.1', httpProxyPort: port, httpProxyUsername: 'pu', httpProxyPassword: 'pp' });
    const answer = await c.request({ method: 'GET', path: '/users', query: { limit: 5 } }, ctx());
    expect(answer.body).toEqual({ via: 'proxy', url: 'http://api.example.test/users?limit=5' });
    expect(proxy.seen[0]!.headers['proxy-authorization']).toBe(`Basic ${Buffer.from('pu:pp').toString('base64')}`);
  });
});

describe('settings validation', () => {
  test('when properties are wrong, then every problem is named', () => {
    const { problems } = readSaasSettings({ serviceUri: 'ftp://x', maximumConnections: 0, authenticationMethod: 'OAUTH', grantType: 'refresh_token', httpProxyHost: 'proxy' });
    expect(problems).toEqual(expect.arrayContaining([
      'serviceUri must be an http:// or https:// URL',
      'maximumConnections must be an integer between 1 and 1000',
      'tokenEndpoint is required when authenticationMethod is OAUTH',
      'clientId is required when authenticationMethod is OAUTH',
      'refreshToken is required when grantType is refresh_token',
      'httpProxyPort is required when httpProxyHost is set',
    ]));
  });

  test('when metrics label a route, then ids are collapsed and API versions kept', () => {
    expect(collapseIds('/2.0/users/20013904637/memberships?limit=5')).toBe('/2.0/users/{id}/memberships');
    expect(collapseIds('/2/team/members/list_v2')).toBe('/2/team/members/list_v2');
    expect(collapseIds('http://h/v2/Users/2819c223-7f76-453a-919d-413861904646')).toBe('/v2/Users/{id}');
    expect(collapseIds('https://svc:Pw-1@h/v2/Users')).toBe('/v2/Users');
  });

  test('when a call names an absolute route with user-info, then its label and log route hold the path only', async () => {
    const api = await server(() => json(200, { ok: 1 }));
    const observer = new RecordingObserver();
    const url = api.url.replace('//', '//svc:Route-Pa55-Qz1@');
    await client({ serviceUri: api.url, authenticationMethod: 'NONE' }, observer).request({ method: 'GET', path: `${url}/Users/7`, route: `${url}/Users/{uid}` }, ctx());
    expect(observer.calls.map((c) => c.route)).toEqual(['/Users/{uid}']);
  });
});
