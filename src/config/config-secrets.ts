import type { ConnectorType } from '../provisioner/spi.js';
import type { JsonObject, JsonValue } from '../util/json.js';
import { isJsonObject } from '../util/json.js';
import { CUT_MARK, maskCredentials } from '../util/credentials.js';
import { isEncrypted, SecretDecryptionError, type SecretKeyStore } from './secret-key-store.js';

export { maskCredentials };

/**
 * configurationProperties treated as secrets whatever the connector type says: the names the
 * shipped connectors (and IDM's REST/SaaS connectors) use for credentials.
 */
export const ALWAYS_CONFIDENTIAL: readonly string[] = [
  'clientSecret', 'password', 'authToken', 'clientCertPassword', 'httpProxyPassword', 'refreshToken', 'jwtKey', 'jwtPem',
];

/** The configurationProperties names encrypted at rest for a connector type (research §5.8). */
export function confidentialNames(type: ConnectorType | undefined): string[] {
  return [...new Set([...(type?.confidentialProperties ?? []), ...ALWAYS_CONFIDENTIAL])];
}

/** A provisioner document with its confidential values encrypted. */
export interface SealedDocument {
  readonly document: JsonObject;
  /** Names of the properties encrypted by this call (empty: the document was already sealed). */
  readonly sealed: readonly string[];
}

/**
 * Encrypts every confidential `configurationProperties.<name>` still in clear. Values already
 * encrypted, null values and `&{…}` references are left alone, so sealing twice changes nothing.
 */
export function sealSecrets(document: JsonObject, names: readonly string[], keys: SecretKeyStore): SealedDocument {
  const properties = document.configurationProperties;
  if (!isJsonObject(properties)) return { document, sealed: [] };
  const sealed: string[] = [];
  const next: JsonObject = {};
  for (const [name, value] of Object.entries(properties)) {
    if (names.includes(name) && value !== null && !isEncrypted(value) && !isPlaceholder(value)) {
      next[name] = keys.encrypt(value);
      sealed.push(name);
    } else {
      next[name] = value;
    }
  }
  if (sealed.length === 0) return { document, sealed };
  return { document: { ...document, configurationProperties: next }, sealed };
}

/** A value that is one `&{…}` reference: the secret lives in the environment, not in the file. */
function isPlaceholder(value: JsonValue): boolean {
  return typeof value === 'string' && /^&\{[^{}]+\}$/.test(value);
}

/**
 * Decrypts every `$crypto` value of configurationProperties (at any depth), for building a
 * connector. Without a key store an encrypted value is an error, never passed on as an object.
 * @throws SecretDecryptionError naming the property, never its value.
 */
export function openSecrets(properties: JsonObject, keys: SecretKeyStore | undefined): JsonObject {
  return open(properties, 'configurationProperties', keys) as JsonObject;
}

function open(value: JsonValue, where: string, keys: SecretKeyStore | undefined): JsonValue {
  if (isEncrypted(value)) {
    if (!keys) throw new SecretDecryptionError(`${where} is encrypted and this gateway has no key store`);
    return keys.decrypt(value, where);
  }
  if (Array.isArray(value)) return value.map((v, i) => open(v, `${where}/${i}`, keys));
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = open(v, `${where}/${k}`, keys);
    return out;
  }
  return value;
}

/**
 * A function that masks the given secret values in a text (messages from validators and
 * connectors may quote a value; a secret must never reach a response or a log line), and
 * every credential the text carries in a recognisable form ({@link maskCredentials}).
 * Values shorter than 3 characters are not masked: they would mangle every message.
 */
export function redactor(secrets: readonly JsonValue[]): (text: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret === null) continue;
    const plain = typeof secret === 'string' ? secret : JSON.stringify(secret);
    if (plain.length >= 3) needles.add(plain);
    if (typeof secret === 'string' && JSON.stringify(secret).slice(1, -1) !== secret) needles.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret containing another is masked whole.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  return (text) => maskCredentials(maskCutSecrets(ordered.reduce((out, needle) => out.split(needle).join('***'), text), ordered));
}

/** The beginning (3+ characters) of a secret that a bounded text cut off just before its CUT_MARK. */
function maskCutSecrets(text: string, needles: readonly string[]): string {
  if (!text.includes(CUT_MARK)) return text;
  return text.split(CUT_MARK).map((part, i, parts) => {
    if (i === parts.length - 1) return part;
    for (const needle of needles) {
      for (let k = needle.length - 1; k >= 3; k--) {
        if (part.endsWith(needle.slice(0, k))) return `${part.slice(0, part.length - k)}***`;
      }
    }
    return part;
  }).join(CUT_MARK);
}

/**
 * The forms in which a credential pair travels (and a backend may echo it back): `user:secret`,
 * its base64 as in a Basic header, URL-encoded as in an OAuth client's Basic header (RFC 6749
 * §2.3.1). Feed them to {@link redactor} beside the secrets themselves.
 */
export function credentialPairForms(user: JsonValue | undefined, secret: JsonValue | undefined): string[] {
  if (typeof user !== 'string' || typeof secret !== 'string' || secret === '') return [];
  const pairs = [`${user}:${secret}`, `${encodeURIComponent(user)}:${encodeURIComponent(secret)}`];
  return [...new Set([...pairs, ...pairs.map((p) => Buffer.from(p, 'utf8').toString('base64'))])];
}
