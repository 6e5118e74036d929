import { isJsonObject, type JsonObject, type JsonValue } from '../../util/json.js';
import { findAttribute, type AttributeDef } from './attribute-def.js';
import type { ResolvedPath } from './attribute-path.js';

/** Whether a value counts as present for `pr` (RFC 7644: not null, not empty). */
export function isPresent(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  if (isJsonObject(value)) return Object.values(value).some(isPresent);
  return true;
}

/** The definition whose type governs comparisons on a path: the sub-attribute, or `value` of a multi-valued complex. */
export function comparedDef(path: ResolvedPath): AttributeDef {
  if (path.sub) return path.sub;
  if (path.def.type === 'complex' && path.def.multiValued) return findAttribute(path.def.subAttributes, 'value') ?? path.def;
  return path.def;
}

/** The scalar values found at a path in a resource, flattened over multi-valued attributes. */
export function valuesAt(resource: JsonObject, path: ResolvedPath): JsonValue[] {
  const raw = resource[path.def.name];
  if (raw === undefined || raw === null) return [];
  const elements = Array.isArray(raw) ? raw : [raw];
  const compared = comparedDef(path);
  if (compared === path.def) return elements.filter((v) => v !== null);
  return elements.flatMap((element) => {
    const value = isJsonObject(element) ? element[compared.name] : undefined;
    return value === undefined || value === null ? [] : [value];
  });
}

/** The single value a path sorts by: a multi-valued attribute sorts by its primary (else first) element (RFC 7644 §3.4.2.3). */
export function sortValueAt(resource: JsonObject, path: ResolvedPath): JsonValue | undefined {
  const raw = resource[path.def.name];
  if (Array.isArray(raw)) {
    const primary = raw.find((e) => isJsonObject(e) && e.primary === true) ?? raw[0];
    if (primary === undefined) return undefined;
    const compared = comparedDef(path);
    return compared === path.def ? primary : isJsonObject(primary) ? primary[compared.name] : undefined;
  }
  return valuesAt(resource, path)[0];
}
