import type { Response } from 'express';
import { BoxApiError, errorForStatus, sendBoxError, unauthorized } from './box-errors.js';
import { sendBoxJson } from './box-send.js';

/** Box's advice on a 429 when the fault names no delay: retry after a second. */
const DEFAULT_RETRY_AFTER = 1;

/**
 * Renders an injected status as Box would: `ClientError` bodies on `/2.0` (429 `rate_limit_exceeded`
 * always with `retry-after`; 5xx `internal_server_error` / `unavailable`), `OAuth2Error` on the token endpoint.
 */
export function renderBoxFault(res: Response, status: number, retryAfter: number | undefined): void {
  if (status === 429 && res.getHeader('Retry-After') === undefined) {
    res.setHeader('Retry-After', String(retryAfter ?? DEFAULT_RETRY_AFTER));
  }
  if (res.req.path.startsWith('/oauth2/')) {
    const error = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'temporarily_unavailable' : 'invalid_request';
    sendBoxJson(res, status, { error, error_description: errorForStatus(status).message });
    return;
  }
  if (status === 401) {
    sendBoxError(res, unauthorized('invalid'));
    return;
  }
  const { code, message } = errorForStatus(status);
  sendBoxError(res, new BoxApiError(status, code, message));
}
