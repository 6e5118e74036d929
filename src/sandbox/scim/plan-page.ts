import { decodeCursor, encodeCursor } from './cursor.js';
import type { ListParams } from './list-params.js';

/** Which slice of the results to return, and the paging attributes of the ListResponse. */
export interface PagePlan {
  /** 0-based index of the first result returned. */
  readonly offset: number;
  readonly size: number;
  /** 1-based `startIndex` of the ListResponse. */
  readonly startIndex: number;
  readonly nextCursor?: string;
  readonly previousCursor?: string;
}

/**
 * Plans one page. Index paging (`startIndex`, or the 0-based `offset` alias) answers only
 * `startIndex`. Otherwise the request is cursor paging (RFC 9865): `cursor` absent or empty is
 * the first page, and `nextCursor` is returned while results remain (also when the client sent
 * no paging parameter, so a plain GET can be continued by cursor); `previousCursor` after page one.
 */
export function planPage(total: number, params: ListParams, fingerprint: string, now: number): PagePlan {
  const cursorPaging = params.offset === undefined;
  const offset = params.offset ?? (params.cursor ? decodeCursor(params.cursor, fingerprint, now) : 0);
  const size = Math.max(0, Math.min(params.count, total - offset));
  const plan: PagePlan = { offset, size, startIndex: offset + 1 };
  if (!cursorPaging) return plan;
  const next = offset + size;
  return {
    ...plan,
    ...(size > 0 && next < total ? { nextCursor: encodeCursor(next, fingerprint, now) } : {}),
    ...(offset > 0 ? { previousCursor: encodeCursor(Math.max(0, offset - Math.max(params.count, 1)), fingerprint, now) } : {}),
  };
}
