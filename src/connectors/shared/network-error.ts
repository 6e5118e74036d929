import {
  ConnectionBrokenError, ConnectionFailedError, ConnectorIOError, OperationTimeoutError, type ConnectorError,
} from '../../provisioner/connector-errors.js';
import { CONNECT_TIMEOUT_CODE } from './http-agents.js';

/** Codes meaning the request never reached the server: safe to retry whatever the method. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', CONNECT_TIMEOUT_CODE]);
/** Codes of a connection lost mid-exchange: the server may have acted. */
const BROKEN = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_BAD_RESPONSE', 'ETIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE']);

/** The code Node or axios put on an error, looking through axios's wrapper. */
export function errorCode(error: unknown): string {
  const e = error as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : '';
  if (code) return code;
  return typeof e.message === 'string' && /socket hang up/i.test(e.message) ? 'ECONNRESET' : 'EUNKNOWN';
}

/** True when the request certainly did not reach the server. */
export function wasNotSent(code: string): boolean {
  return NOT_SENT.has(code);
}

/**
 * Maps a transport failure (no HTTP response) to a ConnectorError naming the host and the cause,
 * never the query string or body (they may hold secrets).
 */
export function networkError(error: unknown, host: string, aborted: boolean): ConnectorError {
  if (aborted) return new OperationTimeoutError(`call to ${host} cancelled: the operation timed out`, { cause: error });
  const code = errorCode(error);
  if (NOT_SENT.has(code)) return new ConnectionFailedError(`cannot connect to ${host} (${code})`, { cause: error });
  if (BROKEN.has(code)) return new ConnectionBrokenError(`connection to ${host} broken (${code})`, { cause: error });
  if (/CERT|SSL|TLS|SELF_SIGNED|ALTNAME/.test(code)) {
    return new ConnectionFailedError(`TLS handshake with ${host} failed (${code}); see acceptSelfSignedCertificates / disableHostNameVerifier`, { cause: error });
  }
  return new ConnectorIOError(`call to ${host} failed (${code})`, { cause: error });
}
