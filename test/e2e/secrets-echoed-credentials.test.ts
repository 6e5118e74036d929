import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, captureLogs, startGateway, type CapturedLogs, type Gateway } from '../support/gateway-harness.js';
import { startLoopbackServer, type LoopbackServer, type SeenRequest } from '../support/loopback-server.js';
import { shippedRestConf } from '../support/rest-gateway.js';

/**
 * Backends and token endpoints that echo the request they refused (its Authorization and
 * Proxy-Authorization headers, its form) must not make the gateway repeat the credentials:
 * not in `_action=test`, `testConfig`, `createFullConfig`, an operation's error detail, or a log line.
 */
const LOGIN = 'echo-user';
const PASSWORD = 'Echo-Basic-Pa55-Xq71';
const CLIENT_ID = 'echo-client';
const CLIENT_SECRET = 'Echo-Client-Secret-Rv52';
const REFRESH_TOKEN = 'Echo-Refresh-Token-Lm38';
const ROTATED_REFRESH_TOKEN = 'Echo-Rotated-Refresh-Zk94';
const ACCESS_TOKEN = 'Echo-Access-Token-Hw63';
const PROXY_USER = 'proxy-user';
const PROXY_PASSWORD = 'Echo-Proxy-Pa55-Jd19';
const URL_PASSWORD = 'Echo-Url-Pa55-Pc27';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
/** Every secret, in clear and as each header carries it. */
const SECRETS = [
  PASSWORD, CLIENT_SECRET, REFRESH_TOKEN, ROTATED_REFRESH_TOKEN, ACCESS_TOKEN, PROXY_PASSWORD, URL_PASSWORD,
  b64(`${LOGIN}:${PASSWORD}`), b64(`${CLIENT_ID}:${CLIENT_SECRET}`), b64(`${PROXY_USER}:${PROXY_PASSWORD}`), b64(`url-user:${URL_PASSWORD}`),
];

/** What an echoing server says about a request: every header and the body. */
function echo(req: SeenRequest): string {
  return `refused ${req.method} ${req.url} body=${req.body} headers=${JSON.stringify(req.headers)}`;
}

let backend: LoopbackServer;
let gw: Gateway;
let logs: CapturedLogs;

/** A SaaS REST system (the shipped SCIM recipe) aimed at `path` of the echoing server. */
function restConfig(name: string, path: string, properties: JsonObject): JsonObject {
  const shipped = shippedRestConf();
  const base = shipped.configurationProperties as JsonObject;
  return {
    ...shipped,
    name,
    configurationProperties: {
      ...base,
      serviceUri: `${backend.url}/${path}`,
      tokenEndpoint: null, clientId: null, clientSecret: null, grantType: null,
      ...properties,
    },
  };
}

const BASIC = { authenticationMethod: 'BASIC', login: LOGIN, password: PASSWORD };

beforeAll(async () => {
  backend = await startLoopbackServer((req) => {
    // A proxied request names the absolute URL.
    const mode = new URL(req.url, 'http://proxy.invalid').pathname.split('/')[1];
    switch (mode) {
      case 'token-refuse':
        return { status: 400, body: JSON.stringify({ error: 'invalid_client', error_description: echo(req) }) };
      case 'token-ok':
        return { status: 200, body: JSON.stringify({ access_token: ACCESS_TOKEN, refresh_token: ROTATED_REFRESH_TOKEN, expires_in: 3600 }) };
      case 'json400':
        return { status: 400, body: JSON.stringify({ detail: echo(req) }) };
      case 'json401':
        return { status: 401, body: JSON.stringify({ message: echo(req) }) };
      default:
        return { status: 401, headers: { 'Content-Type': 'text/plain' }, body: echo(req) };
    }
  });
  logs = captureLogs('debug');
  gw = await startGateway({
    confFiles: [],
    logger: logs.logger,
    extraConfigs: {
      echotext: restConfig('echotext', 'text', BASIC),
      echojson: restConfig('echojson', 'json401', BASIC),
      echobad: restConfig('echobad', 'json400', BASIC),
      echobearer: restConfig('echobearer', 'json401', {
        authenticationMethod: 'OAUTH', grantType: 'refresh_token', tokenEndpoint: `${backend.url}/token-ok`,
        clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN,
      }),
      echoproxy: {
        ...restConfig('echoproxy', 'json400', BASIC),
        configurationProperties: {
          ...(restConfig('echoproxy', 'json400', BASIC).configurationProperties as JsonObject),
          // Plain-HTTP target through the echoing server as proxy: it sees Proxy-Authorization.
          serviceUri: 'http://backend.invalid/json400',
          httpProxyHost: '127.0.0.1', httpProxyPort: Number(new URL(backend.url).port), httpProxyUsername: PROXY_USER, httpProxyPassword: PROXY_PASSWORD,
        },
      },
    },
  });
});
afterAll(async () => {
  await gw.close();
  await backend.close();
});

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('credentials echoed by a backend', () => {
  test.each(['echotext', 'echojson', 'echobad', 'echobearer', 'echoproxy'])(
    'when %s refuses the connector with its request echoed, then _action=test reports the refusal without the credentials',
    async (name) => {
      const res = await gw.http.post(`/openidm/system/${name}?_action=test`).set(ADMIN);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name, ok: false });
      // The backend's words still come through, only the credentials are masked.
      expect(res.body.error).toContain('refused GET');
      expect(res.body.error).toContain('***');
      expectNoSecret(res.text);
    },
  );

  test('when an operation fails with the backend quoting the request, then its detail keeps the reason without the credentials', async () => {
    const query = await gw.http.get('/openidm/system/echobad/__ACCOUNT__?_queryFilter=true').set(ADMIN);
    expect(query.status).toBe(400);
    expect(query.body.detail.reason).toContain('refused GET');
    expectNoSecret(query.text);
    const create = await gw.http.post('/openidm/system/echoproxy/__ACCOUNT__?_action=create').set(ADMIN).send({ userName: 'echo1' });
    expect(create.status).toBe(400);
    expect(create.body.detail.reason).toContain('refused POST');
    expectNoSecret(create.text);
  });

  test('when testConfig and createFullConfig meet a token endpoint or backend that echoes, then their answers hold no credential', async () => {
    const refusing = restConfig('tc', 'json401', {
      authenticationMethod: 'OAUTH', grantType: 'client_credentials', tokenEndpoint: `${backend.url}/token-refuse`,
      clientId: CLIENT_ID, clientSecret: CLIENT_SECRET,
    });
    const tokenRefused = await gw.http.post('/openidm/system?_action=testConfig').set(ADMIN).send(refusing);
    expect(tokenRefused.body).toMatchObject({ name: 'tc', ok: false });
    expect(tokenRefused.body.error).toContain('invalid_client');
    expectNoSecret(tokenRefused.text);

    const formRefused = await gw.http.post('/openidm/system?_action=testConfig').set(ADMIN).send(restConfig('tc', 'json401', {
      authenticationMethod: 'OAUTH', grantType: 'refresh_token', tokenEndpoint: `${backend.url}/token-refuse`,
      clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN, useBasicAuthForOauthTokenNeg: false,
    }));
    expect(formRefused.body.error).toContain('refresh_token=***');
    expectNoSecret(formRefused.text);

    const urlCredentials = await gw.http.post('/openidm/system?_action=testConfig').set(ADMIN)
      .send(restConfig('tc', 'json400', { authenticationMethod: 'NONE', serviceUri: `${backend.url.replace('//', `//url-user:${URL_PASSWORD}@`)}/json400` }));
    expect(urlCredentials.body.ok).toBe(false);
    expectNoSecret(urlCredentials.text);

    const { objectTypes: _generated, ...full } = restConfig('full', 'text', BASIC);
    const fullConfig = await gw.http.post('/openidm/system?_action=createFullConfig').set(ADMIN).send(full);
    expect(fullConfig.status).toBe(400);
    expect(fullConfig.body.message).toContain('The connector test failed');
    expectNoSecret(fullConfig.text);
  });

  test('when all of this has been logged at debug, then no log line holds a credential', async () => {
    await gw.http.post('/openidm/system?_action=test').set(ADMIN);
    expect(logs.text()).toContain('The connector test failed');
    expectNoSecret(logs.text());
  });
});
