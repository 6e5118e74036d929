import type { ScimRecord } from './scim-data.js';

interface Entry {
  readonly generation: number;
  readonly records: readonly ScimRecord[];
}

/**
 * The records matching recent filtered or sorted queries, valid while the directory's generation
 * stays the same: paging through a filter over 100k users scans once, not once per page.
 */
export class QueryCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 16) {}

  /** The cached result, or computes and remembers it. */
  get(key: string, generation: number, compute: () => readonly ScimRecord[]): readonly ScimRecord[] {
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation) return hit.records;
    const records = compute();
    this.entries.delete(key);
    this.entries.set(key, { generation, records });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return records;
  }
}
