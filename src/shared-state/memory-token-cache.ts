import type { FetchedToken, TokenCache } from './shared-state.js';

/** The in-process token cache: one fetch in flight at a time, token kept until its ttl. */
export class MemoryTokenCache implements TokenCache {
  private cached: { value: string; until: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  get(fetch: () => Promise<FetchedToken>): Promise<string> {
    if (this.cached && this.now() < this.cached.until) return Promise.resolve(this.cached.value);
    this.pending ??= fetch()
      .then((token) => {
        this.cached = { value: token.value, until: this.now() + token.ttlMs };
        return token.value;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  invalidate(value: string): Promise<void> {
    if (this.cached?.value === value) this.cached = undefined;
    return Promise.resolve();
  }
}
