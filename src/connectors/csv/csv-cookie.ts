import { InvalidArgumentError } from '../../provisioner/connector-errors.js';

/** Where the next page starts: the index of its first result and the uid of the result before it. */
export interface CsvCookie {
  readonly position: number;
  readonly lastUid: string;
}

/**
 * Encodes a paged-results cookie: base64url of `{"p": <next index>, "u": "<last uid returned>"}`.
 * The uid lets a later page resume after the right row when rows were added or removed meanwhile.
 */
export function encodeCsvCookie(cookie: CsvCookie): string {
  return Buffer.from(JSON.stringify({ p: cookie.position, u: cookie.lastUid }), 'utf8').toString('base64url');
}

/**
 * Decodes a cookie made by `encodeCsvCookie`.
 * @throws InvalidArgumentError when the cookie was not made by this connector.
 */
export function decodeCsvCookie(cookie: string): CsvCookie {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    'p' in parsed &&
    'u' in parsed &&
    typeof parsed.p === 'number' &&
    Number.isSafeInteger(parsed.p) &&
    parsed.p >= 0 &&
    typeof parsed.u === 'string'
  ) {
    return { position: parsed.p, lastUid: parsed.u };
  }
  throw new InvalidArgumentError(`Invalid pagedResultsCookie '${cookie}': not a cookie returned by this CSV connector`);
}
