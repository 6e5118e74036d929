import { isJsonObject, type JsonValue } from '../../util/json.js';

/** Values substituted into paths, headers, query parameters and bodies: `{uid}`, `{_pageSize}`… */
export type Variables = Readonly<Record<string, string | number | undefined>>;

const VARIABLE = /\{(uid|_pageSize|_pagedResultsOffSet|_pagedResultsCookie)\}/g;

/** The variables a template may use (anything else in braces is left alone: it may be JSON or a literal). */
export const TEMPLATE_VARIABLES = ['uid', '_pageSize', '_pagedResultsOffSet', '_pagedResultsCookie'] as const;

/** Replaces the variables in a string; unknown or unset variables become "". */
export function substituteText(text: string, vars: Variables, encode: (s: string) => string = (s) => s): string {
  return text.replace(VARIABLE, (_, name: string) => {
    const value = vars[name];
    return value === undefined ? '' : encode(String(value));
  });
}

const WHOLE_VARIABLE = /^\{(uid|_pageSize|_pagedResultsOffSet|_pagedResultsCookie)\}$/;

/** True when `text` is exactly one variable that has no value (`"{_pagedResultsCookie}"` on a first page). */
export function isUnsetVariable(text: string, vars: Variables): boolean {
  const whole = WHOLE_VARIABLE.exec(text);
  return whole !== null && vars[whole[1]!] === undefined;
}

/**
 * Substitutes variables in a JSON template. A string that is exactly one variable becomes the
 * variable's value with its type (`"{_pageSize}"` → 100); embedded ones are replaced as text.
 * An unset whole variable becomes null, or with `dropUnset` its object member is left out
 * (a first page sends no `cursor` at all).
 */
export function substituteJson(template: JsonValue, vars: Variables, options: { readonly dropUnset?: boolean } = {}): JsonValue {
  if (typeof template === 'string') {
    const whole = WHOLE_VARIABLE.exec(template);
    if (whole) {
      const value = vars[whole[1]!];
      return value === undefined ? null : value;
    }
    return substituteText(template, vars);
  }
  if (Array.isArray(template)) return template.map((v) => substituteJson(v, vars, options));
  if (isJsonObject(template)) {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(template)) {
      if (options.dropUnset && typeof v === 'string' && isUnsetVariable(v, vars)) continue;
      out[k] = substituteJson(v, vars, options);
    }
    return out;
  }
  return template;
}

/** Parses `limit={_pageSize}&cursor={_pagedResultsCookie}` into name → value template. */
export function parseParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const name = at < 0 ? part : part.slice(0, at);
    out[decodeSafe(name)] = at < 0 ? '' : decodeSafe(part.slice(at + 1));
  }
  return out;
}

/** Substitutes every value of a name → template map; with `dropUnset`, entries that are exactly an unset variable are left out. */
export function substituteMap(map: Readonly<Record<string, string>>, vars: Variables, options: { readonly dropUnset?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) {
    if (options.dropUnset && isUnsetVariable(v, vars)) continue;
    out[k] = substituteText(v, vars);
  }
  return out;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
