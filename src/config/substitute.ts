import type { JsonValue } from '../util/json.js';
import { isJsonObject } from '../util/json.js';

/** Property lookup for `&{name}` (environment variables and settings such as idm.instance.dir). */
export type PropertyResolver = (name: string) => JsonValue | undefined;

const PLACEHOLDER = /&\{([^{}]*)\}/;

/**
 * IDM's PropertyUtil substitution: `&{name}`, nestable (`&{a.&{b}}`); a string that is exactly one
 * placeholder takes the property's value as is (may be non-string); unknown names stay verbatim.
 */
export function substitute(value: JsonValue, resolve: PropertyResolver, onResolved?: (name: string, value: JsonValue) => void): JsonValue {
  if (typeof value === 'string') return substituteString(value, resolve, onResolved);
  if (Array.isArray(value)) return value.map((v) => substitute(v, resolve, onResolved));
  if (isJsonObject(value)) {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substitute(v, resolve, onResolved);
    return out;
  }
  return value;
}

/**
 * Built-in properties that name places, not secrets: the only ones whose values an answer or an
 * error message may show. Every other `&{…}` (environment variables such as
 * `&{DROPBOX_CLIENT_SECRET}`, the sandboxes' `&{sandbox.<name>.<credential>}`) may hold a secret.
 */
export const LOCATION_PROPERTIES: readonly string[] = ['idm.instance.dir', 'sandbox.url'];

/** `resolve` limited to {@link LOCATION_PROPERTIES}: other references stay as written (for echoing a caller's body). */
export function locationResolver(resolve: PropertyResolver): PropertyResolver {
  return (name) => (LOCATION_PROPERTIES.includes(name) ? resolve(name) : undefined);
}

function substituteString(text: string, resolve: PropertyResolver, onResolved?: (name: string, value: JsonValue) => void): JsonValue {
  let current = text;
  const unresolved: string[] = [];
  // Innermost placeholders first (the regex never spans a nested '&{'), so nesting resolves outward.
  for (let guard = 0; guard < 64; guard++) {
    const match = PLACEHOLDER.exec(current);
    if (!match) break;
    const value = resolve(match[1]!);
    if (value !== undefined) onResolved?.(match[1]!, value);
    if (value === undefined) {
      const token = `\u0000${unresolved.length}\u0000`;
      unresolved.push(match[0]);
      current = current.slice(0, match.index) + token + current.slice(match.index + match[0].length);
      continue;
    }
    if (match[0] === current) return value;
    current = current.slice(0, match.index) + (typeof value === 'string' ? value : JSON.stringify(value)) + current.slice(match.index + match[0].length);
  }
  // eslint-disable-next-line no-control-regex -- NUL-delimited markers for placeholders left verbatim
  return current.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => unresolved[Number(i)]!);
}

/** The resolver the gateway uses: a map of built-in properties, then environment variables. */
export function propertyResolver(builtins: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv = process.env): PropertyResolver {
  return (name) => (Object.hasOwn(builtins, name) ? builtins[name] : env[name]);
}
