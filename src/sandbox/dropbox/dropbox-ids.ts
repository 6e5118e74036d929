import { createHash, randomBytes } from 'node:crypto';

/**
 * Identifiers in Dropbox's formats: `dbmid:` team member ids, 40-character `dbid:` account ids,
 * `g:` + 32 hex group ids, numeric namespace ids. `seed` makes them
 * deterministic (example data, benchmark members); without it they are random.
 */

function bytes(seed: string | undefined, length: number): Buffer {
  return seed === undefined ? randomBytes(length) : createHash('sha256').update(seed).digest().subarray(0, length);
}

function opaque(seed: string | undefined, chars: number): string {
  return bytes(seed, Math.ceil((chars * 3) / 4)).toString('base64url').slice(0, chars);
}

/** `dbmid:AA…` (41 characters, like real ones). */
export function teamMemberId(seed?: string): string {
  return `dbmid:AA${opaque(seed && `member:${seed}`, 33)}`;
}

/** `dbid:AA…`: AccountId is exactly 40 characters. */
export function accountId(seed?: string): string {
  return `dbid:AA${opaque(seed && `account:${seed}`, 33)}`;
}

/** `g:` followed by 32 hex digits. */
export function groupId(seed?: string): string {
  return `g:${bytes(seed && `group:${seed}`, 16).toString('hex')}`;
}

/** A NamespaceId: Dropbox's are decimal strings. */
export function namespaceId(seed?: string): string {
  return String(1_000_000_000 + (bytes(seed && `ns:${seed}`, 4).readUInt32BE(0) % 8_000_000_000));
}

export function asyncJobId(): string {
  return `dbjid:AA${opaque(undefined, 40)}`;
}


/** The value of `X-Dropbox-Request-Id`. */
export function requestId(): string {
  return randomBytes(16).toString('hex');
}
