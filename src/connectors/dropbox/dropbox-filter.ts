import type { Filter } from '../../provisioner/filter.js';
import { ObjectClass, SpecialAttribute } from '../../provisioner/objects.js';
import type { NativeQuery } from '../../provisioner/spi.js';

/** What Dropbox can look objects up by: get_info_v2 selectors, groups/get_info selectors. */
export type LookupKey = 'team_member_id' | 'email' | 'group_id' | 'group_external_id';

/** One direct lookup. */
export interface DropboxLookup {
  readonly key: LookupKey;
  readonly value: string;
}

/** A native query: the union of direct lookups (Dropbox has no search over members or groups). */
export interface DropboxQuery {
  readonly lookups: readonly DropboxLookup[];
}

/** Bound of one batch of lookups; a wider `or` is filtered over the full listing instead. */
export const MAX_LOOKUPS = 100;

/**
 * Attributes Dropbox looks up directly, per object class, and whether the lookup is exact.
 * E-mails and external ids are matched case-insensitively by Dropbox, so the facade re-applies
 * the filter to what comes back (cheap: a handful of objects).
 */
const LOOKUPS: Readonly<Record<string, Readonly<Record<string, readonly [LookupKey, boolean]>>>> = {
  [ObjectClass.ACCOUNT]: {
    [SpecialAttribute.UID]: ['team_member_id', true],
    team_member_id: ['team_member_id', true],
    email: ['email', false],
    [SpecialAttribute.NAME]: ['email', false],
  },
  [ObjectClass.GROUP]: {
    [SpecialAttribute.UID]: ['group_id', true],
    group_id: ['group_id', true],
    group_external_id: ['group_external_id', false],
  },
};

/**
 * Translates what Dropbox can answer directly: `eq` on an id or e-mail (members), on an id or
 * external id (groups), an `or` of those, and an `and` with one such term (the rest filtered by
 * the facade). Anything else is null: the facade walks the full listing and filters in memory.
 */
export function translateDropboxFilter(objectClass: string, filter: Filter): NativeQuery<DropboxQuery> | null {
  const keys = LOOKUPS[objectClass];
  if (!keys) return null;
  const translated = translate(keys, filter);
  if (!translated || translated.lookups.length > MAX_LOOKUPS) return null;
  return { query: { lookups: dedupe(translated.lookups) }, exact: translated.exact };
}

type Translated = { lookups: DropboxLookup[]; exact: boolean } | null;

function translate(keys: Readonly<Record<string, readonly [LookupKey, boolean]>>, filter: Filter): Translated {
  switch (filter.type) {
    case 'eq': {
      const lookup = keys[filter.attribute];
      if (!lookup || typeof filter.value !== 'string' || filter.value === '') return null;
      return { lookups: [{ key: lookup[0], value: filter.value }], exact: lookup[1] };
    }
    case 'or': {
      const parts = filter.filters.map((f) => translate(keys, f));
      if (parts.some((p) => p === null)) return null;
      return { lookups: parts.flatMap((p) => p!.lookups), exact: parts.every((p) => p!.exact) };
    }
    case 'and': {
      // One narrowing term is enough: the facade applies the whole filter to its few results.
      const parts = filter.filters.map((f) => translate(keys, f)).filter((p): p is NonNullable<Translated> => p !== null);
      if (parts.length === 0) return null;
      const narrowest = parts.reduce((a, b) => (b.lookups.length < a.lookups.length ? b : a));
      return { lookups: narrowest.lookups, exact: false };
    }
    default:
      return null;
  }
}

function dedupe(lookups: readonly DropboxLookup[]): DropboxLookup[] {
  const seen = new Set<string>();
  return lookups.filter((l) => {
    const key = `${l.key}\u0000${l.key === 'email' ? l.value.toLowerCase() : l.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
