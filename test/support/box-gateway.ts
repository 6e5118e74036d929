import express from 'express';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOX_SANDBOX_CREDENTIALS, createBoxSandbox } from '../../src/sandbox/box/box-sandbox.js';
import type { Sandbox } from '../../src/sandbox/sandbox.js';
import type { JsonObject } from '../../src/util/json.js';
import { boxSpecValidator } from '../sandbox/box-test-harness.js';
import { REPO, startGateway, type Gateway } from './gateway-harness.js';

/** The shipped Box configuration with some configurationProperties replaced. */
export function boxConfWith(properties: JsonObject): JsonObject {
  const conf = shippedBoxConf();
  return { ...conf, configurationProperties: { ...(conf.configurationProperties as JsonObject), ...properties } };
}

/** The shipped Box configuration as is: its `&{sandbox.…}` references resolve in every test gateway. */
export function shippedBoxConf(): JsonObject {
  return JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-box.json'), 'utf8')) as JsonObject;
}

/** One call the connector made to the Box sandbox. */
export interface RecordedBoxCall {
  readonly method: string;
  /** Path below the sandbox mount with the query: `/2.0/users?usemarker=true&…`. */
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: string;
  /** When the sandbox received it (epoch ms). */
  readonly at: number;
}

/** A Box sandbox on port 0 that records every request, with a gateway whose `box` system points at it. */
export interface BoxGateway {
  readonly sandbox: Sandbox;
  readonly gw: Gateway;
  /** `http://127.0.0.1:<port>/sandbox/box` */
  readonly baseUrl: string;
  /** Every call the gateway made (tests' own probes, sent with `X-Test-Probe`, are left out). */
  readonly calls: RecordedBoxCall[];
  /** Every recorded request that breaks the official spec (request side). */
  specViolations(): string[];
  close(): Promise<void>;
}

/**
 * `confPatch` edits the shipped `box` system; `extraConfigs` adds systems (their `&{sandbox.url}`
 * references point at the same sandbox).
 */
export async function startBoxGateway(
  label: string,
  confPatch: (conf: JsonObject) => JsonObject = (c) => c,
  extraConfigs: Readonly<Record<string, JsonObject>> = {},
): Promise<BoxGateway> {
  const dataFile = join(mkdtempSync(join(tmpdir(), `${label}-`)), 'box.json');
  const sandbox = await createBoxSandbox({ dataFile });
  const calls: RecordedBoxCall[] = [];
  const app = express();
  app.use('/sandbox/box', (req, _res, next) => {
    if (!req.path.startsWith('/__admin') && req.get('x-test-probe') === undefined) {
      // Tap the body without consuming it: the sandbox's own parsers read the same stream.
      const at = Date.now();
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        calls.push({ method: req.method, path: req.originalUrl.replace(/^\/sandbox\/box/, ''), contentType: req.get('content-type'), body: Buffer.concat(chunks).toString('utf8'), at });
      });
    }
    next();
  }, sandbox.router);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const gw = await startGateway({
    confFiles: [],
    extraConfigs: { box: confPatch(shippedBoxConf()), ...Object.fromEntries(Object.entries(extraConfigs).map(([alias, conf]) => [alias, { ...conf, name: alias }])) },
    properties: { 'sandbox.url': `http://127.0.0.1:${port}/sandbox` },
  });
  return {
    sandbox, gw, calls, baseUrl: `http://127.0.0.1:${port}/sandbox/box`,
    specViolations: () => calls.flatMap((c) => boxSpecValidator().checkRequest(c)),
    close: async () => {
      await gw.close();
      await sandbox.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** An enterprise token from the Box sandbox for a test's own probes of backend state (not recorded as gateway calls). */
export async function boxProbeToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'X-Test-Probe': '1' },
    body: new URLSearchParams({
      grant_type: 'client_credentials', client_id: BOX_SANDBOX_CREDENTIALS.clientId, client_secret: BOX_SANDBOX_CREDENTIALS.clientSecret,
      box_subject_type: 'enterprise', box_subject_id: BOX_SANDBOX_CREDENTIALS.enterpriseId,
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
