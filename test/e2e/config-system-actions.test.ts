import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, REPO, startGateway, type Gateway } from '../support/gateway-harness.js';

const SYSTEM = '/openidm/system';
const csvConf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-csv.json'), 'utf8')) as JsonObject;
const csvRef = csvConf.connectorRef as JsonObject;

function csvVariant(name: string, changes: JsonObject = {}): JsonObject {
  return { ...structuredClone(csvConf), name, ...changes };
}

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

function snapshot(): { files: string[]; systems: string[] } {
  return { files: readdirSync(gw.confDir).sort(), systems: gw.registry.list().map((s) => s.name).sort() };
}

describe('_action=testConfig', () => {
  test('when a new configuration connects, then {name, ok:true} and nothing is saved or started', async () => {
    const before = snapshot();
    const res = await gw.http.post(`${SYSTEM}?_action=testConfig`).set(ADMIN).send(csvVariant('trial'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'trial', ok: true });
    expect(snapshot()).toEqual(before);
    const route = await gw.http.get(`${SYSTEM}/trial/__ACCOUNT__?_queryFilter=true`).set(ADMIN);
    expect(route.status).toBe(404);
  });

  test('when the body uses &{idm.instance.dir}, then it is substituted before connecting', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=testConfig`).set(ADMIN)
      .send(csvVariant('trial', { configurationProperties: { csvFile: '&{idm.instance.dir}/data/csvConnectorData.csv' } }));
    expect(res.body).toEqual({ name: 'trial', ok: true });
  });

  test('when the CSV file does not exist, then ok:false with the connector\'s error', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=testConfig`).set(ADMIN)
      .send(csvVariant('trial', { configurationProperties: { csvFile: '&{idm.instance.dir}/data/missing.csv' } }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'trial',
      ok: false,
      error: `ConfigurationError: CSV file ${join(gw.instanceDir, 'data', 'missing.csv')} does not exist; at least a file with a header row must exist`,
    });
  });

  test('when a running system of that name is tested with a broken file path, then the error is the bare message', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=testConfig`).set(ADMIN)
      .send(csvVariant('csv', { configurationProperties: { csvFile: '/nonexistent/x.csv' } }));
    expect(res.body).toEqual({ name: 'csv', ok: false, error: 'CSV file /nonexistent/x.csv does not exist; at least a file with a header row must exist' });
    const running = await gw.http.post(`${SYSTEM}/csv?_action=test`).set(ADMIN);
    expect(running.body.ok).toBe(true);
  });

  test('when configurationProperties are invalid, then ok:false with IDM\'s "connector jsonConfiguration" prefix', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=testConfig`).set(ADMIN).send(csvVariant('trial', { configurationProperties: { csvFile: null } }));
    expect(res.body).toEqual({ name: 'trial', ok: false, error: 'OpenICF connector jsonConfiguration has errors: csvFile is required: the path of the CSV file' });
  });

  test('when the provisioner document is invalid, then ok:false with IDM\'s "Provisioner Service jsonConfiguration" prefix', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=testConfig`).set(ADMIN).send(csvVariant('tri-al'));
    expect(res.body).toEqual({
      name: 'tri-al',
      ok: false,
      error: 'OpenICF Provisioner Service jsonConfiguration has errors: /name: the system name must be alphanumeric (letters and digits only)',
    });
  });

  test.each([
    ['no connector name', 404, 'No connector name provided', { name: 'x', connectorRef: {} }],
    ['no connectorRef at all', 404, 'No connector name provided', { name: 'x' }],
    ['an unknown connector', 503, 'The required service is not available', { name: 'x', connectorRef: { connectorName: 'org.example.Nope' } }],
    ['an id', 400, 'A system ID must not be specified in the request', { ...csvVariant('x'), id: 'csv' }],
    ['no name', 400, "Invalid configuration to test: no 'name' specified", { connectorRef: csvRef, configurationProperties: {} }],
  ])('when the body has %s, then %i "%s"', async (_what, status, message, body) => {
    const res = await gw.http.post(`${SYSTEM}?_action=testConfig`).set(ADMIN).send(body);
    expect(res.status).toBe(status);
    expect(res.body.message).toBe(message);
  });
});

describe('_action=createFullConfig', () => {
  test('when configurationProperties are missing, then {} comes back', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=createFullConfig`).set(ADMIN).send({ connectorRef: csvRef });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
  });

  test('when connectorRef names no connector or an unknown one, then 404 or 503', async () => {
    const none = await gw.http.post(`${SYSTEM}?_action=createFullConfig`).set(ADMIN).send({ configurationProperties: {} });
    expect(none.status).toBe(404);
    expect(none.body.message).toBe('No connector name provided');
    const unknown = await gw.http.post(`${SYSTEM}?_action=createFullConfig`).set(ADMIN).send({ connectorRef: { connectorName: 'x.Y' }, configurationProperties: {} });
    expect(unknown.status).toBe(503);
    expect(unknown.body.message).toBe('The required service is not available');
  });

  test('when the CSV file cannot be read, then 400 naming the failing step and nothing is generated', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=createFullConfig`).set(ADMIN)
      .send({ connectorRef: csvRef, configurationProperties: { csvFile: '/nonexistent/hr.csv' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('The connector test failed: CSV file /nonexistent/hr.csv does not exist; at least a file with a header row must exist');
  });

  test('when configurationProperties are invalid, then 400 with the connector\'s problems', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=createFullConfig`).set(ADMIN)
      .send({ connectorRef: csvRef, configurationProperties: { csvFile: 'x.csv', fieldDelimiter: ';;' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Invalid configurationProperties: fieldDelimiter must be a single character, got string ";;"');
    const notObject = await gw.http.post(`${SYSTEM}?_action=createFullConfig`).set(ADMIN).send({ connectorRef: csvRef, configurationProperties: 'x' });
    expect(notObject.status).toBe(400);
  });
});

describe('_action=createConfiguration (legacy multi-phase)', () => {
  test('when the body is empty, then the available connectors come back', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=createConfiguration`).set(ADMIN);
    const available = await gw.http.post(`${SYSTEM}?_action=availableConnectors`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(available.body);
    const emptyObject = await gw.http.post(`${SYSTEM}?_action=createConfiguration`).set(ADMIN).send({});
    expect(emptyObject.body).toEqual(available.body);
  });

  test('when only connectorRef is given, then the core configuration comes back', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=createConfiguration`).set(ADMIN).send({ connectorRef: csvRef });
    const core = await gw.http.post(`${SYSTEM}?_action=createCoreConfig`).set(ADMIN).send({ connectorRef: csvRef });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(core.body);
  });

  test('when connectorRef and configurationProperties are given, then the full configuration comes back', async () => {
    const body = { connectorRef: csvRef, configurationProperties: { csvFile: '&{idm.instance.dir}/data/csvConnectorData.csv' } };
    const res = await gw.http.post(`${SYSTEM}?_action=createConfiguration`).set(ADMIN).send(body);
    const full = await gw.http.post(`${SYSTEM}?_action=createFullConfig`).set(ADMIN).send(body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(full.body);
    expect(Object.keys(res.body.objectTypes)).toEqual(['__ACCOUNT__']);
  });

  test('when the body has neither, then IDM\'s "No connector name provided"', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=createConfiguration`).set(ADMIN).send({ name: 'x' });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('No connector name provided');
  });
});
