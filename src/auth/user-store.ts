import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isJsonObject, jsonSyntaxProblem } from '../util/json.js';
import { verifyPassword, type PasswordHash } from './password-hash.js';

/** An authenticated caller. */
export interface Principal {
  readonly username: string;
  readonly roles: readonly string[];
}

interface StoredUser {
  readonly username: string;
  readonly password: PasswordHash;
  readonly roles: readonly string[];
}

export const DEFAULT_ADMIN = { username: 'openidm-admin', password: 'openidm-admin' } as const;

/**
 * The gateway's users, from `conf/users.json` (passwords scrypt-hashed). Successful checks are
 * remembered as a keyed SHA-256 of the credentials under a secret per-process key (one entry per
 * configured user, compared in constant time), so only the first request of a caller pays for scrypt.
 */
export class UserStore {
  private readonly users: Map<string, StoredUser>;
  /** Secret prefix of the remembered digests (hex, fixed length: the digest input is unambiguous). */
  private readonly cacheKey = randomBytes(32).toString('hex');
  private readonly verified = new Map<string, Buffer>();

  constructor(users: readonly StoredUser[]) {
    this.users = new Map(users.map((u) => [u.username, u]));
  }

  /** Loads conf/users.json; throws with the file name and reason when it is unusable. */
  static load(confDir: string): UserStore {
    const file = join(confDir, 'users.json');
    let parsed: unknown;
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
      parsed = JSON.parse(text);
    } catch (error) {
      // eslint-disable-next-line preserve-caught-error -- V8's SyntaxError quotes the file (password hashes): never carried along
      throw new Error(`${file}: ${jsonSyntaxProblem(error, text)}`);
    }
    const list = isJsonObject(parsed) ? parsed.users : undefined;
    if (!Array.isArray(list)) throw new Error(`${file}: expected {"users": [...]}`);
    const users = list.map((u, i): StoredUser => {
      const pw = isJsonObject(u) ? u.password : undefined;
      if (!isJsonObject(u) || typeof u.username !== 'string' || !isJsonObject(pw) || pw.algorithm !== 'scrypt' ||
        typeof pw.salt !== 'string' || typeof pw.hash !== 'string') {
        throw new Error(`${file}: users[${i}] needs "username" and "password": {"algorithm":"scrypt","salt","hash"}`);
      }
      const roles = Array.isArray(u.roles) ? u.roles.filter((r): r is string => typeof r === 'string') : [];
      return { username: u.username, password: { algorithm: 'scrypt', salt: pw.salt, hash: pw.hash }, roles };
    });
    return new UserStore(users);
  }

  /** Returns the principal when the credentials are right, else null. */
  async authenticate(username: string, password: string): Promise<Principal | null> {
    return this.remembered(username, password) ?? this.verify(username, password);
  }

  /**
   * The principal when exactly these credentials were verified before, else undefined: no scrypt
   * and no promise, so the authentication middleware can go on synchronously for known callers.
   */
  remembered(username: string, password: string): Principal | undefined {
    const user = this.users.get(username);
    // One-shot hash: a createHmac object per request was ~4 % of a cached GET's CPU.
    const mac = this.fingerprint(username, password);
    const known = this.verified.get(username);
    return user && known && timingSafeEqual(known, mac) ? { username, roles: user.roles } : undefined;
  }

  private async verify(username: string, password: string): Promise<Principal | null> {
    const user = this.users.get(username);
    if (!user) return null;
    if (!(await verifyPassword(password, user.password))) return null;
    this.verified.set(username, this.fingerprint(username, password));
    return { username, roles: user.roles };
  }

  /**
   * What a verified check is remembered by. Never leaves the process; the secret fixed-length
   * prefix and the NUL between the names (a user name has none) keep different credentials apart.
   */
  private fingerprint(username: string, password: string): Buffer {
    return hash('sha256', `${this.cacheKey}${username}\0${password}`, 'buffer');
  }

  /** True while the shipped default admin password still works (start-up warns loudly). */
  async usesDefaultPassword(): Promise<boolean> {
    const admin = this.users.get(DEFAULT_ADMIN.username);
    return admin !== undefined && verifyPassword(DEFAULT_ADMIN.password, admin.password);
  }
}
