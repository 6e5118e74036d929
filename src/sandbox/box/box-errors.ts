import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import { sendBoxJson } from './box-send.js';

/** The `help_url` real Box error bodies carry. */
export const BOX_HELP_URL = 'http://developers.box.com/docs/#errors';

/** Box's `ClientError` body. */
export interface BoxClientError {
  type: 'error';
  status: number;
  code: string;
  context_info?: Record<string, unknown>;
  help_url: string;
  message: string;
  request_id: string;
}

/** One entry of `context_info.errors`, as Box lists parameter problems. */
export interface BoxParameterError {
  reason: 'invalid_parameter' | 'missing_parameter';
  name: string;
  message: string;
}

/** Box request ids look like "o0xqrhhtjjdlp3u9". */
export function newRequestId(): string {
  const bytes = randomBytes(16);
  let id = '';
  for (const byte of bytes) id += (byte % 36).toString(36);
  return id;
}

/** A failure a route handler throws; the error middleware renders it as Box does. */
export class BoxApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly contextInfo?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'BoxApiError';
  }

  toBody(): BoxClientError {
    return boxErrorBody(this.status, this.code, this.message, this.contextInfo);
  }
}

export function boxErrorBody(status: number, code: string, message: string, contextInfo?: Record<string, unknown>): BoxClientError {
  const requestId = newRequestId();
  return contextInfo
    ? { type: 'error', status, code, context_info: contextInfo, help_url: BOX_HELP_URL, message, request_id: requestId }
    : { type: 'error', status, code, help_url: BOX_HELP_URL, message, request_id: requestId };
}

/** Writes a Box error response. */
export function sendBoxError(res: Response, error: BoxApiError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendBoxJson(res, error.status, error.toBody());
}

/** 404 `not_found` for an unknown resource id, worded as Box words it. */
export function notFound(resource: 'user' | 'group' | 'group_membership', id: string): BoxApiError {
  return new BoxApiError(404, 'not_found', 'Not Found', {
    errors: [{ reason: 'invalid_parameter', name: resource, message: `Invalid value '${id}'. '${resource}' with value '${id}' not found` }],
  });
}

/** 404 for a path no endpoint serves. */
export function noSuchEndpoint(): BoxApiError {
  return new BoxApiError(404, 'not_found', 'Not Found');
}

/** 400 for bad parameters (`bad_request`, or the code an endpoint documents, e.g. `invalid_parameter`). */
export function badRequest(errors: BoxParameterError[], code = 'bad_request'): BoxApiError {
  return new BoxApiError(400, code, 'Bad Request', { errors });
}

export function invalidParameter(name: string, message: string, code = 'bad_request'): BoxApiError {
  return badRequest([{ reason: 'invalid_parameter', name, message }], code);
}

export function missingParameter(name: string): BoxApiError {
  return badRequest([{ reason: 'missing_parameter', name, message: `'${name}' is required` }]);
}

/** 403 for a caller who is not an enterprise admin / co-admin / the Service Account. */
export function insufficientPermissions(): BoxApiError {
  return new BoxApiError(403, 'access_denied_insufficient_permissions', 'Access denied - insufficient permission');
}

/** Box's `WWW-Authenticate` values for a rejected bearer token. */
export type UnauthorizedReason = 'missing' | 'invalid' | 'expired';

const WWW_AUTHENTICATE: Record<UnauthorizedReason, string> = {
  missing: 'Bearer realm="Service", error="invalid_request", error_description="The access token was not found."',
  invalid: 'Bearer realm="Service", error="invalid_token", error_description="The access token provided is invalid."',
  expired: 'Bearer realm="Service", error="invalid_token", error_description="The access token provided has expired."',
};

/** 401 `unauthorized` with the `WWW-Authenticate` challenge. */
export function unauthorized(reason: UnauthorizedReason): BoxApiError {
  return new BoxApiError(401, 'unauthorized', 'Unauthorized', undefined, { 'WWW-Authenticate': WWW_AUTHENTICATE[reason] });
}

/** The code and message Box uses for an HTTP status (for injected faults and fallbacks). */
export function errorForStatus(status: number): { code: string; message: string } {
  switch (status) {
    case 400: return { code: 'bad_request', message: 'Bad Request' };
    case 401: return { code: 'unauthorized', message: 'Unauthorized' };
    case 403: return { code: 'forbidden', message: 'Forbidden' };
    case 404: return { code: 'not_found', message: 'Not Found' };
    case 405: return { code: 'method_not_allowed', message: 'Method Not Allowed' };
    case 409: return { code: 'conflict', message: 'A resource with this value already exists' };
    case 412: return { code: 'precondition_failed', message: 'Precondition Failed' };
    case 429: return { code: 'rate_limit_exceeded', message: 'Request rate limit exceeded, please try again later' };
    case 503: return { code: 'unavailable', message: 'Unavailable' };
    default:
      return status >= 500 ? { code: 'internal_server_error', message: 'Internal Server Error' } : { code: 'bad_request', message: 'Bad Request' };
  }
}
