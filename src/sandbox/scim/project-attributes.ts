import { isJsonObject, type JsonObject, type JsonValue } from '../../util/json.js';
import type { AttributeDef } from './attribute-def.js';
import { parseAttrPath, resolveAttrPath } from './attribute-path.js';

/** The `attributes` / `excludedAttributes` of a request (RFC 7644 §3.4.2.5). */
export interface AttributeSelection {
  readonly attributes: readonly string[];
  readonly excludedAttributes: readonly string[];
}

/**
 * Returns the resource with only the requested attributes (`attributes` wins when both are given).
 * `schemas` and `returned: always` attributes (`id`) are always kept; unknown names are ignored.
 * Sub-attribute names (`name.givenName`, `emails.value`) select or drop sub-attributes.
 */
export function projectAttributes(
  resource: JsonObject,
  selection: AttributeSelection,
  defs: readonly AttributeDef[],
  schemas: readonly string[],
): JsonObject {
  const including = selection.attributes.length > 0;
  const names = including ? selection.attributes : selection.excludedAttributes;
  if (names.length === 0) return resource;
  const whole = new Set<string>();
  const subs = new Map<string, Set<string>>();
  for (const name of names) {
    const parsed = parseAttrPath(name);
    const path = parsed ? resolveAttrPath(parsed, defs, schemas) : undefined;
    if (!path) continue;
    if (path.sub) subs.set(path.def.name, (subs.get(path.def.name) ?? new Set()).add(path.sub.name));
    else whole.add(path.def.name);
  }
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    const def = defs.find((d) => d.name === key);
    if (key === 'schemas' || def?.returned === 'always') {
      result[key] = value;
    } else if (including) {
      if (whole.has(key)) result[key] = value;
      else if (subs.has(key)) result[key] = mapElements(value, (e) => pick(e, subs.get(key)!, true));
    } else if (!whole.has(key)) {
      result[key] = subs.has(key) ? mapElements(value, (e) => pick(e, subs.get(key)!, false)) : value;
    }
  }
  return result;
}

function mapElements(value: JsonValue, f: (element: JsonObject) => JsonObject): JsonValue {
  if (Array.isArray(value)) return value.map((e) => (isJsonObject(e) ? f(e) : e));
  return isJsonObject(value) ? f(value) : value;
}

function pick(element: JsonObject, names: ReadonlySet<string>, keep: boolean): JsonObject {
  return Object.fromEntries(Object.entries(element).filter(([k]) => names.has(k) === keep));
}
