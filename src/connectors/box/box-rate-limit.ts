/** A client-side request budget: at most `requests` calls in any `periodMs`. */
export interface BoxRateLimit {
  readonly requests: number;
  readonly periodMs: number;
}

const UNITS: Readonly<Record<string, number>> = {
  ms: 1, msec: 1, s: 1000, sec: 1000, second: 1000, m: 60_000, min: 60_000, minute: 60_000, h: 3_600_000, hour: 3_600_000,
};

/** Box's documented budget for general API calls (1000 per minute per user). */
export const BOX_DEFAULT_RATE_LIMIT = '1000/min';

/**
 * Parses the seed's `rateLimit` notation: `<count>/<unit>` as in `1000/min`, `997/min`, `600/sec`
 * (also `hour`, `ms`, and plurals). @returns the budget, or a message naming what is wrong.
 */
export function parseRateLimit(text: string): BoxRateLimit | string {
  const match = /^\s*(\d{1,9})\s*\/\s*([a-z]+?)s?\s*$/i.exec(text);
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    return `rateLimit must look like 1000/min, 997/min or 600/sec (a count, "/", and sec, min or hour); got "${text}"`;
  }
  const requests = Number(match[1]);
  if (requests < 1) return `rateLimit must allow at least 1 request; got "${text}"`;
  return { requests, periodMs: unit };
}
