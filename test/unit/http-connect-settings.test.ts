import { readFileSync } from 'node:fs';
import https from 'node:https';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { createHttpAgents, type HttpAgents } from '../../src/connectors/shared/http-agents.js';
import { HttpClient } from '../../src/connectors/shared/http-client.js';
import { readSaasSettings } from '../../src/connectors/shared/saas-settings.js';
import type { OperationContext } from '../../src/provisioner/spi.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/tls');
const KEY = readFileSync(resolve(FIXTURES, 'self-signed-key.pem'), 'utf8');
const CERT = readFileSync(resolve(FIXTURES, 'self-signed-cert.pem'), 'utf8');
const ctx: OperationContext = { signal: new AbortController().signal, operation: 'GET', options: {} };
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function listening<S extends Server>(server: S, host: string): Promise<number> {
  cleanups.push(() => new Promise((r) => server.close(r)));
  return new Promise((ok) => server.listen(0, host, () => ok((server.address() as AddressInfo).port)));
}

function agentsFor(properties: Record<string, unknown>): HttpAgents {
  const { settings, problems } = readSaasSettings({ serviceUri: 'https://127.0.0.2', authenticationMethod: 'NONE', ...properties });
  expect(problems).toEqual([]);
  const agents = createHttpAgents(settings.http);
  cleanups.push(() => agents.destroy());
  return agents;
}

/** GET over the system's https agent; `ca` trusts the test certificate as a real CA would be trusted. */
function get(agents: HttpAgents, port: number, ca?: string): Promise<string> {
  return new Promise((ok) => {
    https.get({ host: '127.0.0.2', port, path: '/', agent: agents.https, ...(ca ? { ca } : {}) }, (res) => {
      res.resume();
      res.on('end', () => ok(String(res.statusCode)));
    }).on('error', (error: NodeJS.ErrnoException) => ok(error.code ?? error.message));
  });
}

describe('connectionTimeout', () => {
  test('when the backend accepts TCP but never completes the TLS handshake, then the call fails as a connection failure after connectionTimeout', async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    cleanups.push(() => held.forEach((s) => s.destroy()));
    const port = await listening(silent, '127.0.0.1');
    const { settings } = readSaasSettings({ serviceUri: `https://127.0.0.1:${port}`, authenticationMethod: 'NONE', connectionTimeout: 1 });
    const client = new HttpClient({ settings, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 } });
    cleanups.push(() => client.close());
    const started = Date.now();
    const error = await client.request({ method: 'GET', path: '/' }, ctx).then(() => undefined, (e: Error) => e);
    expect(error).toMatchObject({ name: 'ConnectionFailedError' });
    expect(error!.message).toContain('ECONNTIMEOUT');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('disableHostNameVerifier', () => {
  // The certificate names localhost and 127.0.0.1; the server answers on 127.0.0.2.
  test('when the certificate is trusted but names another host, then it is refused unless disableHostNameVerifier, which still checks the chain', async () => {
    const port = await listening(https.createServer({ key: KEY, cert: CERT }, (_req, res) => res.end('ok')), '127.0.0.2');
    expect(await get(agentsFor({}), port, CERT)).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    const relaxed = agentsFor({ disableHostNameVerifier: true });
    expect(await get(relaxed, port, CERT)).toBe('200');
    // Unlike acceptSelfSignedCertificates, an untrusted chain is still refused.
    expect(await get(relaxed, port)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(await get(agentsFor({ acceptSelfSignedCertificates: true }), port)).toBe('200');
  });
});
