import { createHash } from 'node:crypto';
import { isJsonObject, type JsonValue } from '../../util/json.js';
import { ScimError } from './scim-error.js';

/** How long a cursor stays valid, in seconds (published as `pagination.cursorTimeout`). */
export const CURSOR_TIMEOUT_SECONDS = 3600;

/** Identifies a query so a cursor cannot be replayed against another filter or sort. */
export function queryFingerprint(parts: readonly (string | undefined)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 12);
}

/** An opaque, URL-safe cursor naming a position in one query's results. */
export function encodeCursor(offset: number, fingerprint: string, now: number): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint, t: Math.floor(now / 1000) })).toString('base64url');
}

/** The position a cursor names; 400 invalidCursor when malformed or from another query, expiredCursor when too old. */
export function decodeCursor(cursor: string, fingerprint: string, now: number): number {
  let state: JsonValue;
  try {
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as JsonValue;
  } catch {
    throw ScimError.badRequest('invalidCursor', 'The cursor is not valid');
  }
  if (!isJsonObject(state) || !Number.isInteger(state.o) || typeof state.q !== 'string' || typeof state.t !== 'number') {
    throw ScimError.badRequest('invalidCursor', 'The cursor is not valid');
  }
  if (state.q !== fingerprint) throw ScimError.badRequest('invalidCursor', 'The cursor belongs to a different query');
  if (now / 1000 - state.t > CURSOR_TIMEOUT_SECONDS) throw ScimError.badRequest('expiredCursor', 'The cursor has expired');
  return Math.max(0, state.o as number);
}
