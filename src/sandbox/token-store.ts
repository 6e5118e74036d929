import { randomBytes } from 'node:crypto';

/** What an access token was issued for. */
export interface TokenGrant {
  readonly clientId: string;
  /** e.g. Box's box_subject_type:box_subject_id, or Dropbox's team id. */
  readonly subject?: string;
  readonly expiresAt: number;
}

export type TokenCheck = { ok: true; grant: TokenGrant } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

/** Issues and checks opaque bearer tokens with an expiry (in memory: a restart logs every client out, like a real key rotation). */
export class TokenStore {
  private readonly tokens = new Map<string, TokenGrant>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(clientId: string, ttlSeconds: number, subject?: string, prefix = 'sbx'): { accessToken: string; expiresIn: number } {
    const accessToken = `${prefix}.${randomBytes(24).toString('base64url')}`;
    const grant: TokenGrant = subject === undefined
      ? { clientId, expiresAt: this.now() + ttlSeconds * 1000 }
      : { clientId, subject, expiresAt: this.now() + ttlSeconds * 1000 };
    this.tokens.set(accessToken, grant);
    return { accessToken, expiresIn: ttlSeconds };
  }

  /** Checks an `Authorization` header value ("Bearer <token>"). */
  check(authorization: string | undefined): TokenCheck {
    if (!authorization) return { ok: false, reason: 'missing' };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return { ok: false, reason: 'invalid' };
    const grant = this.tokens.get(match[1]!);
    if (!grant) return { ok: false, reason: 'invalid' };
    if (grant.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, grant };
  }

  /** Expires every token (used by tests and fault injection). */
  expireAll(): void {
    for (const [token, grant] of this.tokens) this.tokens.set(token, { ...grant, expiresAt: 0 });
  }
}
