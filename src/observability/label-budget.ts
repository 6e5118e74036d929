/** The label value that stands for every value past a budget. */
export const OTHER = 'other';

/**
 * Keeps a label's distinct values bounded: the first `limit` values pass, later new ones become
 * `other`, so no caller (or attacker) can grow the metric series without end.
 */
export class LabelBudget {
  private readonly seen = new Set<string>();

  constructor(private readonly limit: number, private readonly maxLength = 100) {}

  /** The value to use as the label. */
  value(raw: string): string {
    if (raw.length > this.maxLength) return OTHER;
    if (this.seen.has(raw)) return raw;
    if (this.seen.size >= this.limit) return OTHER;
    this.seen.add(raw);
    return raw;
  }
}
