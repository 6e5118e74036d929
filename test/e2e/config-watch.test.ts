import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { isEncrypted } from '../../src/config/secret-key-store.js';
import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, REPO, startGateway, type Gateway } from '../support/gateway-harness.js';
import { VAULT_API_KEY, VAULT_PASSWORD, vaultConfig, vaultConnectorType } from '../support/vault-connector-type.js';

const csvConf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-csv.json'), 'utf8')) as JsonObject;

function csvVariant(name: string, changes: JsonObject = {}): JsonObject {
  return { ...structuredClone(csvConf), name, ...changes };
}

interface LogEntry {
  msg: string;
  file?: string;
  problems?: { path: string; reason: string }[];
  keeps?: string;
}

const logs: LogEntry[] = [];
let gw: Gateway;

beforeAll(async () => {
  gw = await startGateway({
    watch: true,
    connectorTypes: [vaultConnectorType],
    logger: pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as LogEntry) }),
  });
});
afterAll(() => gw.close());

function fileOf(alias: string): string {
  return join(gw.confDir, `provisioner.openicf-${alias}.json`);
}

/** Writes a file the way editors do: a temp file renamed over the target. */
function editFile(alias: string, text: string): void {
  const tmp = join(gw.confDir, `.edit-${alias}.swp`);
  writeFileSync(tmp, text);
  renameSync(tmp, fileOf(alias));
}

/** Polls until `check` passes (the watcher works asynchronously). */
async function eventually(check: () => Promise<void> | void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

function entriesFor(file: string, msg: string): LogEntry[] {
  return logs.filter((l) => l.file === file && l.msg === msg);
}

describe('live changes to conf/', () => {
  test('when a provisioner file is added, then its system serves without a restart', async () => {
    writeFileSync(fileOf('added'), JSON.stringify(csvVariant('added'), null, 2));
    await eventually(async () => {
      const res = await gw.http.get('/openidm/system/added/__ACCOUNT__?_queryFilter=true').set(ADMIN);
      expect(res.status).toBe(200);
    });
    const listed = await gw.http.get('/openidm/config').set(ADMIN);
    expect(listed.body.configurations.map((c: { _id: string }) => c._id)).toContain('provisioner.openicf/added');
  });

  test('when a file is edited, then the new version is picked up', async () => {
    editFile('added', JSON.stringify(csvVariant('added', { enabled: false }), null, 2));
    await eventually(async () => {
      const res = await gw.http.get('/openidm/system/added/__ACCOUNT__?_queryFilter=true').set(ADMIN);
      expect(res.status).toBe(404);
    });
    const read = await gw.http.get('/openidm/config/provisioner.openicf/added').set(ADMIN);
    expect(read.body.enabled).toBe(false);
  });

  test('when an edit is invalid, then it is logged with file, JSON path and reason and the previous version keeps serving', async () => {
    editFile('csv', JSON.stringify(csvVariant('c-s-v'), null, 2));
    await eventually(() => expect(entriesFor(fileOf('csv'), 'configuration change refused')).toHaveLength(1));
    expect(entriesFor(fileOf('csv'), 'configuration change refused')[0]).toMatchObject({
      problems: [{ path: '/name', reason: 'the system name must be alphanumeric (letters and digits only)' }],
      keeps: 'the previous version keeps serving',
    });
    const res = await gw.http.get('/openidm/system/csv/__ACCOUNT__?_queryFilter=true').set(ADMIN);
    expect(res.status).toBe(200);
    const read = await gw.http.get('/openidm/config/provisioner.openicf/csv').set(ADMIN);
    expect(read.body.name).toBe('csv');
  });

  test('when an edit is not even JSON, then the parse error is logged and the previous version keeps serving', async () => {
    editFile('csv', '{ "name": "csv", ');
    await eventually(() => expect(entriesFor(fileOf('csv'), 'configuration change refused')).toHaveLength(2));
    const refused = entriesFor(fileOf('csv'), 'configuration change refused')[1]!;
    expect(refused.problems![0]!.path).toBe('/');
    expect(refused.problems![0]!.reason).toMatch(/JSON/);
    const res = await gw.http.get('/openidm/system/csv/__ACCOUNT__?_queryFilter=true').set(ADMIN);
    expect(res.status).toBe(200);
  });

  test('when the file is fixed again, then the fixed version serves', async () => {
    editFile('csv', JSON.stringify(csvVariant('csv', { operationTimeout: { SEARCH: 9000 } }), null, 2));
    await eventually(async () => {
      const read = await gw.http.get('/openidm/config/provisioner.openicf/csv').set(ADMIN);
      expect(read.body.operationTimeout).toEqual({ SEARCH: 9000 });
    });
    const res = await gw.http.get('/openidm/system/csv/__ACCOUNT__?_queryFilter=true').set(ADMIN);
    expect(res.status).toBe(200);
  });

  test('when a file is deleted, then its system stops', async () => {
    rmSync(fileOf('added'));
    await eventually(async () => {
      const read = await gw.http.get('/openidm/config/provisioner.openicf/added').set(ADMIN);
      expect(read.status).toBe(404);
    });
    const status = await gw.http.post('/openidm/system?_action=test').set(ADMIN);
    expect(status.body.map((s: { name: string }) => s.name)).not.toContain('added');
  });

  test('when a file with clear secrets is dropped in, then it is encrypted in place once and serves', async () => {
    writeFileSync(fileOf('vault'), JSON.stringify(vaultConfig('vault', { baseUrl: 'https://v', username: 'u', password: VAULT_PASSWORD, apiKey: VAULT_API_KEY })));
    await eventually(async () => {
      const test = await gw.http.post('/openidm/system/vault?_action=test').set(ADMIN);
      expect(test.body.ok).toBe(true);
    });
    await gw.watcher!.idle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await gw.watcher!.idle();
    const text = readFileSync(fileOf('vault'), 'utf8');
    expect(text).not.toContain(VAULT_PASSWORD);
    expect(isEncrypted((JSON.parse(text) as { configurationProperties: JsonObject }).configurationProperties.password)).toBe(true);
    // The rewrite's own change event is recognised: applied once, encrypted once.
    expect(entriesFor(fileOf('vault'), 'configuration file applied')).toHaveLength(1);
    expect(entriesFor(fileOf('vault'), 'confidential configurationProperties encrypted in place')).toHaveLength(1);
  });

  test('when the gateway writes a file over REST, then the watcher does not apply it a second time', async () => {
    const res = await gw.http.put('/openidm/config/provisioner.openicf/rest').set(ADMIN).send(csvVariant('rest'));
    expect(res.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await gw.watcher!.idle();
    expect(entriesFor(fileOf('rest'), 'configuration written: system serving')).toHaveLength(1);
    expect(entriesFor(fileOf('rest'), 'configuration file applied')).toHaveLength(0);
    const del = await gw.http.delete('/openidm/config/provisioner.openicf/rest').set(ADMIN);
    expect(del.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await gw.watcher!.idle();
    expect(entriesFor(fileOf('rest'), 'configuration file removed: system stopped')).toHaveLength(0);
  });

  test('when a file with a forbidden name appears, then it is refused with the reason and nothing serves', async () => {
    writeFileSync(fileOf('hr-db'), JSON.stringify(csvVariant('hrdb')));
    await eventually(() => expect(entriesFor(fileOf('hr-db'), 'configuration change refused')).toHaveLength(1));
    expect(entriesFor(fileOf('hr-db'), 'configuration change refused')[0]!.problems![0]!.reason).toContain('no dash');
    const res = await gw.http.get('/openidm/system/hrdb/__ACCOUNT__?_queryFilter=true').set(ADMIN);
    expect(res.status).toBe(404);
  });

  test('when a hand edit with a clear secret is not valid JSON, then the refusal names line and column but quotes none of the file', async () => {
    const secret = 'HandTyped-Secret-Vb42';
    const text = JSON.stringify(vaultConfig('typo', { baseUrl: 'https://v', username: 'u', password: 'x', apiKey: VAULT_API_KEY }), null, 2)
      .replace('"password": "x"', `"password": ${secret}`);
    writeFileSync(fileOf('typo'), text);
    await eventually(() => expect(entriesFor(fileOf('typo'), 'configuration change refused')).toHaveLength(1));
    const line = text.split('\n').findIndex((l) => l.includes(secret)) + 1;
    const reason = entriesFor(fileOf('typo'), 'configuration change refused')[0]!.problems![0]!.reason;
    expect(reason).toMatch(new RegExp(`^Unexpected token in JSON at line ${line} column \\d+$`));
    expect(JSON.stringify(logs)).not.toContain(secret.slice(0, 6));
  });
});
