import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JsonObject, JsonValue } from '../util/json.js';
import { isJsonObject } from '../util/json.js';

/** IDM's default alias for the configuration key (`openidm.config.crypto.alias` in boot.properties). */
export const CONFIG_KEY_ALIAS = 'openidm-sym-default';

const CRYPTO_TYPE = 'x-simple-encryption';
const CIPHER = 'AES/CBC/PKCS5Padding';
const KEY_BYTES = 32;
const IV_BYTES = 16;

/** A value that could not be decrypted. The message names the place, never the value. */
export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError';
}

/** The key store file could not be read or created. */
export class KeyStoreError extends Error {
  override readonly name = 'KeyStoreError';
}

/** True for IDM's `{"$crypto": {...}}` envelope. */
export function isEncrypted(value: JsonValue | undefined): boolean {
  return isJsonObject(value) && isJsonObject(value.$crypto);
}

/**
 * The symmetric key(s) that encrypt confidential configuration at rest, in IDM's
 * `x-simple-encryption` shape (AES/CBC/PKCS5Padding, random IV per value). The file lives under
 * the data dir, never under conf/, so a copied or committed conf/ carries no usable secret.
 */
export class SecretKeyStore {
  private constructor(
    /** Path of the key store file. */
    readonly file: string,
    private readonly keys: ReadonlyMap<string, Buffer>,
  ) {}

  /**
   * Opens the key store at `file`, generating a random 256-bit key the first time. The directory
   * is made 0700 and the file 0600; a file whose mode is wider is narrowed.
   * @throws KeyStoreError when the file exists but cannot be read or is not a key store: a new
   *   key would silently orphan every value encrypted with the old one, so the gateway stops instead.
   */
  static openOrCreate(file: string): SecretKeyStore {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new KeyStoreError(`The key store ${file} cannot be read: ${(error as Error).message}`);
      }
    }
    if (text === undefined) text = create(file);
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return new SecretKeyStore(file, parse(file, text));
  }

  /** The key store of a data dir: `<dataDir>/security/keystore.json`. */
  static inDataDir(dataDir: string): SecretKeyStore {
    return SecretKeyStore.openOrCreate(join(dataDir, 'security', 'keystore.json'));
  }

  /** Encrypts the JSON serialization of `value` (a string keeps its quotes, as in IDM). */
  encrypt(value: JsonValue): JsonObject {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-cbc', this.key(CONFIG_KEY_ALIAS), iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return {
      $crypto: {
        type: CRYPTO_TYPE,
        value: { cipher: CIPHER, key: CONFIG_KEY_ALIAS, data: data.toString('base64'), iv: iv.toString('base64') },
      },
    };
  }

  /**
   * Decrypts an envelope made by {@link encrypt} (or by IDM with the same key).
   * @param where names the value in error messages, e.g. "configurationProperties/password".
   * @throws SecretDecryptionError naming `where`, never the value.
   */
  decrypt(envelope: JsonValue, where: string): JsonValue {
    const crypto = isJsonObject(envelope) && isJsonObject(envelope.$crypto) ? envelope.$crypto : undefined;
    const value = crypto && isJsonObject(crypto.value) ? crypto.value : undefined;
    if (!crypto || crypto.type !== CRYPTO_TYPE || !value || value.cipher !== CIPHER) {
      throw new SecretDecryptionError(`${where} is not an ${CRYPTO_TYPE} value with cipher ${CIPHER}`);
    }
    if (typeof value.key !== 'string' || typeof value.data !== 'string' || typeof value.iv !== 'string') {
      throw new SecretDecryptionError(`${where} lacks its key, data or iv`);
    }
    const key = this.keys.get(value.key);
    if (!key) throw new SecretDecryptionError(`${where} is encrypted with key "${value.key}", which is not in ${this.file}`);
    try {
      const decipher = createDecipheriv('aes-256-cbc', key, Buffer.from(value.iv, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(value.data, 'base64')), decipher.final()]).toString('utf8');
      return JSON.parse(plain) as JsonValue;
    } catch {
      // The cause may quote decrypted bytes: it is dropped on purpose.
      throw new SecretDecryptionError(`${where} cannot be decrypted with key "${value.key}" of ${this.file} (was the key store replaced?)`);
    }
  }

  private key(alias: string): Buffer {
    const key = this.keys.get(alias);
    if (!key) throw new KeyStoreError(`The key store ${this.file} has no key "${alias}"`);
    return key;
  }
}

/**
 * Writes a new key store: complete in a temp file first, then hard-linked into place, which
 * fails if the file exists. Two replicas starting at once on a shared data dir thus end up with
 * one key, and neither ever reads a half-written file.
 */
function create(file: string): string {
  const text = `${JSON.stringify({ keys: { [CONFIG_KEY_ALIAS]: { algorithm: 'AES', bits: KEY_BYTES * 8, value: randomBytes(KEY_BYTES).toString('base64') } } }, null, 2)}\n`;
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(tmp, file);
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8');
    throw new KeyStoreError(`The key store ${file} cannot be created: ${(error as Error).message}`);
  } finally {
    rmSync(tmp, { force: true });
  }
}

function parse(file: string, text: string): Map<string, Buffer> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new KeyStoreError(`The key store ${file} is not valid JSON`);
  }
  const keys = new Map<string, Buffer>();
  const entries = isJsonObject(document) && isJsonObject(document.keys) ? Object.entries(document.keys) : [];
  for (const [alias, entry] of entries) {
    const value = isJsonObject(entry) && typeof entry.value === 'string' ? Buffer.from(entry.value, 'base64') : undefined;
    if (!value || value.length !== KEY_BYTES) throw new KeyStoreError(`The key "${alias}" of ${file} is not a 256-bit base64 key`);
    keys.set(alias, value);
  }
  if (!keys.has(CONFIG_KEY_ALIAS)) throw new KeyStoreError(`The key store ${file} has no key "${CONFIG_KEY_ALIAS}"`);
  return keys;
}
