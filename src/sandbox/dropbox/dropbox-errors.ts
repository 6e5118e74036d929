import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { FaultRenderer } from '../faults.js';
import { requestId } from './dropbox-ids.js';
import type { Json, JsonObject } from './dropbox-views.js';

/**
 * Dropbox's error responses: 400 plain text for bad input, 401 `AuthError` envelopes, 409
 * route errors `{error_summary, error}`, 429 `RateLimitError`, 5xx plain text.
 */

/** A route error (HTTP 409): `error` is the route's error union, `.tag` encoded. */
export class DropboxRouteError extends Error {
  constructor(readonly error: JsonObject) {
    super(errorSummary(error));
    this.name = 'DropboxRouteError';
  }
}

/** Throws the 409 for a route error tag, with the tag's value (if any) beside it. */
export function routeError(tagName: string, value?: Json): DropboxRouteError {
  return new DropboxRouteError(value === undefined ? { '.tag': tagName } : { '.tag': tagName, [tagName]: value });
}

/** `error_summary`: the tag path, then `/...` (clients must not parse it). */
export function errorSummary(error: JsonObject): string {
  const tags: string[] = [];
  let current: Json | undefined = error;
  while (current && typeof current === 'object' && !Array.isArray(current) && typeof current['.tag'] === 'string') {
    const name: string = current['.tag'];
    tags.push(name);
    current = current[name];
  }
  return `${tags.join('/')}/...`;
}

/** JSON with `Content-Type: application/json` exactly (no charset), as Dropbox sends it. */
export function sendJson(res: Response, status: number, body: Json): void {
  // setHeader, not res.set: Express would append "; charset=utf-8".
  res.setHeader('Content-Type', 'application/json');
  res.status(status).send(Buffer.from(JSON.stringify(body)));
}

export function sendText(res: Response, status: number, text: string): void {
  res.status(status).set('Content-Type', 'text/plain; charset=utf-8').send(Buffer.from(text));
}

/** 400: `Error in call to API function "<route>": <reason>` in plain text. */
export function sendBadInput(res: Response, route: string, reason: string): void {
  sendText(res, 400, `Error in call to API function "${route}": ${reason}`);
}

/** 401 with an AuthError (`invalid_access_token`, `expired_access_token`, `missing_scope`…). */
export function sendAuthError(res: Response, error: JsonObject): void {
  res.set('WWW-Authenticate', 'Bearer realm="Dropbox-API"');
  sendJson(res, 401, { error_summary: errorSummary(error), error });
}

/** 409 with the route's error union. */
export function sendRouteError(res: Response, error: JsonObject): void {
  sendJson(res, 409, { error_summary: errorSummary(error), error });
}

/** 429 with a RateLimitError; `Retry-After` always accompanies it. */
export function sendRateLimited(res: Response, retryAfter: number, reason = 'too_many_requests'): void {
  if (!res.get('Retry-After')) res.set('Retry-After', String(retryAfter));
  sendJson(res, 429, { error_summary: `${reason}/...`, error: { reason: { '.tag': reason }, retry_after: retryAfter } });
}

/** Renders injected fault statuses in Dropbox's formats (for faultMiddleware). */
export const renderDropboxFault: FaultRenderer = (res, status, retryAfter) => {
  res.set('X-Dropbox-Request-Id', requestId());
  const route = res.req.path.replace(/^\/2\//, '');
  if (status === 429) return sendRateLimited(res, retryAfter ?? 1);
  if (status === 401) return sendAuthError(res, { '.tag': 'invalid_access_token' });
  if (status === 400) return sendBadInput(res, route, 'request body: could not decode input as JSON');
  if (status === 403) return sendJson(res, 403, { error_summary: 'team_access_denied/...', error: { '.tag': 'team_access_denied' } });
  if (status === 409) return sendRouteError(res, { '.tag': 'other' });
  // 5xx (and anything else): Dropbox answers arbitrary text; retry with backoff.
  sendText(res, status, STATUS_CODES[status] ?? 'Error');
};
