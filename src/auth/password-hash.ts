import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/** A stored password: scrypt with a per-user salt, both base64. */
export interface PasswordHash {
  readonly algorithm: 'scrypt';
  readonly salt: string;
  readonly hash: string;
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32);
  return { algorithm: 'scrypt', salt: salt.toString('base64'), hash: hash.toString('base64') };
}

/** Constant-time check of a password against its stored hash. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(stored.salt, 'base64'), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
