/** A JSON value as parsed by JSON.parse. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep clone of a JSON value (structuredClone keeps prototypes out). */
export function cloneJson<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}

/** Structural JSON equality; key order does not matter. */
export function jsonEquals(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEquals(v, b[i]));
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEquals(a[k], b[k]));
  }
  return false;
}

/** V8's quote of the source in a JSON.parse error: `<complaint> ['<token>'], [...]"<excerpt>"[...] is not valid JSON`. */
const QUOTED_SOURCE = /^(.*?)(?: '([^]*?)')?, (\.\.\.)?"([^]*)"(?:\.\.\.)? is not valid JSON$/;

/**
 * JSON.parse's complaint about `text` without the excerpt of it that V8 quotes (a hand-edited
 * file may hold secrets in clear, and the complaint is logged): where the excerpt was, the line
 * and column of the offending character.
 */
export function jsonSyntaxProblem(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const quoted = QUOTED_SOURCE.exec(message);
  if (!quoted) return message;
  const [, complaint, token, cut, excerpt] = quoted as unknown as [string, string, string | undefined, string | undefined, string];
  const start = text.indexOf(excerpt);
  // A cut excerpt starts 10 characters before the error; a whole one is the text, searched for the token.
  const at = start < 0 ? -1 : cut ? start + 10 : token ? text.indexOf(token) : -1;
  if (at < 0) return `${complaint} in JSON`;
  const before = text.slice(0, at).split('\n');
  return `${complaint} in JSON at line ${before.length} column ${before[before.length - 1]!.length + 1}`;
}
