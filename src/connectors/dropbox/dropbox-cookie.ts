import { InvalidArgumentError } from '../../provisioner/connector-errors.js';

/**
 * Paging cookies. Listings page with Dropbox's own cursors, handed out unchanged as
 * `pagedResultsCookie`; lists the connector holds itself (lookup results, roles) page with an
 * offset cookie `offset:<n>`, which no Dropbox cursor can look like (they are base64url).
 */
const OFFSET_PREFIX = 'offset:';

/** The cookie resuming a held list at `offset`. */
export function offsetCookie(offset: number): string {
  return `${OFFSET_PREFIX}${offset}`;
}

/** The offset of a held list's cookie (0 without one). @throws InvalidArgumentError for any other cookie. */
export function offsetOf(cookie: string | undefined): number {
  if (cookie === undefined) return 0;
  const match = /^offset:(\d{1,9})$/.exec(cookie);
  if (!match) throw badCookie();
  return Number(match[1]);
}

/** A Dropbox cursor from a listing's cookie. @throws InvalidArgumentError for an offset cookie. */
export function cursorOf(cookie: string): string {
  if (cookie.startsWith(OFFSET_PREFIX) || cookie.trim() === '') throw badCookie();
  return cookie;
}

/** One page of a list held in memory, with the cookie of the next page. */
export function pageOf<T>(all: readonly T[], cookie: string | undefined, pageSize: number | undefined): { items: readonly T[]; next: string | null } {
  const start = Math.min(offsetOf(cookie), all.length);
  const end = pageSize !== undefined && pageSize > 0 ? Math.min(all.length, start + pageSize) : all.length;
  return { items: all.slice(start, end), next: end < all.length ? offsetCookie(end) : null };
}

function badCookie(): InvalidArgumentError {
  return new InvalidArgumentError('The _pagedResultsCookie is not a cookie this query returned');
}
