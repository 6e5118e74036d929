import type { Request, RequestHandler, Response } from 'express';
import { randomBytes } from 'node:crypto';
import type { DropboxAuth } from './dropbox-auth.js';
import { DROPBOX_SANDBOX_SCOPES } from './dropbox-credentials.js';
import { sendJson } from './dropbox-errors.js';
import { requestId } from './dropbox-ids.js';
import type { DropboxState } from './dropbox-state.js';

/** The OAuth endpoint's errors are flat RFC 6749 JSON (400), not the API's error envelope. */
function oauthError(res: Response, error: string, description: string): void {
  sendJson(res, 400, { error, error_description: description });
}

/** Form fields, query parameters (the JS SDK's default) or a JSON body, merged. */
function params(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  const sources: unknown[] = [req.query, req.body];
  for (const source of sources) {
    if (typeof source !== 'object' || source === null) continue;
    for (const [key, value] of Object.entries(source)) if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** Client credentials from HTTP Basic, else from `client_id` / `client_secret`. */
function clientCredentials(req: Request, p: Record<string, string>): { id: string; secret: string | undefined } | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? { id: decoded, secret: undefined } : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  if (p.client_id === undefined) return undefined;
  return { id: p.client_id, secret: p.client_secret };
}

/** The scopes a `scope` parameter asks for, or undefined if it asks for one the app lacks. */
function requestedScopes(scope: string | undefined): readonly string[] | undefined {
  if (scope === undefined || scope.trim() === '') return DROPBOX_SANDBOX_SCOPES;
  const asked = scope.trim().split(/\s+/);
  const granted: readonly string[] = DROPBOX_SANDBOX_SCOPES;
  return asked.every((s) => granted.includes(s)) ? asked : undefined;
}

/**
 * POST /oauth2/token: `grant_type=refresh_token` (and `authorization_code`, for baton's setup),
 * client credentials by HTTP Basic or form fields; `{access_token, token_type, expires_in}`.
 */
export function oauthTokenHandler(state: DropboxState, auth: DropboxAuth): RequestHandler {
  return (req, res) => {
    res.set('X-Dropbox-Request-Id', requestId());
    const p = params(req);
    const client = clientCredentials(req, p);
    if (!client) return oauthError(res, 'invalid_request', 'No auth function available for given request');
    const known = state.data.clients.find((c) => c.client_id === client.id);
    if (!known || known.client_secret !== client.secret) return oauthError(res, 'invalid_client', 'Invalid client_id or client_secret');
    const grantType = p.grant_type;
    if (grantType === undefined || grantType === '') return oauthError(res, 'invalid_request', 'No grant_type');
    const teamId = state.data.team.team_id;

    if (grantType === 'refresh_token') {
      if (p.refresh_token === undefined || p.refresh_token === '') return oauthError(res, 'invalid_request', 'No refresh_token');
      const record = state.data.refresh_tokens.find((r) => r.refresh_token === p.refresh_token);
      if (!record || record.revoked || record.client_id !== client.id) {
        return oauthError(res, 'invalid_grant', 'refresh token is invalid or revoked');
      }
      const scopes = requestedScopes(p.scope);
      if (!scopes) return oauthError(res, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
      const issued = auth.issue(client.id, record.refresh_token, teamId, scopes);
      return sendJson(res, 200, { access_token: issued.accessToken, token_type: 'bearer', expires_in: issued.expiresIn });
    }

    if (grantType === 'authorization_code') {
      if (p.code === undefined || !state.data.authorization_codes.includes(p.code)) {
        return oauthError(res, 'invalid_grant', "code doesn't exist or has expired");
      }
      const refreshToken = `sbx-rt-${randomBytes(24).toString('base64url')}`;
      state.data.refresh_tokens.push({ refresh_token: refreshToken, client_id: client.id, revoked: false });
      state.changed();
      const issued = auth.issue(client.id, refreshToken, teamId, DROPBOX_SANDBOX_SCOPES);
      return sendJson(res, 200, {
        access_token: issued.accessToken,
        token_type: 'bearer',
        expires_in: issued.expiresIn,
        refresh_token: refreshToken,
        scope: DROPBOX_SANDBOX_SCOPES.join(' '),
        team_id: teamId,
      });
    }

    return oauthError(res, 'unsupported_grant_type', `Unsupported grant_type: ${grantType}`);
  };
}
