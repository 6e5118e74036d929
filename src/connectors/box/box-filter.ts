import type { Filter } from '../../provisioner/filter.js';
import { ObjectClass, SpecialAttribute } from '../../provisioner/objects.js';
import type { NativeQuery } from '../../provisioner/spi.js';

/** What Box can narrow a listing by: a `filter_term` prefix, or one object read by id. */
export type BoxQuery =
  | { readonly kind: 'term'; readonly term: string }
  | { readonly kind: 'id'; readonly id: string };

/**
 * Translates what Box answers natively. `__NAME__ sw "x"` (the seed's one native filter) and
 * `login sw/eq "x"` become `filter_term=x`, which selects a superset (Box matches name OR login
 * prefixes, ignoring case), so the facade re-applies the filter. `__UID__ eq "id"` is a direct read.
 * An `and` uses its first translatable term. Anything else is null: the facade filters the full listing.
 */
export function translateBoxFilter(objectClass: string, filter: Filter): NativeQuery<BoxQuery> | null {
  if (objectClass !== ObjectClass.ACCOUNT && objectClass !== ObjectClass.GROUP) return null;
  if (filter.type === 'and') {
    for (const part of filter.filters) {
      const translated = translateBoxFilter(objectClass, part);
      if (translated) return { query: translated.query, exact: false };
    }
    return null;
  }
  if (filter.type !== 'eq' && filter.type !== 'sw') return null;
  const value = filter.value;
  if (typeof value !== 'string' || value === '') return null;
  if (filter.attribute === SpecialAttribute.UID && filter.type === 'eq') return { query: { kind: 'id', id: value }, exact: true };
  const prefixable = filter.attribute === SpecialAttribute.NAME || filter.attribute === 'name' || (objectClass === ObjectClass.ACCOUNT && filter.attribute === 'login');
  return prefixable ? { query: { kind: 'term', term: value }, exact: false } : null;
}
