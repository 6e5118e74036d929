import type { ConnectorType } from '../provisioner/spi.js';
import type { JsonObject, JsonValue } from '../util/json.js';
import { isJsonObject } from '../util/json.js';
import { confidentialNames, credentialPairForms, maskCredentials, openSecrets, redactor } from './config-secrets.js';
import type { SecretKeyStore } from './secret-key-store.js';
import { LOCATION_PROPERTIES, substitute, type PropertyResolver } from './substitute.js';

/** Who-and-secret properties sent together as a Basic pair (backend, token endpoint, proxy). */
const CREDENTIAL_PAIRS: readonly (readonly [string, string])[] = [
  ['login', 'password'], ['clientId', 'clientSecret'], ['httpProxyUsername', 'httpProxyPassword'],
];

/** configurationProperties ready for a connector, or the reasons they are not. */
export interface ResolvedProperties {
  /** Defaults, then the configured values, decrypted and `&{…}`-substituted. */
  readonly properties: JsonObject;
  /** The connector type's validation problems (secrets masked); empty when usable. */
  readonly problems: readonly string[];
  /** Masks this configuration's secret values in a text (for connector error messages). */
  redact(text: string): string;
}

/**
 * The one way configured properties become a connector's input: the type's defaults overlaid
 * with the configured values, `$crypto` values decrypted, `&{…}` substituted (after decryption,
 * so an encrypted placeholder still resolves), then the type's own `validate`.
 */
export function resolveConnectorProperties(
  configured: JsonValue | undefined,
  type: ConnectorType,
  resolver: PropertyResolver,
  keys: SecretKeyStore | undefined,
): ResolvedProperties {
  let opened: JsonObject;
  try {
    opened = openSecrets(isJsonObject(configured) ? configured : {}, keys);
  } catch (error) {
    return { properties: {}, problems: [(error as Error).message], redact: maskCredentials };
  }
  // What a reference other than a location resolved to may be a secret (an environment variable):
  // an error message quoting the property (a CSV path, a URL) must not reveal it.
  const referenced: JsonValue[] = [];
  const substituted = substitute({ ...type.defaultConfigurationProperties, ...opened }, resolver, (name, value) => {
    if (!LOCATION_PROPERTIES.includes(name)) referenced.push(value);
  });
  const properties = isJsonObject(substituted) ? substituted : {};
  const secrets = [...confidentialNames(type).filter((n) => Object.hasOwn(properties, n)).map((n) => properties[n]!), ...referenced];
  // A backend that echoes the request quotes the pairs as sent (Basic headers), not the values alone.
  for (const [user, secret] of CREDENTIAL_PAIRS) secrets.push(...credentialPairForms(properties[user], properties[secret]));
  const redact = redactor(secrets);
  return { properties, problems: type.validate(properties).map(redact), redact };
}
