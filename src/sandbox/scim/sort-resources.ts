import type { JsonObject, JsonValue } from '../../util/json.js';
import type { AttributeDef } from './attribute-def.js';
import { parseAttrPath, resolveAttrPath } from './attribute-path.js';
import { comparedDef, sortValueAt } from './attribute-values.js';
import { ScimError } from './scim-error.js';

/**
 * Sorts items in place by `sortBy` of their rendered resource (RFC 7644 §3.4.2.3): strings case-insensitively
 * unless caseExact, dateTimes chronologically, multi-valued by their primary value; resources
 * without a value come last in both orders; ties keep creation order.
 */
export function sortResources<T>(
  items: T[],
  viewOf: (item: T) => JsonObject,
  sortBy: string,
  order: 'ascending' | 'descending',
  defs: readonly AttributeDef[],
  schemas: readonly string[],
): void {
  const parsed = parseAttrPath(sortBy);
  const path = parsed ? resolveAttrPath(parsed, defs, schemas) : undefined;
  if (!path) throw ScimError.badRequest('invalidValue', `Cannot sort by unknown attribute '${sortBy}'`);
  const def = comparedDef(path);
  if (def.type === 'complex') throw ScimError.badRequest('invalidValue', `Cannot sort by the complex attribute '${sortBy}'`);
  const keyOf = (value: JsonValue | undefined): string | number | undefined => {
    if (value === undefined || value === null) return undefined;
    if (def.type === 'dateTime' && typeof value === 'string') return Date.parse(value);
    if (typeof value === 'number') return value;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'string') return def.caseExact ? value : value.toLowerCase();
    return undefined;
  };
  const direction = order === 'descending' ? -1 : 1;
  const keyed = items.map((item) => ({ item, key: keyOf(sortValueAt(viewOf(item), path)) }));
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) return a.key === b.key ? 0 : a.key === undefined ? 1 : -1;
    return a.key < b.key ? -direction : a.key > b.key ? direction : 0;
  });
  keyed.forEach((entry, i) => {
    items[i] = entry.item;
  });
}
