import { ConnectionFailedError, InvalidCredentialError } from '../../src/provisioner/connector-errors.js';
import type { Connector, ConnectorSchema, ConnectorType, SchemaOp, SearchOp, SearchPage, TestOp } from '../../src/provisioner/spi.js';
import type { JsonObject } from '../../src/util/json.js';

/** The credentials the vault accepts. */
export const VAULT_PASSWORD = 'Sup3r-Secret-Pa55';
export const VAULT_API_KEY = 'Api-K3y-0123456789';
/** A password that makes the test fail with an error quoting it (secrets must be masked). */
export const VAULT_LEAKY_PASSWORD = 'Leaky-Pa55word-42';

/**
 * A small in-process connector type with secrets (the CSV connector has none): `apiKey` is
 * declared confidential, `password` is confidential by name. Its test passes only with the
 * right clear credentials, so a passing test proves the stored secrets were decrypted; its
 * errors and validation messages quote the values, as careless connectors do.
 */
export const vaultConnectorType: ConnectorType = {
  connectorRef: {
    bundleName: 'org.example.vault-connector',
    bundleVersion: '1.0.0',
    connectorName: 'org.example.vault.VaultConnector',
    displayName: 'Vault Test Connector',
  },
  defaultConfigurationProperties: { baseUrl: null, username: null, password: null, apiKey: null },
  confidentialProperties: ['apiKey'],
  validate: (p) => {
    const problems: string[] = [];
    if (typeof p.baseUrl !== 'string' || p.baseUrl === '') problems.push('baseUrl is required');
    if (p.password !== null && typeof p.password !== 'string') problems.push(`password must be a string, got ${JSON.stringify(p.password)}`);
    return problems;
  },
  create: (init) => new VaultConnector(init.configurationProperties),
};

class VaultConnector implements Connector, TestOp, SchemaOp, SearchOp {
  constructor(private readonly properties: JsonObject) {}

  async test(): Promise<void> {
    const { baseUrl, username, password, apiKey } = this.properties;
    if (password === VAULT_LEAKY_PASSWORD) throw new ConnectionFailedError(`cannot reach ${String(baseUrl)} as ${String(username)}:${password}`);
    if (password !== VAULT_PASSWORD || apiKey !== VAULT_API_KEY) throw new InvalidCredentialError('login refused');
  }

  async schema(): Promise<ConnectorSchema> {
    return {
      objectClasses: {
        __ACCOUNT__: {
          attributes: [
            { name: '__NAME__', type: 'string', nativeType: 'string', required: true, idmName: 'userName' },
            { name: 'mail', type: 'string' },
          ],
        },
      },
    };
  }

  /** Nothing to release. */
  async dispose(): Promise<void> {
    return undefined;
  }

  async search(): Promise<SearchPage> {
    return { objects: [{ objectClass: '__ACCOUNT__', uid: { value: 'probe' }, attributes: { __NAME__: 'probe', mail: 'probe@example.com' } }] };
  }
}

/** A complete vault system configuration with the given configurationProperties. */
export function vaultConfig(name: string, configurationProperties: JsonObject): JsonObject {
  return {
    name,
    connectorRef: { ...vaultConnectorType.connectorRef },
    configurationProperties,
    objectTypes: {
      account: {
        nativeType: '__ACCOUNT__',
        properties: {
          userName: { type: 'string', nativeName: '__NAME__', required: true },
          mail: { type: 'string', nativeName: 'mail' },
        },
      },
    },
  };
}
