import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, startGateway, type Gateway } from '../support/gateway-harness.js';
import { expectDocumented } from '../support/openapi-response-check.js';

const ACCOUNTS = '/openidm/system/csv/__ACCOUNT__';
let gw: Gateway;

beforeEach(async () => {
  gw = await startGateway();
});
afterEach(() => gw.close());

function confFile(): string {
  return join(gw.confDir, 'provisioner.openicf-csv.json');
}

/** The CSV conf with a required `department` property, and a `department` column in the data. */
function withDepartment(): JsonObject {
  const csv = join(gw.instanceDir, 'data', 'csvConnectorData.csv');
  const lines = readFileSync(csv, 'utf8').split('\n');
  writeFileSync(csv, lines.map((line, i) => (line === '' ? line : `${line},"${i === 0 ? 'department' : ''}"`)).join('\n'));
  const conf = JSON.parse(readFileSync(confFile(), 'utf8')) as JsonObject;
  const account = (conf.objectTypes as JsonObject).__ACCOUNT__ as JsonObject;
  (account.properties as JsonObject).department = { type: 'string', nativeName: 'department', nativeType: 'string', required: true };
  return conf;
}

async function currentDocument(): Promise<JsonObject> {
  return (await gw.http.get('/openapi.json')).body as JsonObject;
}

function createSchema(document: JsonObject): JsonObject {
  return ((document.components as JsonObject).schemas as JsonObject)['csv.__ACCOUNT__.create'] as JsonObject;
}

describe('the document and the validator follow configuration changes without a restart', () => {
  test('when a property is added to the conf file and it is reloaded, then the document and the door know it', async () => {
    const before = await currentDocument();
    expect((createSchema(before).properties as JsonObject).department).toBeUndefined();
    const refused = await gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: 'd1', lastName: 'x', department: 'Sales' });
    expect(refused.body.message).toBe('Target does not support attribute department');

    writeFileSync(confFile(), JSON.stringify(withDepartment(), null, 2));
    await gw.reload();

    const after = await currentDocument();
    expect((createSchema(after).properties as JsonObject).department).toEqual({ type: 'string' });
    expect(createSchema(after).required).toEqual(['lastName', 'department']);
    const created = await gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: 'd1', lastName: 'x', department: 'Sales' });
    expect(created.status).toBe(201);
    expect(created.body.department).toBe('Sales');
    expectDocumented(after, created);
    const missing = await gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: 'd2', lastName: 'x' });
    expect(missing.body.message).toBe("Required attribute 'department' value is null");
    expectDocumented(after, missing);
  });

  test('when registry.put installs a changed configuration, then GET /openidm/?_api shows it at once', async () => {
    gw.registry.put('csv', withDepartment());
    const res = await gw.http.get('/openidm/?_api').set(ADMIN);
    expect((createSchema(res.body as JsonObject).properties as JsonObject).department).toEqual({ type: 'string' });
    const missing = await gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: 'd3', lastName: 'x' });
    expect(missing.body.message).toBe("Required attribute 'department' value is null");
  });

  test('when a system is removed, then its paths leave the document and its requests get IDM\'s 404', async () => {
    expect(Object.keys((await currentDocument()).paths as JsonObject)).toContain(ACCOUNTS);
    await gw.registry.remove('csv');
    const paths = Object.keys((await currentDocument()).paths as JsonObject);
    expect(paths.filter((p) => p.startsWith('/openidm/system/csv'))).toEqual([]);
    const res = await gw.http.post(ACCOUNTS).set(ADMIN).send({ nope: 1 });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe("Resource 'system/csv' not found");
  });

  test('when nothing changes, then repeated requests are served by the same document (no rebuild per request)', async () => {
    const first = await gw.http.get('/openapi.json');
    for (let i = 0; i < 5; i++) await gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: `same${i}`, lastName: 'x' });
    const second = await gw.http.get('/openapi.json');
    expect(second.text).toBe(first.text);
  });
});
