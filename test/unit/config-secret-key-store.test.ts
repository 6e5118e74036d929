import { createDecipheriv } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_KEY_ALIAS, isEncrypted, KeyStoreError, SecretDecryptionError, SecretKeyStore } from '../../src/config/secret-key-store.js';
import type { JsonObject } from '../../src/util/json.js';

function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'idm-keys-'));
}

interface Envelope {
  $crypto: { type: string; value: { cipher: string; key: string; data: string; iv: string } };
}

describe('SecretKeyStore', () => {
  test('when a data dir has no key store, then a 256-bit key is created in security/keystore.json, file 0600, dir 0700', () => {
    const dataDir = freshDataDir();
    const store = SecretKeyStore.inDataDir(dataDir);
    expect(store.file).toBe(join(dataDir, 'security', 'keystore.json'));
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'security')).mode & 0o777).toBe(0o700);
    const saved = JSON.parse(readFileSync(store.file, 'utf8')) as { keys: Record<string, { value: string }> };
    expect(Buffer.from(saved.keys[CONFIG_KEY_ALIAS]!.value, 'base64')).toHaveLength(32);
  });

  test('when a value is encrypted, then the envelope is IDM\'s and the plaintext is the JSON serialization of the value', () => {
    const store = SecretKeyStore.inDataDir(freshDataDir());
    const envelope = store.encrypt('s3cret') as unknown as Envelope;
    expect(envelope.$crypto.type).toBe('x-simple-encryption');
    expect(Object.keys(envelope.$crypto.value)).toEqual(['cipher', 'key', 'data', 'iv']);
    expect(envelope.$crypto.value).toMatchObject({ cipher: 'AES/CBC/PKCS5Padding', key: 'openidm-sym-default' });
    const key = Buffer.from((JSON.parse(readFileSync(store.file, 'utf8')) as { keys: Record<string, { value: string }> }).keys[CONFIG_KEY_ALIAS]!.value, 'base64');
    const decipher = createDecipheriv('aes-256-cbc', key, Buffer.from(envelope.$crypto.value.iv, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(envelope.$crypto.value.data, 'base64')), decipher.final()]).toString('utf8');
    expect(plain).toBe('"s3cret"');
  });

  test('when the same value is encrypted twice, then the IVs differ and both decrypt to the value', () => {
    const store = SecretKeyStore.inDataDir(freshDataDir());
    const a = store.encrypt({ user: 'x', pass: 'y' });
    const b = store.encrypt({ user: 'x', pass: 'y' });
    expect((a as unknown as Envelope).$crypto.value.iv).not.toBe((b as unknown as Envelope).$crypto.value.iv);
    expect(store.decrypt(a, 'a')).toEqual({ user: 'x', pass: 'y' });
    expect(store.decrypt(b, 'b')).toEqual({ user: 'x', pass: 'y' });
    expect(isEncrypted(a)).toBe(true);
    expect(isEncrypted({ $crypto: 'nope' })).toBe(false);
  });

  test('when the store is opened again, then the same key decrypts what was encrypted before', () => {
    const dataDir = freshDataDir();
    const sealed = SecretKeyStore.inDataDir(dataDir).encrypt('kept');
    expect(SecretKeyStore.inDataDir(dataDir).decrypt(sealed, 'x')).toBe('kept');
  });

  test('when the key file was made world-readable, then opening narrows it back to 0600', () => {
    const dataDir = freshDataDir();
    const { file } = SecretKeyStore.inDataDir(dataDir);
    chmodSync(file, 0o644);
    SecretKeyStore.inDataDir(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test('when the key file is corrupt, then opening fails and the file is left as it was', () => {
    const dataDir = freshDataDir();
    const { file } = SecretKeyStore.inDataDir(dataDir);
    writeFileSync(file, '{"keys":');
    expect(() => SecretKeyStore.inDataDir(dataDir)).toThrow(KeyStoreError);
    expect(readFileSync(file, 'utf8')).toBe('{"keys":');
  });

  test('when a value was encrypted with another key, then decryption fails naming the place, never the value', () => {
    const other = SecretKeyStore.inDataDir(freshDataDir()).encrypt('top-secret-value');
    const store = SecretKeyStore.inDataDir(freshDataDir());
    expect(() => store.decrypt(other, 'configurationProperties/password')).toThrow(SecretDecryptionError);
    try {
      store.decrypt(other, 'configurationProperties/password');
    } catch (error) {
      expect((error as Error).message).toContain('configurationProperties/password');
      expect((error as Error).message).not.toContain('top-secret-value');
    }
  });

  test('when an envelope names an unknown key or cipher, then decryption fails with the reason', () => {
    const store = SecretKeyStore.inDataDir(freshDataDir());
    const sealed = store.encrypt('v') as unknown as Envelope;
    const otherKey = { $crypto: { ...sealed.$crypto, value: { ...sealed.$crypto.value, key: 'other-alias' } } } as unknown as JsonObject;
    expect(() => store.decrypt(otherKey, 'p')).toThrow('encrypted with key "other-alias"');
    const otherCipher = { $crypto: { ...sealed.$crypto, value: { ...sealed.$crypto.value, cipher: 'DES' } } } as unknown as JsonObject;
    expect(() => store.decrypt(otherCipher, 'p')).toThrow('is not an x-simple-encryption value');
  });
});
