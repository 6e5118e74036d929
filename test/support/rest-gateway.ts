import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenScimSandbox, type ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import type { JsonObject } from '../../src/util/json.js';
import { REPO, startGateway, type Gateway } from './gateway-harness.js';

/** A shipped SaaS REST configuration as is (`conf/…` or `conf/examples/…`): its `&{sandbox.…}` references resolve in every test gateway. */
export function shippedRestConf(file = 'provisioner.openicf-rest.json'): JsonObject {
  return JSON.parse(readFileSync(join(REPO, 'conf', file), 'utf8')) as JsonObject;
}

/** A SCIM sandbox on port 0 and a gateway whose `rest` system (plus `extraConfigs`) points at it. */
export async function startRestGateway(label: string, extraConfigs: Readonly<Record<string, JsonObject>> = {}): Promise<{ scim: ListeningScimSandbox; gw: Gateway }> {
  const scim = await listenScimSandbox({ dataFile: join(mkdtempSync(join(tmpdir(), `${label}-`)), 'scim.json') });
  const gw = await startGateway({
    confFiles: [],
    extraConfigs: { rest: shippedRestConf(), ...extraConfigs },
    properties: { 'sandbox.url': scim.baseUrl.replace(/\/scim$/, '') },
  });
  return { scim, gw };
}
