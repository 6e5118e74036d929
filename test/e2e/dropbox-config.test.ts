import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDropboxSandboxServer, type RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import type { JsonObject } from '../../src/util/json.js';
import { shippedDropboxConf } from '../support/dropbox-gateway.js';
import { ADMIN, startGateway, type Gateway } from '../support/gateway-harness.js';

const SYSTEM = '/openidm/system';
const connectorRef = {
  bundleName: 'org.forgerock.openicf.connectors.dropbox-connector',
  bundleVersion: '1.5.20.34',
  connectorName: 'org.forgerock.openicf.connectors.dropbox.DropboxConnector',
  displayName: 'Dropbox Connector',
  systemType: 'provisioner.openicf',
};

let sandbox: RunningDropboxSandbox;
let gw: Gateway;
let base: string;

beforeAll(async () => {
  sandbox = await startDropboxSandboxServer({ dataFile: join(mkdtempSync(join(tmpdir(), 'dropbox-config-')), 'dropbox.json') });
  base = sandbox.baseUrl;
  gw = await startGateway({ confFiles: [], extraConfigs: { dropbox: shippedDropboxConf() }, properties: { 'sandbox.url': base.replace(/\/dropbox$/, '') } });
});
afterAll(async () => {
  await gw.close();
  await sandbox.close();
});

/** The sandbox's connection properties, as a user would type them. */
function sandboxProperties(): JsonObject {
  return {
    serviceUri: `${base}/2`, tokenEndpoint: `${base}/oauth2/token`, clientId: 'sandbox-dropbox-app',
    clientSecret: 'sandbox-dropbox-secret', refreshToken: 'sandbox-dropbox-refresh-token',
  };
}

describe('configuring a Dropbox connector over REST', () => {
  test('when the available connectors are listed, then the Dropbox connector is offered', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=availableConnectors`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.connectorRef).toContainEqual(connectorRef);
  });

  test('when createCoreConfig is asked for Dropbox, then the seed\'s properties come back with its defaults', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=createCoreConfig`).set(ADMIN).send({ connectorRef });
    expect(res.status).toBe(200);
    expect(res.body.configurationProperties).toMatchObject({
      serviceUri: null, tokenEndpoint: null, clientId: null, authenticationMethod: 'OAUTH', maximumConnections: 10,
      connectionTimeout: 30, useBasicAuthForOauthTokenNeg: true, authorizationTokenPrefix: 'Bearer',
    });
  });

  test('when createFullConfig is asked with sandbox credentials, then the generated object types are the shipped ones', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=createFullConfig`).set(ADMIN)
      .send({ name: 'dropboxnew', connectorRef, configurationProperties: sandboxProperties() });
    expect(res.status).toBe(200);
    const shippedTypes = shippedDropboxConf().objectTypes as Record<string, { properties: JsonObject }>;
    for (const [type, generated] of Object.entries(res.body.objectTypes as Record<string, { properties: JsonObject }>)) {
      expect([type, generated.properties]).toEqual([type, shippedTypes[type]!.properties]);
    }
    expect(Object.keys(res.body.objectTypes).sort()).toEqual(['__ACCOUNT__', '__GROUP__', 'role']);
  });

  test('when testConfig gets a wrong refresh token, then ok:false says the grant was refused', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=testConfig`).set(ADMIN)
      .send({ name: 'dropboxtry', connectorRef, configurationProperties: { ...sandboxProperties(), refreshToken: 'wrong-token' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'dropboxtry', ok: false });
    expect(JSON.stringify(res.body)).toMatch(/invalid_grant/);
  });

  test('when the OpenAPI document is generated, then it describes the Dropbox object types', async () => {
    const res = await gw.http.get('/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining([
      '/openidm/system/dropbox/__ACCOUNT__', '/openidm/system/dropbox/__GROUP__/{id}', '/openidm/system/dropbox/role',
    ]));
  });
});
