import type { Request, Response } from 'express';
import { isTokenForcedExpired } from '../faults.js';
import type { TokenStore } from '../token-store.js';
import { sendAuthError, sendBadInput } from './dropbox-errors.js';

interface IssuedToken {
  refreshToken: string;
  scopes: ReadonlySet<string>;
}

/** The bearer token a request was authorized with. */
export interface Principal {
  readonly accessToken: string;
  readonly refreshToken: string;
}

/**
 * Bearer authentication of the `/2/...` routes over the shared TokenStore: Dropbox's 400s for a
 * missing or malformed `Authorization`, 401 `invalid_access_token` / `expired_access_token` /
 * `missing_scope`. It also remembers which refresh token and scopes each access token has, so
 * revoking a refresh token (or `auth/token/revoke`) disables its access tokens.
 */
export class DropboxAuth {
  private readonly issued = new Map<string, IssuedToken>();
  private readonly revoked = new Set<string>();

  constructor(
    private readonly tokens: TokenStore,
    private readonly ttlSeconds: number,
  ) {}

  /** Issues an `sl.` access token for a refresh token. */
  issue(clientId: string, refreshToken: string, teamId: string, scopes: readonly string[]): { accessToken: string; expiresIn: number } {
    const issued = this.tokens.issue(clientId, this.ttlSeconds, teamId, 'sl');
    this.issued.set(issued.accessToken, { refreshToken, scopes: new Set(scopes) });
    return issued;
  }

  /** Disables every access token issued from the refresh token. */
  revokeRefreshToken(refreshToken: string): void {
    for (const [token, info] of this.issued) if (info.refreshToken === refreshToken) this.revoked.add(token);
  }

  /**
   * Checks the request's bearer token (and its scope; `''` for routes without one); on failure it has already answered as Dropbox does and
   * returns `undefined`.
   */
  authenticate(req: Request, res: Response, route: string, requiredScope: string): Principal | undefined {
    const header = req.get('authorization');
    const param = typeof req.query.authorization === 'string' ? req.query.authorization : undefined;
    const value = header ?? param;
    if (value === undefined || value === '') {
      sendBadInput(res, route, 'Must provide HTTP header "Authorization" or URL parameter "authorization".');
      return undefined;
    }
    const match = /^Bearer ([^\s]+)$/.exec(value);
    if (!match) {
      sendBadInput(res, route, `Invalid authorization value in HTTP header "Authorization": "${value}".  Expecting "Bearer <oauth2-access-token>".`);
      return undefined;
    }
    const accessToken = match[1]!;
    if (isTokenForcedExpired(res)) {
      sendAuthError(res, { '.tag': 'expired_access_token' });
      return undefined;
    }
    const check = this.tokens.check(`Bearer ${accessToken}`);
    const info = this.issued.get(accessToken);
    if (!check.ok && check.reason === 'expired') {
      sendAuthError(res, { '.tag': 'expired_access_token' });
      return undefined;
    }
    if (!check.ok || !info || this.revoked.has(accessToken)) {
      sendAuthError(res, { '.tag': 'invalid_access_token' });
      return undefined;
    }
    if (requiredScope !== '' && !info.scopes.has(requiredScope)) {
      sendAuthError(res, { '.tag': 'missing_scope', required_scope: requiredScope });
      return undefined;
    }
    return { accessToken, refreshToken: info.refreshToken };
  }
}
