import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDropboxSandboxServer, type RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import type { JsonObject } from '../../src/util/json.js';
import { REPO, startGateway, type Gateway } from './gateway-harness.js';

/** The shipped Dropbox configuration as is: its `&{sandbox.…}` references resolve in every test gateway. */
export function shippedDropboxConf(): JsonObject {
  return JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-dropbox.json'), 'utf8')) as JsonObject;
}

/** A Dropbox sandbox on port 0 and a gateway whose `dropbox` system (plus `extraConfigs`) points at it. */
export async function startDropboxGateway(label: string, extraConfigs: Readonly<Record<string, JsonObject>> = {}): Promise<{ sandbox: RunningDropboxSandbox; gw: Gateway }> {
  const sandbox = await startDropboxSandboxServer({ dataFile: join(mkdtempSync(join(tmpdir(), `${label}-`)), 'dropbox.json') });
  const gw = await startGateway({
    confFiles: [],
    extraConfigs: { dropbox: shippedDropboxConf(), ...extraConfigs },
    properties: { 'sandbox.url': sandbox.baseUrl.replace(/\/dropbox$/, '') },
  });
  return { sandbox, gw };
}
