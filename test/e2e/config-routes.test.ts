import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, REPO, startGateway, type Gateway } from '../support/gateway-harness.js';

const CONFIG = '/openidm/config';
const csvConf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-csv.json'), 'utf8')) as JsonObject;

/** The shipped CSV configuration under another system name. */
function csvVariant(name: string, changes: JsonObject = {}): JsonObject {
  return { ...structuredClone(csvConf), name, ...changes };
}

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

function confFiles(): string[] {
  return readdirSync(gw.confDir).sort();
}

function fileOf(alias: string): string {
  return join(gw.confDir, `provisioner.openicf-${alias}.json`);
}

describe('reading configurations', () => {
  test('when the config root is read, then every connector configuration is listed with its factory pid', async () => {
    const res = await gw.http.get(CONFIG).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body._id).toBe('');
    const csv = res.body.configurations.find((c: { _id: string }) => c._id === 'provisioner.openicf/csv');
    expect(csv).toEqual({ _id: 'provisioner.openicf/csv', pid: expect.stringMatching(/^provisioner\.openicf\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), factoryPid: 'provisioner.openicf' });
    const again = await gw.http.get(CONFIG).set(ADMIN);
    expect(again.body).toEqual(res.body);
  });

  test('when connectors are queried with _id sw \'provisioner.openicf\', then each comes back whole with its _id', async () => {
    const res = await gw.http.get(`${CONFIG}?_queryFilter=${encodeURIComponent("_id sw 'provisioner.openicf'")}`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.resultCount).toBe(res.body.result.length);
    const csv = res.body.result.find((r: JsonObject) => r._id === 'provisioner.openicf/csv');
    expect(csv).toMatchObject({ name: 'csv', connectorRef: { connectorName: 'org.forgerock.openicf.csvfile.CSVFileConnector' } });
    expect(res.body).toMatchObject({ pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 });
  });

  test('when the query filters on stored content and asks for _fields, then only matches and those fields come back', async () => {
    const filter = encodeURIComponent('connectorRef/connectorName eq "org.forgerock.openicf.csvfile.CSVFileConnector" and name eq "csv"');
    const res = await gw.http.get(`${CONFIG}?_queryFilter=${filter}&_fields=name,connectorRef/bundleName`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual([
      { _id: 'provisioner.openicf/csv', name: 'csv', connectorRef: { bundleName: 'org.forgerock.openicf.connectors.csvfile-connector' } },
    ]);
    const none = await gw.http.get(`${CONFIG}?_queryFilter=${encodeURIComponent('name eq "nope"')}`).set(ADMIN);
    expect(none.body.result).toEqual([]);
  });

  test('when the query is query-all-ids or an unparsable filter, then 501 and 400 with IDM\'s messages', async () => {
    const all = await gw.http.get(`${CONFIG}?_queryId=query-all-ids`).set(ADMIN);
    expect(all.status).toBe(501);
    expect(all.body.message).toBe('query-all-ids is not supported');
    const bad = await gw.http.get(`${CONFIG}?_queryFilter=${encodeURIComponent('_id sw')}`).set(ADMIN);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("The value '_id sw' for parameter '_queryFilter' could not be parsed as a valid query filter");
  });

  test('when one configuration is read, then the raw stored form comes back with &{…} unevaluated and its _id', async () => {
    const res = await gw.http.get(`${CONFIG}/provisioner.openicf/csv`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body._id).toBe('provisioner.openicf/csv');
    expect(res.body.configurationProperties.csvFile).toBe('&{idm.instance.dir}/data/csvConnectorData.csv');
    const { _id, ...stored } = res.body as JsonObject;
    expect(_id).toBeDefined();
    expect(stored).toEqual(csvConf);
  });

  test('when a configuration does not exist, then 404 with IDM\'s message', async () => {
    const res = await gw.http.get(`${CONFIG}/provisioner.openicf/nothere`).set(ADMIN);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 404, reason: 'Not Found', message: 'No configuration exists for id provisioner.openicf/nothere' });
    const router = await gw.http.get(`${CONFIG}/router`).set(ADMIN);
    expect(router.status).toBe(404);
    expect(router.body.message).toBe('No configuration exists for id router');
  });

  test('when no credentials are sent, then 401 and nothing is revealed', async () => {
    const res = await gw.http.get(`${CONFIG}/provisioner.openicf/csv`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 401, reason: 'Unauthorized', message: 'Access Denied' });
  });
});

describe('writing configurations', () => {
  test('when a new configuration is PUT, then 201 with Location, the file is written and the system serves at once', async () => {
    const res = await gw.http.put(`${CONFIG}/provisioner.openicf/hr`).set(ADMIN).send(csvVariant('hr'));
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/openidm/config/provisioner.openicf/hr');
    expect(res.body._id).toBe('provisioner.openicf/hr');
    expect(res.body.name).toBe('hr');
    const onDisk = JSON.parse(readFileSync(fileOf('hr'), 'utf8')) as JsonObject;
    expect(onDisk).toEqual(csvVariant('hr'));
    const query = await gw.http.get('/openidm/system/hr/__ACCOUNT__?_queryFilter=true').set(ADMIN);
    expect(query.status).toBe(200);
    expect(query.body.resultCount).toBeGreaterThan(0);
    expect(confFiles().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('when an existing configuration is PUT without conditions, then it is replaced (200) and the system changes at once', async () => {
    await gw.http.put(`${CONFIG}/provisioner.openicf/upd`).set(ADMIN).send(csvVariant('upd'));
    const res = await gw.http.put(`${CONFIG}/provisioner.openicf/upd`).set(ADMIN).send(csvVariant('upd', { enabled: false }));
    expect(res.status).toBe(200);
    expect(res.body.enabled).toBe(false);
    const route = await gw.http.get('/openidm/system/upd/__ACCOUNT__?_queryFilter=true').set(ADMIN);
    expect(route.status).toBe(404);
    expect((JSON.parse(readFileSync(fileOf('upd'), 'utf8')) as JsonObject).enabled).toBe(false);
  });

  test('when If-None-Match: * names an existing configuration, then 412 with IDM\'s message and nothing changes', async () => {
    const before = readFileSync(fileOf('csv'), 'utf8');
    const res = await gw.http.put(`${CONFIG}/provisioner.openicf/csv`).set(ADMIN).set('If-None-Match', '*').send(csvVariant('csv', { enabled: false }));
    expect(res.status).toBe(412);
    expect(res.body.message).toBe('Can not create a new factory configuration with ID provisioner.openicf/csv, configuration for this ID already exists.');
    expect(readFileSync(fileOf('csv'), 'utf8')).toBe(before);
  });

  test('when If-None-Match: * names a new configuration, then it is created', async () => {
    const res = await gw.http.put(`${CONFIG}/provisioner.openicf/fresh`).set(ADMIN).set('If-None-Match', '*').send(csvVariant('fresh'));
    expect(res.status).toBe(201);
    expect(existsSync(fileOf('fresh'))).toBe(true);
  });

  test('when If-Match names a missing configuration, then 404 and no file appears', async () => {
    const res = await gw.http.put(`${CONFIG}/provisioner.openicf/ghost`).set(ADMIN).set('If-Match', '*').send(csvVariant('ghost'));
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('No existing configuration found for provisioner.openicf/ghost, can not update the configuration.');
    expect(existsSync(fileOf('ghost'))).toBe(false);
  });

  test('when If-Match (any revision) updates, then 200 and _id/_rev of the body are not stored', async () => {
    await gw.http.put(`${CONFIG}/provisioner.openicf/ifm`).set(ADMIN).send(csvVariant('ifm'));
    const res = await gw.http.put(`${CONFIG}/provisioner.openicf/ifm`).set(ADMIN).set('If-Match', '"7"')
      .send({ ...csvVariant('ifm'), _id: 'provisioner.openicf/other', _rev: '3', operationTimeout: { TEST: 3000 } });
    expect(res.status).toBe(200);
    expect(res.body._id).toBe('provisioner.openicf/ifm');
    const onDisk = JSON.parse(readFileSync(fileOf('ifm'), 'utf8')) as JsonObject;
    expect(onDisk._id).toBeUndefined();
    expect(onDisk._rev).toBeUndefined();
    expect(onDisk.operationTimeout).toEqual({ TEST: 3000 });
  });

  test('when a configuration is patched, then the patch applies to the raw form and the system follows', async () => {
    await gw.http.put(`${CONFIG}/provisioner.openicf/pat`).set(ADMIN).send(csvVariant('pat'));
    const res = await gw.http.patch(`${CONFIG}/provisioner.openicf/pat`).set(ADMIN)
      .send([{ operation: 'replace', field: '/enabled', value: false }, { operation: 'add', field: '/operationTimeout/TEST', value: 1234 }]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: 'provisioner.openicf/pat', enabled: false, operationTimeout: { TEST: 1234 } });
    expect(res.body.configurationProperties.csvFile).toBe('&{idm.instance.dir}/data/csvConnectorData.csv');
    expect((JSON.parse(readFileSync(fileOf('pat'), 'utf8')) as JsonObject).enabled).toBe(false);
    const route = await gw.http.get('/openidm/system/pat/__ACCOUNT__?_queryFilter=true').set(ADMIN);
    expect(route.status).toBe(404);
  });

  test('when a patch is not a patch or the configuration is missing, then 400 or 404 and nothing changes', async () => {
    const missing = await gw.http.patch(`${CONFIG}/provisioner.openicf/ghost`).set(ADMIN).send([{ operation: 'replace', field: '/enabled', value: false }]);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('No existing configuration found for provisioner.openicf/ghost, can not patch the configuration.');
    const bad = await gw.http.patch(`${CONFIG}/provisioner.openicf/csv`).set(ADMIN).send({ operation: 'replace' });
    expect(bad.status).toBe(400);
  });

  test('when a patch would make the configuration invalid, then 400 and the previous version keeps serving', async () => {
    const before = readFileSync(fileOf('csv'), 'utf8');
    const res = await gw.http.patch(`${CONFIG}/provisioner.openicf/csv`).set(ADMIN).send([{ operation: 'replace', field: '/name', value: 'c-s-v' }]);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Invalid configuration for provisioner.openicf/csv: /name: the system name must be alphanumeric (letters and digits only)');
    expect(readFileSync(fileOf('csv'), 'utf8')).toBe(before);
    const query = await gw.http.get('/openidm/system/csv/__ACCOUNT__?_queryFilter=true').set(ADMIN);
    expect(query.status).toBe(200);
  });

  test('when a configuration is deleted, then 200 with the previous content, the file and the system are gone', async () => {
    await gw.http.put(`${CONFIG}/provisioner.openicf/del`).set(ADMIN).send(csvVariant('del'));
    const res = await gw.http.delete(`${CONFIG}/provisioner.openicf/del`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ _id: 'provisioner.openicf/del', ...csvVariant('del') });
    expect(existsSync(fileOf('del'))).toBe(false);
    const route = await gw.http.get('/openidm/system/del/__ACCOUNT__?_queryFilter=true').set(ADMIN);
    expect(route.status).toBe(404);
    const again = await gw.http.delete(`${CONFIG}/provisioner.openicf/del`).set(ADMIN);
    expect(again.status).toBe(404);
    expect(again.body.message).toBe('No existing configuration found for provisioner.openicf/del, can not delete the configuration.');
  });

  test('when the body has no name and the alias is alphanumeric, then the alias names the system', async () => {
    const { name: _name, ...unnamed } = csvVariant('x');
    const res = await gw.http.put(`${CONFIG}/provisioner.openicf/noname`).set(ADMIN).send(unnamed);
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('noname');
    const query = await gw.http.get('/openidm/system/noname/__ACCOUNT__?_queryFilter=true').set(ADMIN);
    expect(query.status).toBe(200);
  });
});

describe('refused writes', () => {
  test('when conf/ cannot take the file, then the answer is a 500 naming the cause, and no system is started', async () => {
    // A directory where the file would go: the rename fails as it does on a read-only or full conf/.
    mkdirSync(fileOf('blocked'));
    try {
      const res = await gw.http.put(`${CONFIG}/provisioner.openicf/blocked`).set(ADMIN).send(csvVariant('blocked'));
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        code: 500, reason: 'Internal Server Error',
        message: 'Configuration provisioner.openicf/blocked could not be stored: the conf directory could not be written (EISDIR). Nothing was changed.',
      });
      expect((await gw.http.post('/openidm/system/blocked?_action=test').set(ADMIN)).status).toBe(404);
      expect(confFiles().filter((f) => f.includes('blocked') && f !== 'provisioner.openicf-blocked.json')).toEqual([]);
    } finally {
      rmSync(fileOf('blocked'), { recursive: true, force: true });
    }
  });

  test.each([
    ['a-b', 'the configuration name "a-b" may contain only letters, digits, \'_\' and \'.\' (no dash, no \'..\', no \'/\')'],
    ['a..b', 'the configuration name "a..b" may contain only letters, digits, \'_\' and \'.\' (no dash, no \'..\', no \'/\')'],
    ['..%2F..%2Fetc', 'the configuration name "../../etc" may contain only letters, digits, \'_\' and \'.\' (no dash, no \'..\', no \'/\')'],
    // Too long for a file name: was a 500 (ENAMETOOLONG) from the file system.
    ['z'.repeat(300), 'the configuration name has 300 characters; at most 200 are allowed'],
  ])('when the alias is %s, then 400 and nothing is written', async (alias, reason) => {
    const before = confFiles();
    const res = await gw.http.put(`${CONFIG}/provisioner.openicf/${alias}`).set(ADMIN).send(csvVariant('ok'));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(`Invalid configuration id provisioner.openicf/${decodeURIComponent(alias)}: ${reason}`);
    expect(confFiles()).toEqual(before);
  });

  test('when the system name is not alphanumeric, then 400 naming /name and nothing is written', async () => {
    const before = confFiles();
    const res = await gw.http.put(`${CONFIG}/provisioner.openicf/hrdb`).set(ADMIN).send(csvVariant('hr-db'));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Invalid configuration for provisioner.openicf/hrdb: /name: the system name must be alphanumeric (letters and digits only)');
    expect(res.body.detail).toEqual({ problems: ['/name: the system name must be alphanumeric (letters and digits only)'] });
    expect(confFiles()).toEqual(before);
  });

  test('when the system name is used by another configuration, then 400 and nothing is written', async () => {
    const before = confFiles();
    const res = await gw.http.put(`${CONFIG}/provisioner.openicf/csv2`).set(ADMIN).send(csvVariant('csv'));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Invalid configuration for provisioner.openicf/csv2: /name: the system name "csv" is already used by provisioner.openicf/csv');
    expect(confFiles()).toEqual(before);
  });

  test('when the connector refuses its configurationProperties, then 400 with its reason and nothing is written', async () => {
    const before = confFiles();
    const res = await gw.http.put(`${CONFIG}/provisioner.openicf/nocsv`).set(ADMIN).send(csvVariant('nocsv', { configurationProperties: { csvFile: null } }));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Invalid configuration for provisioner.openicf/nocsv: /configurationProperties: csvFile is required: the path of the CSV file');
    expect(confFiles()).toEqual(before);
  });

  test('when the connector is unknown or connectorRef is missing, then 400 and nothing is written', async () => {
    const before = confFiles();
    const unknown = await gw.http.put(`${CONFIG}/provisioner.openicf/unk`).set(ADMIN)
      .send(csvVariant('unk', { connectorRef: { connectorName: 'org.example.Nope' } }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('/connectorRef/connectorName: no connector "org.example.Nope" in this gateway (available: org.forgerock.openicf.csvfile.CSVFileConnector');
    const missing = await gw.http.put(`${CONFIG}/provisioner.openicf/unk`).set(ADMIN).send({ name: 'unk' });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('Invalid configuration for provisioner.openicf/unk: /: missing required property "connectorRef"');
    expect(confFiles()).toEqual(before);
  });

  test('when configurations other than provisioner.openicf/<name> are written, then 400 and nothing is written', async () => {
    const before = confFiles();
    const router = await gw.http.put(`${CONFIG}/router/x`).set(ADMIN).send({ filters: [] });
    expect(router.status).toBe(400);
    expect(router.body.message).toBe('router config can not be factory config');
    const singleton = await gw.http.put(`${CONFIG}/audit`).set(ADMIN).send({ x: 1 });
    expect(singleton.status).toBe(400);
    expect(singleton.body.message).toBe('The configuration audit is not managed by this gateway: only provisioner.openicf/<name> configurations can be written');
    expect(confFiles()).toEqual(before);
  });

  test('when a create names no id, then 400 "The passed identifier to create is null"', async () => {
    const post = await gw.http.post(`${CONFIG}/provisioner.openicf`).set(ADMIN).send(csvVariant('noid'));
    expect(post.status).toBe(400);
    expect(post.body.message).toBe('The passed identifier to create is null');
    const action = await gw.http.post(`${CONFIG}/provisioner.openicf?_action=create`).set(ADMIN).send(csvVariant('noid'));
    expect(action.status).toBe(400);
    expect(action.body.message).toBe('The passed identifier to create is null');
    const onInstance = await gw.http.post(`${CONFIG}/provisioner.openicf/noid?_action=create`).set(ADMIN).send(csvVariant('noid'));
    expect(onInstance.status).toBe(400);
    expect(existsSync(fileOf('noid'))).toBe(false);
  });

  test.each([`${CONFIG}?_action=reload`, `${CONFIG}/provisioner.openicf/csv?_action=test`])(
    'when an action is posted (%s), then 501 "The ACTION operations are not supported"', async (url) => {
      const res = await gw.http.post(url).set(ADMIN);
      expect(res.status).toBe(501);
      expect(res.body.message).toBe('The ACTION operations are not supported');
    });

  test('when the path has more than two parts, then 400', async () => {
    const res = await gw.http.get(`${CONFIG}/provisioner.openicf/csv/extra`).set(ADMIN);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('The passed resourcePath has more than two parts');
  });

  test('when a write is not JSON, then a CREST 400 and nothing is written', async () => {
    const before = confFiles();
    const res = await gw.http.put(`${CONFIG}/provisioner.openicf/txt`).set(ADMIN).set('Content-Type', 'text/plain').send('name=txt');
    expect(res.status).toBe(400);
    expect(confFiles()).toEqual(before);
  });
});
