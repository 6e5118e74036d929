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
    return new JsonPointer(parts.map((p) => decodeSegment(p)));
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

// java.net.URI "uric" characters below U+0080: alphanumerics, marks -_.!~*'() and reserved ;/?:@&=+$,[]
const URIC_ASCII = /[A-Za-z0-9\-_.!~*'();/?:@&=+$,[\]]/;
const HEX = /[0-9A-Fa-f]/;
// Character.isSpaceChar (Zs, Zl, Zp) and Character.isISOControl (U+0000–U+001F, U+007F–U+009F)
const SPACE_OR_CONTROL = /[\p{Zs}\p{Zl}\p{Zp}\u0000-\u001f\u007f-\u009f]/u; // eslint-disable-line no-control-regex

/**
 * `new URI("#" + segment).getFragment()`: one left-to-right scan (the first offence wins), then
 * runs of `%XX` decoded as UTF-8 with malformed bytes replaced by U+FFFD (Java's decoder).
 * Messages are Java's URISyntaxException messages, indexes counted in `#<segment>`.
 */
function decodeSegment(segment: string): string {
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '%') {
      if (HEX.test(segment[i + 1] ?? '') && HEX.test(segment[i + 2] ?? '')) {
        i += 2;
        continue;
      }
      throw new InvalidPointerError(`Malformed escape pair at index ${i + 1}: #${segment}`);
    }
    const legal = c.charCodeAt(0) < 0x80 ? URIC_ASCII.test(c) : !SPACE_OR_CONTROL.test(c);
    if (!legal) throw new InvalidPointerError(`Illegal character in fragment at index ${i + 1}: #${segment}`);
  }
  if (!segment.includes('%')) return segment;
  const decoder = new TextDecoder('utf-8');
  return segment.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let k = 0; k < bytes.length; k++) bytes[k] = parseInt(run.slice(k * 3 + 1, k * 3 + 3), 16);
    return decoder.decode(bytes);
  });
}

/**
 * `new URI(null, null, null, null, segment).toASCIIString().substring(1).replaceAll("/", "%2F")`:
 * NFC-normalized; ASCII outside "uric" and every non-ASCII character percent-encoded (UTF-8,
 * upper-case hex); `/` as `%2F`.
 */
function encodeSegment(segment: string): string {
  const encoder = new TextEncoder();
  let out = '';
  for (const ch of segment.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80 && URIC_ASCII.test(ch) && ch !== '/') {
      out += ch;
    } else {
      for (const b of encoder.encode(ch)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return out;
}
