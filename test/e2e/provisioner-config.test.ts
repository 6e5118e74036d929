import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, REPO, startGateway, type Gateway } from '../support/gateway-harness.js';

const csvConf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-csv.json'), 'utf8')) as JsonObject;

function variant(name: string, changes: JsonObject): JsonObject {
  return { ...structuredClone(csvConf), name, ...changes };
}

describe('provisioner files', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({
      extraConfigs: {
        off: variant('off', { enabled: false }),
        broken: { name: 'broken', connectorRef: {}, objectTypes: 'not an object' },
        badname: variant('bad-name', {}),
        nocsv: variant('nocsv', { configurationProperties: { csvFile: null } }),
        readonly: variant('readonly', {
          operationOptions: { CREATE: { denied: true, onDeny: 'THROW_EXCEPTION' }, DELETE: { denied: true, onDeny: 'DO_NOTHING' } },
        }),
      },
    });
  });
  afterAll(() => gw.close());

  test('when one file is broken, then it is reported with file, path and reason and the others serve', async () => {
    const problems = gw.registry.problems;
    const broken = problems.find((p) => p.file.endsWith('provisioner.openicf-broken.json'));
    expect(broken?.problems).toEqual(expect.arrayContaining(['/connectorRef: missing required property "connectorName"', '/objectTypes: must be object']));
    const badname = problems.find((p) => p.file.endsWith('provisioner.openicf-badname.json'));
    expect(badname?.problems).toEqual(['/name: the system name must be alphanumeric (letters and digits only)']);
    const res = await gw.http.get('/openidm/system/csv/__ACCOUNT__?_queryId=query-all-ids').set(ADMIN);
    expect(res.status).toBe(200);
  });

  test('when a system is disabled, then it has no route but test lists it with "connector not available"', async () => {
    const route = await gw.http.get('/openidm/system/off/__ACCOUNT__?_queryId=query-all-ids').set(ADMIN);
    expect(route.status).toBe(404);
    expect(route.body.message).toBe("Resource 'system/off' not found");
    const all = await gw.http.post('/openidm/system?_action=test').set(ADMIN);
    expect(all.body.find((s: { name: string }) => s.name === 'off')).toMatchObject({ enabled: false, ok: false, error: 'connector not available' });
  });

  test('when configurationProperties are invalid, then test says why and object requests are 503', async () => {
    const test = await gw.http.post('/openidm/system/nocsv?_action=test').set(ADMIN);
    expect(test.status).toBe(200);
    expect(test.body.ok).toBe(false);
    expect(test.body.error).toContain('csvFile');
    const query = await gw.http.get('/openidm/system/nocsv/__ACCOUNT__?_queryId=query-all-ids').set(ADMIN);
    expect(query.status).toBe(503);
  });

  test('when CREATE is denied with THROW_EXCEPTION, then 403 and nothing is written', async () => {
    const res = await gw.http.post('/openidm/system/readonly/__ACCOUNT__?_action=create').set(ADMIN).send({ uid: 'denied1', lastName: 'X' });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Operation org.identityconnectors.framework.api.operations.CreateApiOp is configured to be denied');
    const read = await gw.http.get('/openidm/system/readonly/__ACCOUNT__/denied1').set(ADMIN);
    expect(read.status).toBe(404);
  });

  test('when DELETE is denied with DO_NOTHING, then the object is returned unchanged and still exists', async () => {
    const res = await gw.http.delete('/openidm/system/readonly/__ACCOUNT__/bjensen').set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body._id).toBe('bjensen');
    const read = await gw.http.get('/openidm/system/readonly/__ACCOUNT__/bjensen').set(ADMIN);
    expect(read.status).toBe(200);
  });

  test.each([
    '/openidm/system/..%2F..%2Fetc/__ACCOUNT__/x',
    '/openidm/system/a-b/__ACCOUNT__?_queryFilter=true',
    '/openidm/system/%E0%A4%A/__ACCOUNT__',
    '/openidm/system/csv/__ACCOUNT__/..%2F..%2Fconf',
  ])('when the path is odd (%s), then a CREST 4xx comes back, never a 500', async (url) => {
    const res = await gw.http.get(url).set(ADMIN);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toMatchObject({ code: res.status });
  });
});
