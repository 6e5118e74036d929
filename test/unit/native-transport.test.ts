import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { createHttpAgents, type HttpAgents } from '../../src/connectors/shared/http-agents.js';
import { createTransport } from '../../src/connectors/shared/http-transport.js';
import { createNativeTransport, type Transport, type TransportRequest, type TransportResponse } from '../../src/connectors/shared/native-transport.js';
import { readSaasSettings, type HttpSettings } from '../../src/connectors/shared/saas-settings.js';

/*
 * The native transport replaced the shared axios instance on the API-call path for speed; these
 * tests send the same requests through both and expect the same bytes on the wire and the same
 * answers and error codes back.
 */

const BODY = JSON.stringify({ hello: 'wörld', n: 1 });

/** A server that echoes requests and serves encoded, odd and broken answers. */
function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = (req.url ?? '').split('?')[0]!;
    const send = (status: number, headers: http.OutgoingHttpHeaders, body?: Buffer | string): void => {
      res.writeHead(status, headers);
      res.end(body);
    };
    switch (path) {
      case '/gzip': return send(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, zlib.gzipSync(BODY));
      case '/x-gzip': return send(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'X-GZIP' }, zlib.gzipSync(BODY));
      case '/deflate': return send(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'deflate' }, zlib.deflateSync(BODY));
      case '/raw-deflate': return send(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'deflate' }, zlib.deflateRawSync(BODY));
      case '/br': return send(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'br' }, zlib.brotliCompressSync(BODY));
      case '/unknown-encoding': return send(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'snappy' }, 'as is');
      case '/no-content': return send(204, { 'Content-Encoding': 'gzip' });
      case '/bom': return send(200, { 'Content-Type': 'application/json; charset=utf-8' }, `\ufeff${BODY}`);
      case '/cookies': return send(201, { 'Set-Cookie': ['a=1', 'b=2'], 'Retry-After': '3', 'X-Multi': 'v' }, '');
      case '/error': return send(503, { 'Content-Type': 'text/html' }, '<html>down</html>');
      case '/truncated':
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
        res.write('{"partial":');
        setTimeout(() => req.socket.destroy(), 20);
        return;
      case '/truncated-gzip': {
        const zipped = zlib.gzipSync(BODY.repeat(50));
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(zipped.length) });
        res.write(zipped.subarray(0, 20));
        setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      case '/slow': return void setTimeout(() => send(200, {}, 'late'), 2000);
      default:
        return send(200, { 'Content-Type': 'application/json' }, JSON.stringify({
          method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('latin1'),
        }));
    }
  });
}

let server: http.Server;
let base: string;
const made: HttpAgents[] = [];

beforeAll(async () => {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const a of made) a.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function settings(extra: Record<string, unknown> = {}): HttpSettings {
  const { settings: s, problems } = readSaasSettings({ serviceUri: base, authenticationMethod: 'NONE', ...extra });
  expect(problems).toEqual([]);
  return s.http;
}

/** The two transports over the same kind of agents: axios as HttpClient called it before, and native. */
function both(http: HttpSettings): { axios: Transport; native: Transport } {
  const axiosAgents = createHttpAgents(http);
  const nativeAgents = createHttpAgents(http);
  made.push(axiosAgents, nativeAgents);
  const instance = createTransport(http, axiosAgents);
  return {
    axios: async (r) => {
      const response = await instance.request<string>({ method: r.method, url: r.url, params: r.params, headers: r.headers, data: r.data, signal: r.signal });
      return { status: response.status, headers: response.headers as TransportResponse['headers'], data: response.data };
    },
    native: createNativeTransport(http, nativeAgents),
  };
}

/** What a comparison looks at: status, headers a server would not vary, and the body. */
function outcome(response: TransportResponse): unknown {
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !['date', 'keep-alive'].includes(name)).map(([n, v]) => [n, v]));
  return { status: response.status, headers, data: response.data };
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
  throw new Error('expected a failure');
}

const signal = (): AbortSignal => new AbortController().signal;

describe('native transport sends what axios sent', () => {
  const cases: Array<[string, Omit<TransportRequest, 'signal' | 'url'> & { path: string }]> = [
    ['a GET with awkward query values', {
      method: 'GET', path: '/users?x=1#frag', headers: { Accept: 'application/json' },
      params: { q: 'a b:c$d,e/f?g&h=i!\'()*~', empty: '', 'k y': 'v', unicode: 'ü€' },
    }],
    ['a GET with no parameters left', { method: 'GET', path: '/users', headers: { Accept: 'application/json' }, params: {} }],
    ['a JSON POST with headers repeated in other cases, padded and invalid', {
      method: 'POST', path: '/2/team/members/get_info_v2', data: BODY,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', accept: 'text/plain', 'X-Pad': '  padded\t', 'X-Bad': 'a\r\nb\u0000c', 'X-Latin': 'café €', ' X-Spaced ': 'name trimmed' },
    }],
    ['a form POST', { method: 'POST', path: '/token', data: 'grant_type=refresh_token&refresh_token=r%201', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }],
    ['a POST with an empty body', { method: 'POST', path: '/empty', data: '', headers: {} }],
    ['a caller-chosen User-Agent and Accept-Encoding', { method: 'GET', path: '/ua', headers: { 'user-agent': 'mine/1', 'accept-encoding': 'gzip' } }],
    ['a DELETE and a PUT', { method: 'DELETE', path: '/users/42', headers: { 'If-Match': '"7"' } }],
    ['a path with spaces and non-ASCII', { method: 'GET', path: '/files/a b/ü', headers: {} }],
  ];
  test.each(cases)('when %s, then the server sees the same request', async (_name, r) => {
    const { axios, native } = both(settings());
    const request = { ...r, url: `${base}${r.path}`, signal: signal() };
    const viaAxios = JSON.parse((await axios(request)).data) as unknown;
    const viaNative = JSON.parse((await native(request)).data) as unknown;
    expect(viaNative).toEqual(viaAxios);
  });

  test('when the URL carries credentials, then they replace the Authorization header as axios did', async () => {
    const { axios, native } = both(settings());
    const url = `${base.replace('http://', 'http://us%40er:p%3Ass@')}/me`;
    const request = { method: 'GET', url, headers: { Authorization: 'Bearer dropped' }, signal: signal() };
    const viaNative = JSON.parse((await native(request)).data) as { headers: Record<string, string> };
    expect(viaNative).toEqual(JSON.parse((await axios(request)).data));
    expect(viaNative.headers.authorization).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
  });

  test('when compression is disabled, then both ask for identity and pass encoded bodies on untouched', async () => {
    const { axios, native } = both(settings({ disableHttpCompression: true }));
    for (const path of ['/echo', '/gzip']) {
      const request = { method: 'GET', url: `${base}${path}`, headers: {}, signal: signal() };
      expect(outcome(await native(request))).toEqual(outcome(await axios(request)));
    }
  });
});

describe('native transport answers what axios answered', () => {
  test.each(['/gzip', '/x-gzip', '/deflate', '/raw-deflate', '/br', '/unknown-encoding', '/no-content', '/bom', '/cookies', '/error'])(
    'when the server answers %s, then status, headers and text are the same',
    async (path) => {
      const { axios, native } = both(settings());
      for (const method of ['GET', 'HEAD']) {
        const request = { method, url: `${base}${path}`, headers: { Accept: 'application/json' }, signal: signal() };
        expect(outcome(await native(request))).toEqual(outcome(await axios(request)));
      }
    },
  );

  test('when the answer is cut short, then both fail with the same code', async () => {
    const { axios, native } = both(settings());
    for (const path of ['/truncated', '/truncated-gzip']) {
      const request = { method: 'GET', url: `${base}${path}`, headers: {}, signal: signal() };
      expect(await errorCode(native(request))).toBe(await errorCode(axios(request)));
    }
  });

  test('when nothing listens, then both fail with the same code', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { axios, native } = both(settings());
    const request = { method: 'GET', url: `http://127.0.0.1:${port}/x`, headers: {}, signal: signal() };
    expect(await errorCode(native(request))).toBe(await errorCode(axios(request)));
  });

  test('when the signal aborts, before or during the call, then both are cancelled', async () => {
    const { axios, native } = both(settings());
    const aborted = new AbortController();
    aborted.abort();
    const request = { method: 'GET', url: `${base}/slow`, headers: {}, signal: aborted.signal };
    expect(await errorCode(native(request))).toBe(await errorCode(axios(request)));
    const during = (): TransportRequest => ({ ...request, signal: AbortSignal.timeout(50) });
    expect(await errorCode(native(during()))).toBe(await errorCode(axios(during())));
  });

  test('when the URL is not http(s), then both refuse it with the same code', async () => {
    const { axios, native } = both(settings());
    const request = { method: 'GET', url: 'ftp://127.0.0.1/x', headers: {}, signal: signal() };
    expect(await errorCode(native(request))).toBe(await errorCode(axios(request)));
  });
});
