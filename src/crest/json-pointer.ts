/**
 * CREST JSON pointers (forgerock-util JsonPointer): split on '/', a leading and a trailing
 * empty segment dropped, each segment URI-percent-decoded; no RFC 6901 '~0'/'~1' escaping.
 */
export class JsonPointer {
  readonly tokens: readonly string[];

  constructor(tokens: readonly string[]) {
    this.tokens = tokens;
  }

  /** Parses a pointer; throws InvalidPointerError for a segment that is not a valid URI fragment. */
  static parse(text: string): JsonPointer {
    const parts = text.split('/');
    if (parts.length > 0 && parts[0] === '') parts.shift();
    if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    return new JsonPointer(parts.map((p) => decodeSegment(p, text)));
  }

  get isRoot(): boolean {
    return this.tokens.length === 0;
  }

  get leaf(): string | undefined {
    return this.tokens[this.tokens.length - 1];
  }

  toString(): string {
    if (this.tokens.length === 0) return '/';
    return this.tokens.map((t) => '/' + encodeSegment(t)).join('');
  }
}

/** A pointer segment that is not a valid percent-encoded URI fragment. */
export class InvalidPointerError extends Error {}

// Characters Java's URI fragment parser refuses unencoded (controls, space, quotes, brackets…).
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
const ILLEGAL_FRAGMENT_CHAR = /[\u0000-\u0020"<>\\^`{|}\u007f]/;

function decodeSegment(segment: string, whole: string): string {
  if (ILLEGAL_FRAGMENT_CHAR.test(segment)) {
    throw new InvalidPointerError(`Illegal character in fragment: #${whole}`);
  }
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    const at = segment.search(/%(?![0-9a-fA-F]{2})/);
    throw new InvalidPointerError(`Malformed escape pair at index ${at + 1}: #${segment}`);
  }
}

function encodeSegment(segment: string): string {
  return segment.replace(/[%/ "<>\\^`{|}#?]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}
