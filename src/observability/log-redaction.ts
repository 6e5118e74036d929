import type { LoggerOptions } from 'pino';
import { ALWAYS_CONFIDENTIAL } from '../config/config-secrets.js';

/** What replaces a redacted value in a log line. */
export const REDACTED = '[REDACTED]';

/** Request headers that carry credentials. */
const SECRET_HEADERS = ['authorization', 'x-openidm-password', 'cookie', 'set-cookie', 'proxy-authorization'];

/** Field names that hold secrets wherever they appear (configurationProperties names included). */
const SECRET_FIELDS = [...new Set([...ALWAYS_CONFIDENTIAL, 'apiKey', 'accessToken', 'access_token', 'refresh_token', 'client_secret'])];

/** Names usable as pino redact path segments without quoting. */
const PLAIN_NAME = /^[A-Za-z_$][\w$]*$/;

function paths(extraFields: readonly string[]): string[] {
  const out: string[] = [];
  for (const h of SECRET_HEADERS) {
    // Wherever a logged object nests its headers (req.headers, headers, config.headers).
    for (const prefix of ['headers', 'req.headers', '*.headers']) out.push(`${prefix}["${h}"]`);
  }
  // Up to three levels deep covers `configurationProperties.x` inside a config inside a log field.
  const fields = new Set([...SECRET_FIELDS, ...extraFields.filter((f) => PLAIN_NAME.test(f))]);
  for (const f of fields) out.push(f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`);
  return out;
}

/**
 * pino's `redact` option: credentials in headers and secret-named fields, plus `extraFields`
 * (the confidentialProperties of the connector types on offer).
 */
export function logRedaction(extraFields: readonly string[] = []): NonNullable<LoggerOptions['redact']> {
  return { paths: paths(extraFields), censor: REDACTED };
}

/** The redaction of every gateway logger, for the names known without a connector catalogue. */
export const LOG_REDACTION = logRedaction();

/** A log-safe view of an error: type, message and stack with secret values masked, no other fields. */
export function serializeError(error: unknown, redact: (text: string) => string): { type: string; message: string; stack?: string } {
  if (error instanceof Error) {
    return {
      type: error.constructor.name,
      message: redact(error.message),
      ...(error.stack !== undefined ? { stack: redact(error.stack) } : {}),
    };
  }
  return { type: typeof error, message: redact(String(error)) };
}
