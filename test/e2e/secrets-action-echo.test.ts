import { join } from 'node:path';
import { BOX_SANDBOX_CREDENTIALS } from '../../src/sandbox/box/box-credentials.js';
import { ADMIN, captureLogs, startGateway, type CapturedLogs, type Gateway } from '../support/gateway-harness.js';

/**
 * `/system` action bodies are `&{…}`-substituted (IDM does so before use), and createCoreConfig,
 * createFullConfig and testConfig echo the body or quote its values in errors: a reference to an
 * environment variable or a built-in credential must not come back resolved.
 */
const ENV_NAME = 'IDM_TEST_ACTION_ECHO_SECRET';
const ENV_SECRET = 'Env-Echo-Secret-Wq58';
const SANDBOX_SECRET = BOX_SANDBOX_CREDENTIALS.clientSecret;
const SECRETS = [ENV_SECRET, SANDBOX_SECRET];
const SYSTEM = '/openidm/system';
const csvRef = { connectorName: 'org.forgerock.openicf.csvfile.CSVFileConnector' };

let gw: Gateway;
let logs: CapturedLogs;

beforeAll(async () => {
  process.env[ENV_NAME] = ENV_SECRET;
  logs = captureLogs('debug');
  gw = await startGateway({ logger: logs.logger });
});
afterAll(async () => {
  delete process.env[ENV_NAME];
  await gw.close();
});

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('&{…} references in /system action bodies', () => {
  test('when createCoreConfig is given references to a secret, then they come back as written', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=createCoreConfig`).set(ADMIN)
      .send({ connectorRef: { ...csvRef, displayName: `&{${ENV_NAME}}` }, note: '&{sandbox.box.clientSecret}' });
    expect(res.status).toBe(200);
    expect(res.body.connectorRef.displayName).toBe(`&{${ENV_NAME}}`);
    expect(res.body.note).toBe('&{sandbox.box.clientSecret}');
    expectNoSecret(res.text);
  });

  test('when createFullConfig is given references, then locations are resolved and other references stay as written', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=createFullConfig`).set(ADMIN).send({
      connectorRef: csvRef,
      configurationProperties: { csvFile: '&{idm.instance.dir}/data/csvConnectorData.csv', headerPassword: `&{${ENV_NAME}}` },
    });
    expect(res.body.message).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.configurationProperties).toMatchObject({
      csvFile: join(gw.instanceDir, 'data', 'csvConnectorData.csv'),
      headerPassword: `&{${ENV_NAME}}`,
    });
    expect(res.body.objectTypes).toBeDefined();
    expectNoSecret(res.text);
  });

  test('when a connector error quotes a value that came from a secret reference, then the value is masked', async () => {
    const tested = await gw.http.post(`${SYSTEM}?_action=testConfig`).set(ADMIN)
      .send({ name: 'trial', connectorRef: csvRef, configurationProperties: { csvFile: `&{idm.instance.dir}/&{${ENV_NAME}}.csv` } });
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ name: 'trial', ok: false });
    expect(tested.body.error).toContain(`CSV file ${join(gw.instanceDir, '***.csv')} does not exist`);
    expectNoSecret(tested.text);

    const full = await gw.http.post(`${SYSTEM}?_action=createFullConfig`).set(ADMIN)
      .send({ connectorRef: csvRef, configurationProperties: { csvFile: '&{sandbox.box.clientSecret}' } });
    expect(full.status).toBe(400);
    expectNoSecret(full.text);

    const test = await gw.http.post(`${SYSTEM}?_action=test`).set(ADMIN).send({ id: '&{sandbox.box.clientSecret}' });
    expect(test.status).toBe(404);
    expectNoSecret(test.text);
    expectNoSecret(logs.text());
  });
});
