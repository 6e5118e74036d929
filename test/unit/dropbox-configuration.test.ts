import { sandboxCredentialProperties } from '../../src/sandbox/sandbox-properties.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DROPBOX_CONFIDENTIAL_PROPERTIES, DROPBOX_DEFAULT_CONFIGURATION_PROPERTIES, parseDropboxConfiguration, validateDropboxConfiguration,
} from '../../src/connectors/dropbox/dropbox-configuration.js';
import { DROPBOX_SCHEMA, dropboxConnectorType } from '../../src/connectors/dropbox/index.js';
import { objectTypesFromSchema } from '../../src/provisioner/schema-config.js';
import { DROPBOX_SANDBOX_CREDENTIALS } from '../../src/sandbox/dropbox/dropbox-credentials.js';
import type { JsonObject } from '../../src/util/json.js';

const REPO = resolve(import.meta.dirname, '../..');
const conf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-dropbox.json'), 'utf8')) as {
  connectorRef: JsonObject; configurationProperties: JsonObject; objectTypes: Record<string, { nativeType: string; properties: Record<string, JsonObject> }>;
};

/** The seed's "Sample Configuration", verbatim. */
const SEED_SAMPLE: JsonObject = {
  tokenExpiration: null, accessToken: null, serviceUri: 'https://api.dropboxapi.com/2', login: null, password: null,
  authenticationMethod: 'OAUTH', tokenEndpoint: 'https://api.dropboxapi.com/oauth2/token', clientId: 'k3..........5g',
  clientSecret: 'xxxxxxxxxxxxxxxxxx', refreshToken: 'xxxxxxxxxxxxxxxxxx', authToken: null, acceptSelfSignedCertificates: false,
  disableHostNameVerifier: false, disableHttpCompression: false, clientCertAlias: null, clientCertPassword: null,
  maximumConnections: '10', httpProxyHost: null, httpProxyPort: null, httpProxyUsername: null, httpProxyPassword: null,
  connectionTimeout: '30', grantType: null, scope: null, authorizationTokenPrefix: 'Bearer', useBasicAuthForOauthTokenNeg: true,
};

/**
 * The seed's object type tables: property → [TYPE, NATIVE TYPE, REQUIRED]. "Array | Object"
 * is an array of objects; "Array | String" an array of strings.
 */
const SEED_TABLES: Record<string, Record<string, [string, string, boolean]>> = {
  __ACCOUNT__: {
    team_member_id: ['String', 'String', false], given_name: ['String', 'String', false], surname: ['String', 'String', false],
    email: ['String', 'String', true], member_status: ['String', 'String', false], membership_type: ['String', 'String', false],
    role_id: ['String', 'String', false], email_verified: ['Boolean', 'Boolean', false], invited_on: ['String', 'String', false],
    groups: ['Array', 'Object', false], secondary_emails: ['Array', 'String', false], abbreviated_name: ['String', 'String', false],
    joined_on: ['String', 'String', false],
  },
  __GROUP__: {
    group_id: ['String', 'String', false], group_name: ['String', 'String', true], group_external_id: ['String', 'String', true],
    members: ['Array', 'Object', false], group_management_type: ['String', 'String', false], member_count: ['Integer', 'Integer', false],
  },
  role: { name: ['String', 'String', false], description: ['String', 'String', false], _id: ['String', 'String', false] },
};

describe('Dropbox configuration properties', () => {
  test('when the seed\'s sample configuration is validated, then it has no problem and reads as OAuth refresh_token with Basic', () => {
    expect(validateDropboxConfiguration({ ...DROPBOX_DEFAULT_CONFIGURATION_PROPERTIES, ...SEED_SAMPLE })).toEqual([]);
    const settings = parseDropboxConfiguration({ ...DROPBOX_DEFAULT_CONFIGURATION_PROPERTIES, ...SEED_SAMPLE });
    expect(settings.serviceUri).toBe('https://api.dropboxapi.com/2');
    expect(settings.http).toMatchObject({ maximumConnections: 10, connectionTimeoutMs: 30_000 });
    expect(settings.auth).toMatchObject({
      method: 'OAUTH', prefix: 'Bearer',
      oauth: { grantType: 'refresh_token', tokenEndpoint: 'https://api.dropboxapi.com/oauth2/token', clientId: 'k3..........5g', useBasicAuth: true },
    });
  });

  test('when the seed\'s minimum properties are missing, then each is named', () => {
    const problems = validateDropboxConfiguration({ ...DROPBOX_DEFAULT_CONFIGURATION_PROPERTIES });
    for (const name of ['serviceUri', 'tokenEndpoint', 'clientId', 'clientSecret', 'refreshToken']) {
      expect(problems.some((p) => p.startsWith(`${name} is required`))).toBe(true);
    }
  });

  test.each<[string, JsonObject, RegExp]>([
    ['BASIC', { authenticationMethod: 'BASIC', login: 'a', password: 'b' }, /BASIC is not supported by Dropbox/],
    ['JWT_TOKEN', { authenticationMethod: 'JWT_TOKEN', jwtPem: 'pem' }, /JWT_TOKEN .* not supported by Dropbox/],
    ['a bad pool size', { maximumConnections: 'many' }, /maximumConnections must be an integer/],
    ['a non-URL endpoint', { serviceUri: 'api.dropboxapi.com' }, /serviceUri must be an http/],
  ])('when the configuration uses %s, then validate says why', (_label, change, message) => {
    const problems = validateDropboxConfiguration({ ...DROPBOX_DEFAULT_CONFIGURATION_PROPERTIES, ...SEED_SAMPLE, ...change });
    expect(problems.join('\n')).toMatch(message);
  });

  test('when a static token is configured, then TOKEN is accepted', () => {
    expect(validateDropboxConfiguration({ ...SEED_SAMPLE, authenticationMethod: 'TOKEN', authToken: 'sl.abc' })).toEqual([]);
  });

  test('when parsing an invalid configuration, then ConfigurationError lists the problems', () => {
    try {
      parseDropboxConfiguration({ ...SEED_SAMPLE, clientId: null });
      throw new Error('expected a throw');
    } catch (error) {
      expect((error as Error).name).toBe('ConfigurationError');
      expect((error as Error).message).toMatch(/clientId is required/);
    }
  });

  test('when defaults and secrets are listed, then they are the seed\'s table (GuardedStrings encrypted)', () => {
    expect(DROPBOX_DEFAULT_CONFIGURATION_PROPERTIES).toMatchObject({
      serviceUri: null, authenticationMethod: 'OAUTH', maximumConnections: 10, connectionTimeout: 30,
      authorizationTokenPrefix: 'Bearer', useBasicAuthForOauthTokenNeg: true,
    });
    expect([...DROPBOX_CONFIDENTIAL_PROPERTIES].sort()).toEqual(
      expect.arrayContaining(['clientCertPassword', 'clientSecret', 'httpProxyPassword', 'password', 'authToken', 'refreshToken']),
    );
  });
});

describe('conf/provisioner.openicf-dropbox.json', () => {
  test('when the shipped file is read, then its connectorRef is the seed\'s and its properties validate', () => {
    expect(conf.connectorRef).toMatchObject({
      bundleName: 'org.forgerock.openicf.connectors.dropbox-connector',
      bundleVersion: '[1.5.0.0,1.6.0.0)',
      connectorName: dropboxConnectorType.connectorRef.connectorName,
    });
    expect(Object.keys(conf.configurationProperties)).toEqual(Object.keys(SEED_SAMPLE));
    // References to the sandbox's secrets, never the secrets: `npm start` leaves the file as shipped.
    expect(conf.configurationProperties.clientSecret).toBe('&{sandbox.dropbox.clientSecret}');
    expect(conf.configurationProperties.refreshToken).toBe('&{sandbox.dropbox.refreshToken}');
    const builtins = sandboxCredentialProperties();
    expect([builtins['sandbox.dropbox.clientSecret'], builtins['sandbox.dropbox.refreshToken']]).toEqual([DROPBOX_SANDBOX_CREDENTIALS.clientSecret, DROPBOX_SANDBOX_CREDENTIALS.refreshToken]);
    const properties = {
      ...conf.configurationProperties, ...DROPBOX_SANDBOX_CREDENTIALS,
      serviceUri: 'http://127.0.0.1/dropbox/2', tokenEndpoint: 'http://127.0.0.1/dropbox/oauth2/token',
    };
    expect(validateDropboxConfiguration(properties)).toEqual([]);
    expect(conf.configurationProperties.serviceUri).toBe('&{sandbox.url}/dropbox/2');
    expect(conf.configurationProperties.tokenEndpoint).toBe('&{sandbox.url}/dropbox/oauth2/token');
  });

  test('when its object types are compared with the seed\'s tables, then properties, types and required flags match exactly', () => {
    expect(Object.keys(conf.objectTypes).sort()).toEqual(Object.keys(SEED_TABLES).sort());
    for (const [type, table] of Object.entries(SEED_TABLES)) {
      const properties = conf.objectTypes[type]!.properties;
      expect(Object.keys(properties)).toEqual(Object.keys(table));
      for (const [name, [seedType, seedNative, required]] of Object.entries(table)) {
        const p = properties[name]!;
        expect([name, p.type]).toEqual([name, seedType.toLowerCase()]);
        expect([name, p.nativeType]).toEqual([name, seedNative.toLowerCase()]);
        if (seedType === 'Array') expect([name, (p.items as JsonObject).type]).toEqual([name, seedNative.toLowerCase()]);
        expect([name, p.required === true]).toEqual([name, required]);
      }
    }
  });

  test('when createFullConfig generates object types from the connector schema, then they are the shipped ones', () => {
    const generated = objectTypesFromSchema(DROPBOX_SCHEMA) as Record<string, { properties: JsonObject }>;
    for (const [type, shipped] of Object.entries(conf.objectTypes)) {
      expect([type, generated[type]!.properties]).toEqual([type, shipped.properties]);
    }
  });
});
