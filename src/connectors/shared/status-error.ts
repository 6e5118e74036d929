import {
  AlreadyExistsError, ConfigurationError, ConnectorIOError, InvalidAttributeValueError, PermissionDeniedError,
  PreconditionFailedError, PreconditionRequiredError, RetryableError, UnknownUidError, type ConnectorError,
} from '../../provisioner/connector-errors.js';

/**
 * The meaning of an HTTP error status when the vendor's own mapping had nothing more precise.
 * `detail` is the vendor's message (already trimmed, never containing our credentials).
 */
export function statusError(status: number, what: string, detail: string, retryAfterMs: number | undefined): ConnectorError {
  const suffix = detail ? `: ${detail}` : '';
  switch (status) {
    case 400:
    case 422:
      return new InvalidAttributeValueError(`${what} was refused (${status})${suffix}`);
    case 401:
      return new ConfigurationError(`${what} was refused: the backend rejected the connector's credentials (401)${suffix}`);
    case 403:
      return new PermissionDeniedError(`${what} was denied (403)${suffix}`);
    case 404:
    case 410:
      return new UnknownUidError(`${what}: not found (${status})${suffix}`);
    case 409:
      return new AlreadyExistsError(`${what}: conflict (409)${suffix}`);
    case 412:
      return new PreconditionFailedError(`${what}: precondition failed (412)${suffix}`);
    case 428:
      return new PreconditionRequiredError(`${what}: precondition required (428)${suffix}`);
    case 429:
      return new RetryableError(`${what}: the backend is throttling (429)${suffix}`, retryAfterMs);
    case 502:
    case 503:
    case 504:
      return new RetryableError(`${what}: the backend is unavailable (${status})${suffix}`, retryAfterMs);
    default:
      return new ConnectorIOError(`${what} failed with status ${status}${suffix}`);
  }
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; undefined when absent or unusable. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
