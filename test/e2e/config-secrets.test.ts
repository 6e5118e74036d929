import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pino } from 'pino';
import { isEncrypted, SecretKeyStore } from '../../src/config/secret-key-store.js';
import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, startGateway, type Gateway } from '../support/gateway-harness.js';
import {
  VAULT_API_KEY, VAULT_LEAKY_PASSWORD, VAULT_PASSWORD, vaultConfig, vaultConnectorType,
} from '../support/vault-connector-type.js';

const SECRETS = [VAULT_PASSWORD, VAULT_API_KEY, VAULT_LEAKY_PASSWORD, 'Dropped-In-Pa55'];
const CLEAR = { baseUrl: 'https://vault.example.com', username: 'svc', password: VAULT_PASSWORD, apiKey: VAULT_API_KEY };

const logLines: string[] = [];
let gw: Gateway;

beforeAll(async () => {
  gw = await startGateway({
    confFiles: [],
    connectorTypes: [vaultConnectorType],
    // A file with clear secrets, as an operator would drop it into conf/.
    extraConfigs: { dropped: vaultConfig('dropped', { ...CLEAR }) },
    logger: pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) }),
  });
});
afterAll(() => gw.close());

function fileOf(alias: string): string {
  return join(gw.confDir, `provisioner.openicf-${alias}.json`);
}

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('the key store', () => {
  test('when the gateway starts, then the key lives under the data dir with mode 0600 in a 0700 directory, outside conf/', () => {
    expect(gw.keys.file).toBe(join(gw.instanceDir, 'data', 'security', 'keystore.json'));
    expect(relative(gw.confDir, gw.keys.file).startsWith('..')).toBe(true);
    expect(statSync(gw.keys.file).mode & 0o777).toBe(0o600);
    expect(statSync(join(gw.instanceDir, 'data', 'security')).mode & 0o777).toBe(0o700);
  });
});

describe('secrets at rest', () => {
  test('when a file with clear secrets is loaded, then it is rewritten encrypted and the system still connects', async () => {
    const text = readFileSync(fileOf('dropped'), 'utf8');
    expectNoSecret(text);
    const props = (JSON.parse(text) as JsonObject).configurationProperties as JsonObject;
    expect(isEncrypted(props.password)).toBe(true);
    expect(isEncrypted(props.apiKey)).toBe(true);
    expect(props.username).toBe('svc');
    const test = await gw.http.post('/openidm/system/dropped?_action=test').set(ADMIN);
    expect(test.body).toMatchObject({ name: 'dropped', ok: true });
  });

  test('when a configuration with clear secrets is PUT, then disk and response hold $crypto values in IDM\'s shape', async () => {
    const res = await gw.http.put('/openidm/config/provisioner.openicf/vault').set(ADMIN).send(vaultConfig('vault', { ...CLEAR }));
    expect(res.status).toBe(201);
    expectNoSecret(res.text);
    expect(res.body.configurationProperties.password).toEqual({
      $crypto: {
        type: 'x-simple-encryption',
        value: { cipher: 'AES/CBC/PKCS5Padding', key: 'openidm-sym-default', data: expect.any(String), iv: expect.any(String) },
      },
    });
    expect(isEncrypted(res.body.configurationProperties.apiKey)).toBe(true);
    const text = readFileSync(fileOf('vault'), 'utf8');
    expectNoSecret(text);
    const stored = (JSON.parse(text) as JsonObject).configurationProperties as JsonObject;
    expect(gw.keys.decrypt(stored.password!, 'password')).toBe(VAULT_PASSWORD);
  });

  test('when the configuration is read or queried, then secrets come back encrypted, never in clear', async () => {
    const read = await gw.http.get('/openidm/config/provisioner.openicf/vault').set(ADMIN);
    expect(read.status).toBe(200);
    expectNoSecret(read.text);
    expect(isEncrypted(read.body.configurationProperties.password)).toBe(true);
    const query = await gw.http.get(`/openidm/config?_queryFilter=${encodeURIComponent("_id sw 'provisioner.openicf'")}`).set(ADMIN);
    expectNoSecret(query.text);
    expect(query.body.resultCount).toBe(2);
  });

  test('when the system is built, then the decrypted secrets reach the connector: its test and queries pass', async () => {
    const test = await gw.http.post('/openidm/system/vault?_action=test').set(ADMIN);
    expect(test.body).toMatchObject({ name: 'vault', ok: true });
    const query = await gw.http.get('/openidm/system/vault/account?_queryFilter=true').set(ADMIN);
    expect(query.status).toBe(200);
    expect(query.body.result).toEqual([{ _id: 'probe', userName: 'probe', mail: 'probe@example.com' }]);
  });

  test('when the stored form is PUT back unchanged, then the $crypto values are kept, not encrypted twice', async () => {
    const read = await gw.http.get('/openidm/config/provisioner.openicf/vault').set(ADMIN);
    const res = await gw.http.put('/openidm/config/provisioner.openicf/vault').set(ADMIN).set('If-Match', '*').send(read.body);
    expect(res.status).toBe(200);
    expect(res.body.configurationProperties.password).toEqual(read.body.configurationProperties.password);
    const test = await gw.http.post('/openidm/system/vault?_action=test').set(ADMIN);
    expect(test.body.ok).toBe(true);
  });

  test('when a secret is patched in clear, then it is stored encrypted and used at once', async () => {
    const res = await gw.http.patch('/openidm/config/provisioner.openicf/vault').set(ADMIN)
      .send([{ operation: 'replace', field: '/configurationProperties/password', value: 'Not-The-Pa55word' }]);
    expect(res.status).toBe(200);
    expect(isEncrypted(res.body.configurationProperties.password)).toBe(true);
    expect(readFileSync(fileOf('vault'), 'utf8')).not.toContain('Not-The-Pa55word');
    const failing = await gw.http.post('/openidm/system/vault?_action=test').set(ADMIN);
    expect(failing.body).toMatchObject({ ok: false, error: 'Connection Error' });
    await gw.http.patch('/openidm/config/provisioner.openicf/vault').set(ADMIN)
      .send([{ operation: 'replace', field: '/configurationProperties/password', value: VAULT_PASSWORD }]);
    const passing = await gw.http.post('/openidm/system/vault?_action=test').set(ADMIN);
    expect(passing.body.ok).toBe(true);
  });

  test('when a connector quotes a secret in a validation problem, then the 400 has it masked', async () => {
    const res = await gw.http.put('/openidm/config/provisioner.openicf/numeric').set(ADMIN)
      .send(vaultConfig('numeric', { ...CLEAR, password: 987654321012 }));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Invalid configuration for provisioner.openicf/numeric: /configurationProperties: password must be a string, got ***');
    expect(res.text).not.toContain('987654321012');
  });

  test('when a connector quotes a secret in a test error, then the status shows it masked', async () => {
    await gw.http.put('/openidm/config/provisioner.openicf/leaky').set(ADMIN).send(vaultConfig('leaky', { ...CLEAR, password: VAULT_LEAKY_PASSWORD }));
    const test = await gw.http.post('/openidm/system/leaky?_action=test').set(ADMIN);
    expect(test.body).toMatchObject({ ok: false, error: 'cannot reach https://vault.example.com as svc:***' });
    expectNoSecret(test.text);
  });

  test('when a value was encrypted with another key store, then the system says it cannot decrypt, naming the property only', async () => {
    const foreign = SecretKeyStore.inDataDir(mkdtempSync(join(tmpdir(), 'idm-foreign-')));
    writeFileSync(fileOf('foreign'), JSON.stringify(vaultConfig('foreign', { ...CLEAR, password: foreign.encrypt(VAULT_PASSWORD), apiKey: foreign.encrypt(VAULT_API_KEY) })));
    await gw.reload();
    const test = await gw.http.post('/openidm/system/foreign?_action=test').set(ADMIN);
    expect(test.body.ok).toBe(false);
    expect(test.body.error).toContain('configurationProperties/password cannot be decrypted with key "openidm-sym-default"');
    expectNoSecret(test.text);
  });

  test('when everything above has run, then no log line carries a secret in clear', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.some((l) => l.includes('confidential configurationProperties encrypted in place'))).toBe(true);
    expectNoSecret(logLines.join('\n'));
  });
});

describe('secrets in /system configuration actions', () => {
  test('when createFullConfig gets clear secrets, then its answer carries them encrypted', async () => {
    const res = await gw.http.post('/openidm/system?_action=createFullConfig').set(ADMIN)
      .send({ connectorRef: vaultConnectorType.connectorRef, configurationProperties: { ...CLEAR } });
    expect(res.status).toBe(200);
    expectNoSecret(res.text);
    expect(gw.keys.decrypt(res.body.configurationProperties.apiKey, 'apiKey')).toBe(VAULT_API_KEY);
    expect(res.body.objectTypes.__ACCOUNT__.properties.userName).toMatchObject({ nativeName: '__NAME__', required: true });
  });

  test('when testConfig gets the stored (encrypted) form, then it decrypts and the test passes; nothing is saved', async () => {
    const read = await gw.http.get('/openidm/config/provisioner.openicf/vault').set(ADMIN);
    const { _id, ...stored } = read.body as JsonObject;
    expect(_id).toBeDefined();
    const res = await gw.http.post('/openidm/system?_action=testConfig').set(ADMIN).send({ ...stored, name: 'vaulttry' });
    expect(res.body).toEqual({ name: 'vaulttry', ok: true });
    const none = await gw.http.get('/openidm/config/provisioner.openicf/vaulttry').set(ADMIN);
    expect(none.status).toBe(404);
  });

  test('when testConfig fails with an error quoting a secret, then the error has it masked', async () => {
    const res = await gw.http.post('/openidm/system?_action=testConfig').set(ADMIN)
      .send(vaultConfig('vaulttry', { ...CLEAR, password: VAULT_LEAKY_PASSWORD }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'vaulttry', ok: false, error: 'ConnectionFailedError: cannot reach https://vault.example.com as svc:***' });
  });

  test('when testConfig is refused by the resource\'s login, then ok is false with "Connection Error"', async () => {
    const res = await gw.http.post('/openidm/system?_action=testConfig').set(ADMIN)
      .send(vaultConfig('vaulttry', { ...CLEAR, apiKey: 'wrong-key' }));
    expect(res.body).toEqual({ name: 'vaulttry', ok: false, error: 'Connection Error' });
  });
});
