import type { RequestHandler, Response } from 'express';
import { isTokenForcedExpired } from '../faults.js';
import type { TokenStore } from '../token-store.js';
import { safeEqual } from './safe-equal.js';
import type { ScimSandboxCredentials } from './scim-credentials.js';
import { scimErrorBody } from './scim-error.js';
import { sendScim } from './scim-response.js';

const REALM = 'realm="scim-sandbox"';

/**
 * Authenticates every `/v2` request by HTTP Basic, the static bearer token, or an OAuth2 access
 * token issued by the token endpoint (any scheme other than Basic carries a token, so a
 * provisioner's `authorizationTokenPrefix` may differ from "Bearer"). Otherwise 401 with a SCIM
 * error body and `WWW-Authenticate` challenges. A fault `expiredToken` makes any token expired.
 */
export function scimAuth(credentials: ScimSandboxCredentials, tokens: TokenStore): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization')?.trim();
    if (!header) return deny(res, 'Authentication is required');
    const space = header.indexOf(' ');
    const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
    const value = space < 0 ? '' : header.slice(space + 1).trim();
    if (scheme === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const ok = colon >= 0 && safeEqual(decoded.slice(0, colon), credentials.username) && safeEqual(decoded.slice(colon + 1), credentials.password);
      return ok ? next() : deny(res, 'Invalid username or password');
    }
    if (!value) return deny(res, 'Authentication is required');
    if (isTokenForcedExpired(res)) return deny(res, 'The access token expired', 'expired');
    if (safeEqual(value, credentials.bearerToken)) return next();
    const check = tokens.check(`Bearer ${value}`);
    if (check.ok) return next();
    return check.reason === 'expired' ? deny(res, 'The access token expired', 'expired') : deny(res, 'Invalid access token', 'invalid');
  };
}

function deny(res: Response, detail: string, token?: 'expired' | 'invalid'): void {
  const bearer = token ? `Bearer ${REALM}, error="invalid_token", error_description="${detail}"` : `Bearer ${REALM}`;
  res.set('WWW-Authenticate', `${bearer}, Basic ${REALM}`);
  sendScim(res, 401, scimErrorBody(401, detail));
}
