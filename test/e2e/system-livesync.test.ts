import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, captureLogs, metricSample, REPO, startGateway, type CapturedLogs, type Gateway } from '../support/gateway-harness.js';
import { ADMIN_HEADERS, sendSeedCall, type SeedCall } from '../support/seed-call.js';

/**
 * liveSync however it is addressed (shared/seeds/configure-connectors.md, "Set the supported
 * object types"; research §1.2–§1.6). The CSV connector implements ICF's SyncOp: every address
 * answers IDM's stored stage; a connector without SyncOp (Dropbox) answers 501 naming SyncApiOp.
 */
const SEED_LIVESYNC: SeedCall = {
  method: 'POST', url: 'http://localhost:8080/openidm/system/ldap?_action=liveSync',
  headers: [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0'],
};
const SYNC_NOT_SUPPORTED = {
  code: 501,
  reason: 'Not Implemented',
  message: 'Operation org.identityconnectors.framework.api.operations.SyncApiOp is not supported by the Connector',
};

/**
 * IDM's stage object for a stage id (research §1.6), token not yet known. The stages below share
 * one CSV file, so one stage's runs may prune another's snapshot: lastException is not checked here.
 */
function stage(id: string): JsonObject {
  return expect.objectContaining({ _id: id, _rev: expect.any(String), connectorData: { nativeType: 'long', syncToken: expect.any(Number) } }) as JsonObject;
}

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway({ confFiles: ['provisioner.openicf-csv.json', 'provisioner.openicf-dropbox.json'], properties: { 'sandbox.url': 'http://127.0.0.1:9' } });
  // The seed's excerpt: __ALL__ declared under the name "allobjects".
  const csvConf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-csv.json'), 'utf8')) as JsonObject;
  const allobjects = { $schema: 'http://json-schema.org/draft-03/schema', id: '__ALL__', type: 'object', nativeType: '__ALL__' };
  const put = await gw.http.put('/openidm/config/provisioner.openicf/csvall').set(ADMIN)
    .send({ ...csvConf, name: 'csvall', objectTypes: { ...(csvConf.objectTypes as JsonObject), allobjects } });
  expect(put.status).toBe(201);
});
afterAll(() => gw.close());

describe('the seed\'s liveSync call on a system, with no object type', () => {
  test('when the page\'s system (ldap) is not configured, then 404 naming system/ldap, as IDM', async () => {
    const res = await sendSeedCall(gw.http, SEED_LIVESYNC);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 404, reason: 'Not Found', message: 'Resource \'system/ldap\' not found' });
  });

  test('when it names the CSV system, then 200 with the stage of its __ALL__ type', async () => {
    const res = await sendSeedCall(gw.http, SEED_LIVESYNC, { ldap: 'csv' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(stage('SYSTEMCSV__ALL__'));
  });

  test('when it names a system whose connector has no SyncOp (dropbox), then 501 naming SyncApiOp', async () => {
    for (const url of ['/openidm/system/dropbox?_action=liveSync', '/openidm/system/dropbox/__ACCOUNT__?_action=liveSync', '/openidm/system?_action=liveSync&source=system/dropbox/__ACCOUNT__']) {
      const res = await gw.http.post(url).set(ADMIN);
      expect({ url, status: res.status, body: res.body }).toEqual({ url, status: 501, body: SYNC_NOT_SUPPORTED });
    }
  });
});

describe('liveSync on the __ALL__ object type', () => {
  test('when the implicit __ALL__ type (listed by _action=test) is addressed, then its stage, not 404', async () => {
    const status = await gw.http.post('/openidm/system/csv?_action=test').set(ADMIN);
    expect(status.body.objectTypes).toContain('__ALL__');
    const res = await gw.http.post('/openidm/system/csv/__ALL__?_action=liveSync').set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(stage('SYSTEMCSV__ALL__'));
  });

  test('when the implicit __ALL__ type is read or queried, then it is still 404 (it serves liveSync only)', async () => {
    const res = await gw.http.get('/openidm/system/csv/__ALL__?_queryFilter=true').set(ADMIN);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Not found: __ALL__');
  });

  test('when __ALL__ is declared under another name, then liveSync on the system and on that name answer alike', async () => {
    const status = await gw.http.post('/openidm/system/csvall?_action=test').set(ADMIN);
    expect(status.body.objectTypes).toEqual(expect.arrayContaining(['allobjects', '__ACCOUNT__']));
    expect(status.body.objectTypes).not.toContain('__ALL__');
    for (const url of ['/openidm/system/csvall?_action=liveSync', '/openidm/system/csvall/allobjects?_action=liveSync']) {
      const res = await gw.http.post(url).set(ADMIN);
      expect({ url, status: res.status, body: res.body }).toEqual({ url, status: 200, body: stage('SYSTEMCSVALLALLOBJECTS') });
    }
  });
});

describe('liveSync on /openidm/system with a source parameter', () => {
  test('when source names a configured system and type, then that type\'s stage, not "requires a source"', async () => {
    const ids: Record<string, string> = { 'system/csv/__ACCOUNT__': 'SYSTEMCSV__ACCOUNT__', 'csv/__ACCOUNT__': 'SYSTEMCSV__ACCOUNT__', 'system/csv/__ALL__': 'SYSTEMCSV__ALL__' };
    for (const [source, id] of Object.entries(ids)) {
      const res = await gw.http.post(`/openidm/system?_action=liveSync&source=${encodeURIComponent(source)}`).set(ADMIN);
      expect({ source, status: res.status, body: res.body }).toEqual({ source, status: 200, body: stage(id) });
    }
  });

  test('when _action=activeSync is used, then it is the same action', async () => {
    const res = await gw.http.post('/openidm/system?_action=activeSync&source=system/csv/__ACCOUNT__').set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(stage('SYSTEMCSV__ACCOUNT__'));
  });

  test('when source names no configured system, then 503 "System: … is not available." as IDM', async () => {
    const res = await gw.http.post('/openidm/system?_action=liveSync&source=system/ldap/account').set(ADMIN);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 503, reason: 'Service Unavailable', message: 'System: system/ldap/account is not available.' });
  });

  test('when source names a type the system does not have, then 404 as on its route', async () => {
    const res = await gw.http.post('/openidm/system?_action=liveSync&source=system/csv/group').set(ADMIN);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Not found: group');
  });

  test('when source has no object type, then 400 with IDM\'s Id message', async () => {
    const res = await gw.http.post('/openidm/system?_action=liveSync&source=system/csv').set(ADMIN);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Invalid number of tokens in ID system/csv');
  });

  test('when there is no source, then 400 asking for one', async () => {
    const res = await gw.http.post('/openidm/system?_action=liveSync').set(ADMIN);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('liveSync action requires either an explicit source parameter, or needs to be called on a specific provisioner URI');
  });
});

describe('CSV liveSync from run to run (IDM\'s CSV connector: tokens are sync snapshots of the file)', () => {
  let sync: Gateway;
  let logs: CapturedLogs;
  const csvFile = (): string => join(sync.instanceDir, 'data', 'csvConnectorData.csv');
  const liveSync = (): Promise<{ status: number; body: JsonObject }> =>
    sync.http.post('/openidm/system/csv/__ACCOUNT__?_action=liveSync').set(ADMIN).then((r) => ({ status: r.status, body: r.body as JsonObject }));
  const tokenOf = (body: JsonObject): number => (body.connectorData as { syncToken: number }).syncToken;

  beforeAll(async () => {
    logs = captureLogs('info');
    sync = await startGateway({ logger: logs.logger });
  });
  afterAll(() => sync.close());

  test('when run first, then 200 with a numeric token and no delta processed; the stage is kept under data/sync', async () => {
    const res = await liveSync();
    expect(res).toEqual({ status: 200, body: { _id: 'SYSTEMCSV__ACCOUNT__', _rev: '1', connectorData: { nativeType: 'long', syncToken: expect.any(Number) } } });
    expect(tokenOf(res.body)).toBeGreaterThan(Date.now() - 60_000);
    const stored = JSON.parse(readFileSync(join(sync.instanceDir, 'data', 'sync', 'SYSTEMCSV__ACCOUNT__.json'), 'utf8')) as JsonObject;
    expect(stored).toEqual(res.body);
    expect(existsSync(`${csvFile()}.sync.${tokenOf(res.body)}`)).toBe(true);
  });

  test('when a row is created through the gateway and another removed by hand, then the next run reports 1 CREATE_OR_UPDATE and 1 DELETE and the token grows', async () => {
    const first = (await liveSync()).body;
    const created = await sync.http.post('/openidm/system/csv/__ACCOUNT__?_action=create').set(ADMIN)
      .send({ uid: 'mmiller', firstName: 'Mia', lastName: 'Miller', email: 'mmiller@example.com', password: 'Secr3t!mm' });
    expect(created.status).toBe(201);
    const lines = readFileSync(csvFile(), 'utf8').split('\n');
    writeFileSync(csvFile(), lines.filter((l) => !l.startsWith('"jdoe"')).join('\n'));

    const second = await liveSync();
    expect(second.status).toBe(200);
    expect(tokenOf(second.body)).toBeGreaterThan(tokenOf(first));
    expect(second.body._rev).toBe(String(Number(first._rev) + 1));
    const line = logs.lines().filter((l) => l.msg === 'liveSync deltas reported (not applied: the gateway has no mappings)').at(-1);
    expect(line).toMatchObject({
      system: 'csv', objectType: '__ACCOUNT__',
      deltas: { CREATE_OR_UPDATE: 1, DELETE: 1 }, uids: { CREATE_OR_UPDATE: ['mmiller'], DELETE: ['jdoe'] },
    });
    expect(logs.text()).not.toContain('Secr3t!mm');
    const metrics = await sync.http.get('/openidm/metrics/prometheus').set(ADMIN);
    const count = (type: string): number | undefined =>
      metricSample(metrics.text, 'idm_gateway_sync_deltas_total', { system: 'csv', object_type: '__ACCOUNT__', type });
    expect([count('CREATE_OR_UPDATE'), count('DELETE')]).toEqual([1, 1]);
  });

  test('when the stored token\'s snapshot was deleted, then 200 with lastException naming it, and the token is kept', async () => {
    const before = (await liveSync()).body;
    unlinkSync(`${csvFile()}.sync.${tokenOf(before)}`);
    const res = await liveSync();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      _id: 'SYSTEMCSV__ACCOUNT__',
      _rev: String(Number(before._rev) + 1),
      connectorData: before.connectorData,
      lastException: { throwable: `The sync file csvConnectorData.csv.sync.${tokenOf(before)} of token ${tokenOf(before)} does not exist: it was pruned (syncFileRetentionCount keeps 3) or never taken` },
    });
  });

  test('when runs repeat, then only syncFileRetentionCount snapshots stay', async () => {
    unlinkSync(join(sync.instanceDir, 'data', 'sync', 'SYSTEMCSV__ACCOUNT__.json')); // start over, as an operator would
    for (let i = 0; i < 5; i++) expect((await liveSync()).status).toBe(200);
    expect(readdirSync(join(sync.instanceDir, 'data')).filter((n) => /^csvConnectorData\.csv\.sync\.\d{13}$/.test(n))).toHaveLength(3);
  });
});

describe('CSV liveSync with SYNC denied by operationOptions', () => {
  test('when SYNC is denied (whatever onDeny says), then 500 "… SyncApiOp is denied." as IDM wraps its 403 (research §5.1)', async () => {
    const csvConf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-csv.json'), 'utf8')) as JsonObject;
    for (const [name, sync] of [['csvdeny', { denied: true }], ['csvdenyfeature', { objectFeatures: { __ACCOUNT__: { denied: true, onDeny: 'THROW_EXCEPTION' } } }]] as const) {
      const put = await gw.http.put(`/openidm/config/provisioner.openicf/${name}`).set(ADMIN)
        .send({ ...csvConf, name, operationOptions: { SYNC: sync } });
      expect(put.status).toBe(201);
      const res = await gw.http.post(`/openidm/system/${name}/__ACCOUNT__?_action=liveSync`).set(ADMIN);
      expect({ name, status: res.status, body: res.body }).toEqual({
        name, status: 500, body: { code: 500, reason: 'Internal Server Error', message: 'Operation org.identityconnectors.framework.api.operations.SyncApiOp is denied.' },
      });
    }
  });
});
