import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, startGateway, type Gateway } from '../support/gateway-harness.js';
import { ADMIN_HEADERS, sendSeedCall, type SeedCall } from '../support/seed-call.js';

/** The headers every curl of the seed's "Configure connectors over REST" sends. */
const SEED_HEADERS = { ...ADMIN, 'Accept-API-Version': 'resource=1.0' };

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway({ confFiles: [] });
  // The target system of the walk-through: a CSV file of its own.
  writeFileSync(join(gw.instanceDir, 'data', 'hr.csv'), [
    'uid,username,firstName,lastName,email,department,password',
    'jdoe,jdoe,John,Doe,jdoe@example.com,Sales,Passw0rd!',
    'asmith,asmith,Alice,Smith,asmith@example.com,Engineering,Passw0rd!',
    '',
  ].join('\n'));
});
afterAll(() => gw.close());

describe('the seed\'s "Configure connectors over REST" walk-through, with the CSV connector', () => {
  let connectorRef: JsonObject;
  let core: JsonObject;
  let full: JsonObject;

  test('when the available connectors are listed, then the CSV File Connector is offered', async () => {
    const res = await gw.http.post('/openidm/system?_action=availableConnectors').set(SEED_HEADERS);
    expect(res.status).toBe(200);
    connectorRef = res.body.connectorRef.find((r: JsonObject) => r.displayName === 'CSV File Connector');
    expect(connectorRef).toEqual({
      displayName: 'CSV File Connector',
      bundleVersion: '1.5.20.32',
      systemType: 'provisioner.openicf',
      bundleName: 'org.forgerock.openicf.connectors.csvfile-connector',
      connectorName: 'org.forgerock.openicf.csvfile.CSVFileConnector',
    });
  });

  test('when the core configuration is generated from that connectorRef, then the CSV defaults come back', async () => {
    const res = await gw.http.post('/openidm/system?_action=createCoreConfig').set(SEED_HEADERS).send({ connectorRef });
    expect(res.status).toBe(200);
    core = res.body;
    expect(core.connectorRef).toEqual(connectorRef);
    expect(core.configurationProperties).toMatchObject({ csvFile: null, headerUid: 'uid', headerPassword: 'password' });
    expect(core.operationTimeout).toMatchObject({ CREATE: 5000, TEST: 5000, SCHEMA: 10000 });
  });

  test('when the target system\'s properties are added and createFullConfig connects, then objectTypes come from the CSV header', async () => {
    // The seed's payload as written, with csvFile pointing at this walk-through's file.
    const body = {
      configurationProperties: {
        headerPassword: 'password',
        spaceReplacementString: '_',
        csvFile: '&{idm.instance.dir}/data/hr.csv',
        newlineString: '\n',
        headerUid: 'uid',
        quoteCharacter: '"',
        fieldDelimiter: ',',
        syncFileRetentionCount: 3,
      },
      connectorRef,
      resultsHandlerConfig: {
        enableNormalizingResultsHandler: true,
        enableFilteredResultsHandler: true,
        enableCaseInsensitiveFilter: false,
        enableAttributesToGetSearchResultsHandler: true,
      },
      operationTimeout: core.operationTimeout,
    };
    const res = await gw.http.post('/openidm/system?_action=createFullConfig').set(SEED_HEADERS).send(body);
    expect(res.status).toBe(200);
    full = res.body;
    // The submitted payload, &{…} substituted (IDM substitutes action bodies before use)…
    expect(full.connectorRef).toEqual(connectorRef);
    expect(full.resultsHandlerConfig).toEqual(body.resultsHandlerConfig);
    expect(full.configurationProperties).toEqual({ ...body.configurationProperties, csvFile: join(gw.instanceDir, 'data', 'hr.csv') });
    // …plus objectTypes and operationOptions generated from the schema.
    const account = (full.objectTypes as JsonObject).__ACCOUNT__ as JsonObject;
    expect(account).toMatchObject({ id: '__ACCOUNT__', type: 'object', nativeType: '__ACCOUNT__' });
    expect(Object.keys(account.properties as JsonObject)).toEqual(['uid', 'username', 'firstName', 'lastName', 'email', 'department', 'password']);
    expect((account.properties as JsonObject).uid).toEqual({ type: 'string', required: true, nativeName: '__NAME__', nativeType: 'string' });
    expect((account.properties as JsonObject).password).toMatchObject({ nativeName: '__PASSWORD__', flags: ['NOT_READABLE', 'NOT_RETURNED_BY_DEFAULT'] });
    expect((full.operationOptions as JsonObject).CREATE).toEqual({ objectFeatures: { __ACCOUNT__: { denied: false, onDeny: 'DO_NOTHING' } } });
  });

  test('when the final configuration is PUT to /openidm/config/provisioner.openicf/hr, then the new system answers queries at once', async () => {
    const put = await gw.http.put('/openidm/config/provisioner.openicf/hr').set(SEED_HEADERS).send(full);
    expect(put.status).toBe(201);
    expect(existsSync(join(gw.confDir, 'provisioner.openicf-hr.json'))).toBe(true);
    const query = await gw.http.get('/openidm/system/hr/__ACCOUNT__?_queryFilter=true').set(SEED_HEADERS);
    expect(query.status).toBe(200);
    expect(query.body.result.map((r: JsonObject) => r._id).sort()).toEqual(['asmith', 'jdoe']);
    expect(query.body.result.find((r: JsonObject) => r._id === 'jdoe')).toMatchObject({ uid: 'jdoe', department: 'Sales', email: 'jdoe@example.com' });
    expect(query.body.result[0].password).toBeUndefined();
    const test = await gw.http.post('/openidm/system/hr?_action=test').set(SEED_HEADERS);
    expect(test.body).toMatchObject({ name: 'hr', config: 'config/provisioner.openicf/hr', ok: true });
  });

  test('when the configuration is read back, then it is what the file holds, and the file loads on a restart', async () => {
    const read = await gw.http.get('/openidm/config/provisioner.openicf/hr').set(SEED_HEADERS);
    const { _id, ...stored } = read.body as JsonObject;
    expect(_id).toBe('provisioner.openicf/hr');
    expect(stored).toEqual(JSON.parse(readFileSync(join(gw.confDir, 'provisioner.openicf-hr.json'), 'utf8')));
    await gw.reload();
    const query = await gw.http.get('/openidm/system/hr/__ACCOUNT__?_queryId=query-all-ids').set(SEED_HEADERS);
    expect(query.body.resultCount).toBe(2);
  });
});

/**
 * The same four calls exactly as the page prints them (shared/seeds/configure-connectors.md,
 * "Configure connectors over REST"): method, URL, headers and `--data` text byte for byte; the
 * final PUT sends what createFullConfig returned in place of `{complete-configuration}`.
 */
describe('the seed\'s "Configure connectors over REST" curl calls, as written', () => {
  const headers = [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0'];
  const jsonHeaders = [...headers, 'Content-Type: application/json'];
  const CSV_REF = {
    systemType: 'provisioner.openicf',
    bundleName: 'org.forgerock.openicf.connectors.csvfile-connector',
    connectorName: 'org.forgerock.openicf.csvfile.CSVFileConnector',
    displayName: 'CSV File Connector',
    bundleVersion: '1.5.20.32',
  };
  const OPERATION_TIMEOUT = {
    CREATE: 5000, UPDATE: 15000, DELETE: 15000, TEST: 5000, SCRIPT_ON_CONNECTOR: 15000, SCRIPT_ON_RESOURCE: 15000,
    GET: 15000, RESOLVEUSERNAME: 10000, AUTHENTICATE: 10000, SEARCH: 15000, VALIDATE: 5000, SYNC: 15000, SCHEMA: 10000,
  };
  const SEED = {
    availableConnectors: { method: 'POST', url: 'http://localhost:8080/openidm/system?_action=availableConnectors', headers },
    createCoreConfig: {
      method: 'POST', url: 'http://localhost:8080/openidm/system?_action=createCoreConfig', headers: jsonHeaders,
      data: '{ "connectorRef": { "systemType": "provisioner.openicf", "bundleName": "org.forgerock.openicf.connectors.csvfile-connector", "connectorName": "org.forgerock.openicf.csvfile.CSVFileConnector", "displayName": "CSV File Connector", "bundleVersion": "1.5.20.32" } }',
    },
    createFullConfig: {
      method: 'POST', url: 'http://localhost:8080/openidm/system?_action=createFullConfig', headers: jsonHeaders,
      data: String.raw`{ "configurationProperties": { "headerPassword": "password", "spaceReplacementString": "_", "csvFile": "&{idm.instance.dir}/data/csvConnectorData.csv", "newlineString": "\n", "headerUid": "uid", "quoteCharacter": "\"", "fieldDelimiter": ",", "syncFileRetentionCount": 3 }, "connectorRef": { "systemType": "provisioner.openicf", "bundleName": "org.forgerock.openicf.connectors.csvfile-connector", "connectorName": "org.forgerock.openicf.csvfile.CSVFileConnector", "displayName": "CSV File Connector", "bundleVersion": "1.5.20.32" }, "resultsHandlerConfig": { "enableNormalizingResultsHandler": true, "enableFilteredResultsHandler": true, "enableCaseInsensitiveFilter": false, "enableAttributesToGetSearchResultsHandler": true }, "operationTimeout": { "CREATE": 5000, "UPDATE": 15000, "DELETE": 15000, "TEST": 5000, "SCRIPT_ON_CONNECTOR": 15000, "SCRIPT_ON_RESOURCE": 15000, "GET": 15000, "RESOLVEUSERNAME": 10000, "AUTHENTICATE": 10000, "SEARCH": 15000, "VALIDATE": 5000, "SYNC": 15000, "SCHEMA": 10000 } }`,
    },
    putConfig: {
      method: 'PUT', url: 'http://localhost:8080/openidm/config/provisioner.openicf/connectorName', headers: jsonHeaders,
      data: '{complete-configuration}',
    },
  } as const satisfies Record<string, SeedCall>;

  test('when the available connectors are listed, then the CSV File Connector entry is the page\'s', async () => {
    const res = await sendSeedCall(gw.http, SEED.availableConnectors);
    expect(res.status).toBe(200);
    expect(res.body.connectorRef).toContainEqual(CSV_REF);
  });

  test('when the core configuration is generated, then it is the page\'s output (plus IDM\'s poolConfigOption)', async () => {
    const res = await sendSeedCall(gw.http, SEED.createCoreConfig);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      connectorRef: CSV_REF,
      poolConfigOption: expect.any(Object),
      resultsHandlerConfig: {
        enableNormalizingResultsHandler: false,
        enableFilteredResultsHandler: false,
        enableCaseInsensitiveFilter: false,
        enableAttributesToGetSearchResultsHandler: true,
      },
      operationTimeout: OPERATION_TIMEOUT,
      configurationProperties: {
        headerPassword: 'password', spaceReplacementString: '_', csvFile: null, newlineString: '\n', headerUid: 'uid',
        quoteCharacter: '"', escapeCharacter: '\\', fieldDelimiter: ',', syncFileRetentionCount: 3,
      },
    });
  });

  test('when the full configuration is generated and PUT as connectorName, then the system serves the page\'s CSV file', async () => {
    const full = await sendSeedCall(gw.http, SEED.createFullConfig);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ connectorRef: CSV_REF, operationTimeout: OPERATION_TIMEOUT });
    expect(full.body.configurationProperties.csvFile).toBe(join(gw.instanceDir, 'data', 'csvConnectorData.csv'));
    expect(Object.keys(full.body.objectTypes)).toEqual(['__ACCOUNT__']);
    expect(full.body.operationOptions).toBeDefined();

    const put = await sendSeedCall(gw.http, { ...SEED.putConfig, data: JSON.stringify(full.body) });
    expect(put.status).toBe(201);
    expect(existsSync(join(gw.confDir, 'provisioner.openicf-connectorName.json'))).toBe(true);
    const test = await gw.http.post('/openidm/system/connectorName?_action=test').set(SEED_HEADERS);
    expect(test.body).toMatchObject({ name: 'connectorName', config: 'config/provisioner.openicf/connectorName', ok: true });
    const read = await gw.http.get('/openidm/system/connectorName/__ACCOUNT__/bjensen').set(SEED_HEADERS);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ _id: 'bjensen', firstName: 'Barbara', lastName: 'Jensen' });
  });

  test('when the page\'s placeholder {complete-configuration} is sent as is, then a CREST 400 (not JSON) and nothing is written', async () => {
    const res = await sendSeedCall(gw.http, { ...SEED.putConfig, url: SEED.putConfig.url.replace('connectorName', 'placeholder') });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 400, reason: 'Bad Request' });
    expect(existsSync(join(gw.confDir, 'provisioner.openicf-placeholder.json'))).toBe(false);
  });
});
