import type { Request } from 'express';
import { BoxApiError, invalidParameter } from './box-errors.js';

/** One query parameter as a string (the first, if repeated). */
export function queryParam(req: Request, name: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** `fields=a,b` (comma-separated, `explode: false`); absent or empty means the default variant. */
export function fieldsParam(req: Request): string[] | undefined {
  const raw = queryParam(req, 'fields');
  if (raw === undefined) return undefined;
  const fields = raw.split(',').map((f) => f.trim()).filter((f) => f !== '');
  return fields.length > 0 ? fields : undefined;
}

/** A boolean query parameter ("true"/"false"). */
export function booleanParam(req: Request, name: string): boolean | undefined {
  const raw = queryParam(req, name);
  if (raw === undefined) return undefined;
  if (raw.toLowerCase() === 'true') return true;
  if (raw.toLowerCase() === 'false') return false;
  throw invalidParameter(name, `Invalid value '${raw}'. '${name}' must be true or false`);
}

/** The `limit` used for a page: default 100 (as the Java SDK fixtures show); above the maximum, the maximum. */
export function limitParam(req: Request, max = 1000, fallback = 100): number {
  const raw = queryParam(req, 'limit');
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new BoxApiError(400, 'invalid_limit', 'Limit is not a valid number');
  const limit = Number(raw);
  if (limit < 1) throw new BoxApiError(400, 'invalid_limit', 'Limit is not a valid number');
  return Math.min(limit, max);
}

/** The `offset`: default 0; more than 10000 is rejected with a 400 (spec). */
export function offsetParam(req: Request): number {
  const raw = queryParam(req, 'offset');
  if (raw === undefined || raw === '') return 0;
  if (!/^\d+$/.test(raw.trim())) throw new BoxApiError(400, 'invalid_offset', 'Offset is not a valid number');
  const offset = Number(raw);
  if (offset > 10_000) {
    throw invalidParameter('offset', `Invalid value '${raw}'. Queries with offset parameter value exceeding 10000 are rejected; use marker-based pagination`);
  }
  return offset;
}

/** The offset-paging envelope (`Groups`, `GroupMemberships`, offset-mode `Users`). */
export function offsetEnvelope(entries: unknown[], total: number, offset: number, limit: number): Record<string, unknown> {
  return { total_count: total, entries, offset, limit };
}
