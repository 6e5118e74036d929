import type { BoxIdCounters } from './box-state.js';

/** Orders Box ids (decimal strings of varying length) numerically. */
export function compareBoxIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first id in the sorted array greater than `id` (binary search). */
export function upperBound(sortedIds: readonly string[], id: string): number {
  let lo = 0;
  let hi = sortedIds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBoxIds(sortedIds[mid]!, id) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts `id` into the sorted array, keeping it sorted. */
export function insertSorted(sortedIds: string[], id: string): void {
  sortedIds.splice(upperBound(sortedIds, id), 0, id);
}

/** Removes `id` from the sorted array if present. */
export function removeSorted(sortedIds: string[], id: string): void {
  const index = upperBound(sortedIds, id) - 1;
  if (index >= 0 && sortedIds[index] === id) sortedIds.splice(index, 1);
}

type IdKind = 'user' | 'group' | 'membership';

/** Box ids grow by irregular steps; a deterministic one keeps runs reproducible. */
function step(counters: BoxIdCounters): number {
  counters.allocations += 1;
  return 1_000 + ((counters.allocations * 7_919) % 97_003);
}

/** Allocates the next id of a kind, skipping ids `taken` reports as used. */
export function allocateBoxId(counters: BoxIdCounters, kind: IdKind, taken: (id: string) => boolean): string {
  const queue = kind === 'user' ? counters.queuedUserIds : kind === 'group' ? counters.queuedGroupIds : [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (!taken(id)) return id;
  }
  for (;;) {
    let id: string;
    if (kind === 'user') id = String((counters.lastUserId += step(counters)));
    else if (kind === 'group') id = String((counters.lastGroupId += step(counters)));
    else id = String((counters.lastMembershipId += step(counters)));
    if (!taken(id)) return id;
  }
}
