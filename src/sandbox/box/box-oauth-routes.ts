import express from 'express';
import type { Request, Response, Router } from 'express';
import type { TokenStore } from '../token-store.js';
import { BOX_SANDBOX_CREDENTIALS } from './box-credentials.js';
import type { BoxModel } from './box-model.js';
import { sendBoxJson } from './box-send.js';

/** Box's `OAuth2Error`. */
export class BoxOAuthError extends Error {
  constructor(readonly error: string, readonly description: string, readonly status = 400) {
    super(description);
  }
}

/** Grant types Box knows (spec `PostOAuth2Token.grant_type`) that this Client-Credentials app cannot complete. */
const OTHER_GRANTS: Record<string, string> = {
  authorization_code: "Auth code doesn't exist or is invalid for the client",
  refresh_token: 'Invalid refresh token',
  'urn:ietf:params:oauth:grant-type:jwt-bearer': 'Please check the \'sub\' claim. The \'sub\' specified is invalid.',
  'urn:ietf:params:oauth:grant-type:token-exchange': 'Invalid subject token',
};

const INVALID_GRANT = 'Grant credentials are invalid';

function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** client_id/client_secret from the form, else from `Authorization: Basic` (client_secret_basic). */
function clientCredentials(req: Request, body: Record<string, unknown>): { id?: string; secret?: string } {
  const id = field(body, 'client_id');
  const secret = field(body, 'client_secret');
  if (id !== undefined || secret !== undefined) return { id, secret };
  const match = /^Basic\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  if (!match) return {};
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return {};
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/** The token subject for a Client Credentials Grant (`enterprise:<id>` or `user:<id>`). */
function subjectOf(model: BoxModel, body: Record<string, unknown>): string {
  const type = field(body, 'box_subject_type');
  const id = field(body, 'box_subject_id');
  if (type === 'enterprise' && id === model.enterprise.id) return `enterprise:${id}`;
  if (type === 'user' && id !== undefined) {
    const user = model.findUser(id);
    if (user && (user.kind === 'managed' || user.kind === 'app')) return `user:${id}`;
  }
  throw new BoxOAuthError('invalid_grant', INVALID_GRANT);
}

/** `POST /oauth2/token` (mounted at the sandbox root, like `https://api.box.com/oauth2/token`). */
export function boxOAuthRoutes(model: BoxModel, tokens: TokenStore, ttlSeconds: number): Router {
  const router = express.Router();

  /** POST /oauth2/token — Request access token (Client Credentials Grant with box_subject_type/id). */
  router.post('/oauth2/token', express.urlencoded({ extended: false }), (req: Request, res: Response) => {
    const body: Record<string, unknown> = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
    const grantType = field(body, 'grant_type');
    if (grantType === undefined) throw new BoxOAuthError('invalid_request', 'Invalid grant_type parameter or parameter missing');
    if (grantType !== 'client_credentials') {
      const description = OTHER_GRANTS[grantType];
      if (description) throw new BoxOAuthError('invalid_grant', description);
      throw new BoxOAuthError('unsupported_grant_type', 'The authorization grant type is not supported by the authorization server');
    }
    const client = clientCredentials(req, body);
    if (client.id !== BOX_SANDBOX_CREDENTIALS.clientId || client.secret !== BOX_SANDBOX_CREDENTIALS.clientSecret) {
      throw new BoxOAuthError('invalid_client', 'The client credentials are not valid');
    }
    const subject = subjectOf(model, body);
    const issued = tokens.issue(client.id, ttlSeconds, subject, 'box');
    sendBoxJson(res, 200, { access_token: issued.accessToken, expires_in: issued.expiresIn, restricted_to: [], token_type: 'bearer' });
  });

  router.all('/oauth2/token', () => {
    throw new BoxOAuthError('invalid_request', 'Invalid grant_type parameter or parameter missing');
  });

  router.use('/oauth2', (err: unknown, _req: Request, res: Response, next: (err?: unknown) => void) => {
    if (err instanceof BoxOAuthError) {
      sendBoxJson(res, err.status, { error: err.error, error_description: err.description });
      return;
    }
    if (typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string') {
      sendBoxJson(res, 400, { error: 'invalid_request', error_description: 'The request body could not be parsed' });
      return;
    }
    next(err);
  });

  return router;
}
