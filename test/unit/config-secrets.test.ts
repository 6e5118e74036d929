import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ALWAYS_CONFIDENTIAL, confidentialNames, credentialPairForms, maskCredentials, openSecrets, redactor, sealSecrets,
} from '../../src/config/config-secrets.js';
import { resolveConnectorProperties } from '../../src/config/connector-properties.js';
import { boundedText } from '../../src/util/credentials.js';
import { isEncrypted, SecretKeyStore } from '../../src/config/secret-key-store.js';
import { propertyResolver } from '../../src/config/substitute.js';
import { csvConnectorType } from '../../src/connectors/csv/index.js';
import type { ConnectorType } from '../../src/provisioner/spi.js';
import type { JsonObject } from '../../src/util/json.js';

const keys = SecretKeyStore.inDataDir(mkdtempSync(join(tmpdir(), 'idm-secrets-')));

/** A connector type with one declared secret and a validator that quotes values back (as many do). */
const quotingType: ConnectorType = {
  connectorRef: { bundleName: 'test.quoting', bundleVersion: '1.0', connectorName: 'test.QuotingConnector', displayName: 'Quoting' },
  defaultConfigurationProperties: { host: null, apiKey: null, password: null },
  confidentialProperties: ['apiKey'],
  validate: (p) => (p.host === 'bad' ? [`host is bad; password was ${JSON.stringify(p.password)}, apiKey ${String(p.apiKey)}`] : []),
  create: () => ({}),
};

describe('confidential configurationProperties', () => {
  test('when the names of a type are asked, then its own and the always-confidential ones come back once', () => {
    const names = confidentialNames(quotingType);
    expect(names).toEqual(expect.arrayContaining(['apiKey', ...ALWAYS_CONFIDENTIAL]));
    expect(new Set(names).size).toBe(names.length);
    expect(confidentialNames(csvConnectorType)).toEqual([...ALWAYS_CONFIDENTIAL]);
  });

  test('when a document is sealed, then clear secrets are encrypted and everything else is left alone', () => {
    const already = keys.encrypt('old');
    const document: JsonObject = {
      name: 'x',
      configurationProperties: { host: 'h', apiKey: 'k-123', password: 'p-456', clientSecret: null, refreshToken: already },
    };
    const { document: out, sealed } = sealSecrets(document, confidentialNames(quotingType), keys);
    expect(sealed).toEqual(['apiKey', 'password']);
    const props = out.configurationProperties as JsonObject;
    expect(props.host).toBe('h');
    expect(isEncrypted(props.apiKey)).toBe(true);
    expect(isEncrypted(props.password)).toBe(true);
    expect(props.clientSecret).toBeNull();
    expect(props.refreshToken).toEqual(already);
    expect(document.configurationProperties).toMatchObject({ apiKey: 'k-123' });
    expect(sealSecrets(out, confidentialNames(quotingType), keys)).toEqual({ document: out, sealed: [] });
  });

  test('when a secret is a &{…} reference, then it stays a reference (the secret lives elsewhere) and still resolves', () => {
    const document: JsonObject = { name: 'x', configurationProperties: { host: 'h', password: '&{vault.password}', apiKey: 'prefix-&{part}' } };
    const { document: out, sealed } = sealSecrets(document, confidentialNames(quotingType), keys);
    expect(sealed).toEqual(['apiKey']);
    expect((out.configurationProperties as JsonObject).password).toBe('&{vault.password}');
    const resolved = resolveConnectorProperties(out.configurationProperties, quotingType, propertyResolver({ 'vault.password': 'from-env' }, {}), keys);
    expect(resolved.properties.password).toBe('from-env');
  });

  test('when sealed properties are opened, then nested $crypto values are decrypted too', () => {
    const opened = openSecrets({ password: keys.encrypt('p'), nested: { token: keys.encrypt({ a: 1 }) }, list: [keys.encrypt(2)] }, keys);
    expect(opened).toEqual({ password: 'p', nested: { token: { a: 1 } }, list: [2] });
  });

  test('when a value is encrypted and there is no key store, then opening fails naming the property', () => {
    expect(() => openSecrets({ password: keys.encrypt('p') }, undefined)).toThrow('configurationProperties/password is encrypted and this gateway has no key store');
  });

  test('when a text quotes secrets, then the redactor masks them, JSON-escaped forms included', () => {
    const redact = redactor(['pa"ss"word', 'k3y-value', 12345678, null, 'ab']);
    expect(redact('got "pa\\"ss\\"word" and k3y-value and 12345678 and ab')).toBe('got "***" and *** and *** and ab');
  });
});

describe('resolveConnectorProperties', () => {
  const resolver = propertyResolver({ 'idm.instance.dir': '/srv/idm' }, { API_KEY: 'from-env-key' });

  test('when a value is an encrypted placeholder, then it is decrypted first and then substituted', () => {
    const resolved = resolveConnectorProperties({ host: '&{idm.instance.dir}/h', apiKey: keys.encrypt('&{API_KEY}') }, quotingType, resolver, keys);
    expect(resolved.problems).toEqual([]);
    expect(resolved.properties).toEqual({ host: '/srv/idm/h', apiKey: 'from-env-key', password: null });
  });

  test('when the validator quotes a secret, then the problem has it masked', () => {
    const resolved = resolveConnectorProperties({ host: 'bad', password: keys.encrypt('Very-Secret-1'), apiKey: 'Key-Secret-2' }, quotingType, resolver, keys);
    expect(resolved.problems).toEqual(['host is bad; password was "***", apiKey ***']);
    expect(resolved.redact('connect failed for Very-Secret-1')).toBe('connect failed for ***');
  });

  test('when a value cannot be decrypted, then that is the problem and no properties are given', () => {
    const foreign = SecretKeyStore.inDataDir(mkdtempSync(join(tmpdir(), 'idm-secrets-'))).encrypt('x');
    const resolved = resolveConnectorProperties({ password: foreign }, quotingType, resolver, keys);
    expect(resolved.properties).toEqual({});
    expect(resolved.problems[0]).toContain('configurationProperties/password cannot be decrypted');
  });
});

describe('credentials a text carries', () => {
  const pair = (user: string, secret: string): string => Buffer.from(`${user}:${secret}`).toString('base64');

  test('when a backend echoes Basic, Bearer, URL user-info or OAuth form fields, then each credential is masked', () => {
    expect(maskCredentials(`{"authorization":"Basic ${pair('u', 'Pw-1')}"} Proxy-Authorization: basic ${pair('p', 'Pw-2')}`))
      .toBe('{"authorization":"Basic ***"} Proxy-Authorization: basic ***');
    expect(maskCredentials('sent Bearer eyJhbGciOi.eyJzdWIi.c2ln and "Bearer Access-Token-9"')).toBe('sent Bearer *** and "Bearer ***"');
    expect(maskCredentials('GET https://svc:Pw-3@api.example.com/x failed')).toBe('GET https://***@api.example.com/x failed');
    expect(maskCredentials('body=grant_type=refresh_token&refresh_token=R-4&client_id=c&client_secret=S-5'))
      .toBe('body=grant_type=refresh_token&refresh_token=***&client_id=c&client_secret=***');
    expect(maskCredentials('{"access_token":"A-6","token_type":"bearer"} {\\"password\\":\\"P-7\\"}'))
      .toBe('{"access_token":"***","token_type":"bearer"} {\\"password\\":\\"***\\"}');
  });

  test('when a backend\'s words are cut to fit a message, then no part of a credential survives the cut', () => {
    const echoed = `refused: Authorization: Basic ${pair('svc', 'Cut-Secret-9')} and client secret Cut-Secret-9`;
    const cutInHeader = boundedText(echoed, 30);
    expect(cutInHeader).toBe('refused: Authorization: Bas...');
    const cutInSecret = boundedText(echoed, 63);
    expect(cutInSecret).toBe('refused: Authorization: Basic *** and client secret Cut-Secr...');
    expect(redactor(['Cut-Secret-9'])(`failed: ${cutInSecret}`)).toBe('failed: refused: Authorization: Basic *** and client secret ***...');
  });

  test('when a text only talks about credentials, then it is left alone', () => {
    const prose = 'Basic authentication failed; Bearer authentication. password must be a string; see https://example.com/a@b';
    expect(maskCredentials(prose)).toBe(prose);
  });

  test('when a configuration has credential pairs, then the redactor masks them in every form they travel', () => {
    const forms = credentialPairForms('client id', 'S3cret/x');
    expect(forms).toEqual(expect.arrayContaining(['client id:S3cret/x', 'client%20id:S3cret%2Fx', pair('client%20id', 'S3cret%2Fx')]));
    expect(credentialPairForms('u', null)).toEqual([]);
    const resolved = resolveConnectorProperties({ host: 'h', password: keys.encrypt('Pair-Secret-8') }, { ...quotingType,
      defaultConfigurationProperties: { ...quotingType.defaultConfigurationProperties, login: 'svc' } }, propertyResolver({}, {}), keys);
    expect(resolved.redact(`echoed ${pair('svc', 'Pair-Secret-8')} bare`)).toBe('echoed *** bare');
  });
});
