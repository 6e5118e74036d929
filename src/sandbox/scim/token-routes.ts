import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { isJsonObject, type JsonObject } from '../../util/json.js';
import type { TokenStore } from '../token-store.js';
import { safeEqual } from './safe-equal.js';
import type { ScimSandboxCredentials } from './scim-credentials.js';

/** Default lifetime of issued access tokens, in seconds. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

interface ClientCredentials {
  readonly id: string;
  readonly secret: string;
}

/**
 * The OAuth2 token endpoint (RFC 6749 §4.4 client credentials, §6 refresh). Client authentication
 * by HTTP Basic (client_secret_basic, form-urlencoded id and secret) or by `client_id` /
 * `client_secret` form fields (client_secret_post). Errors are RFC 6749 §5.2 JSON:
 * `invalid_request`, `invalid_client` (401), `invalid_grant`, `unsupported_grant_type`.
 */
export function tokenRoutes(credentials: ScimSandboxCredentials, tokens: TokenStore, ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS): Router {
  const router = express.Router();

  /** POST /oauth2/token: issues a bearer token for `grant_type=client_credentials` (or `refresh_token`). */
  router.post('/token', express.urlencoded({ extended: false }), express.json(), (req, res) => {
    const form: JsonObject = isJsonObject(req.body) ? req.body : {};
    const client = clientOf(req, form);
    if (!client || !safeEqual(client.id, credentials.clientId) || !safeEqual(client.secret, credentials.clientSecret)) {
      res.set('WWW-Authenticate', 'Basic realm="scim-sandbox"');
      return oauthError(res, 401, 'invalid_client', 'Client authentication failed');
    }
    const grantType = typeof form.grant_type === 'string' ? form.grant_type : '';
    if (grantType === '') return oauthError(res, 400, 'invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials' && grantType !== 'refresh_token') {
      return oauthError(res, 400, 'unsupported_grant_type', `grant_type '${grantType}' is not supported`);
    }
    if (grantType === 'refresh_token' && !(typeof form.refresh_token === 'string' && safeEqual(form.refresh_token, credentials.refreshToken))) {
      return oauthError(res, 400, 'invalid_grant', 'The refresh token is invalid');
    }
    const issued = tokens.issue(client.id, ttlSeconds, undefined, 'scim');
    const body: JsonObject = { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn };
    if (typeof form.scope === 'string' && form.scope !== '') body.scope = form.scope;
    if (grantType === 'refresh_token') body.refresh_token = credentials.refreshToken;
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).status(200).json(body);
  });

  /** Any other method on /oauth2/token: 405. */
  router.all('/token', (_req, res) => {
    res.set('Allow', 'POST');
    oauthError(res, 405, 'invalid_request', 'Use POST');
  });

  const malformed: ErrorRequestHandler = (_error: unknown, _req, res, _next) => {
    oauthError(res, 400, 'invalid_request', 'The request body could not be parsed');
  };
  router.use(malformed);
  return router;
}

function clientOf(req: Request, form: JsonObject): ClientCredentials | undefined {
  const header = req.get('authorization');
  const basic = header === undefined ? null : /^Basic\s+(\S+)$/i.exec(header.trim());
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  }
  if (typeof form.client_id === 'string' && typeof form.client_secret === 'string') {
    return { id: form.client_id, secret: form.client_secret };
  }
  return undefined;
}

/** RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding. */
function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function oauthError(res: Response, status: number, error: string, description: string): void {
  res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).status(status).json({ error, error_description: description });
}
