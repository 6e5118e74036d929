/**
 * State that several gateway replicas must share to respect a vendor's limits: rate-limit
 * windows and OAuth access tokens. In memory by default; Redis when IDM_REDIS_URL is set.
 */
export interface SharedState {
  /** Where the state lives, for start-up logs ("memory" or "redis://host:port"). */
  readonly description: string;
  /** At most `limit` grants in any `periodMs`, counted across every instance using `key`. */
  limiter(key: string, limit: number, periodMs: number): SlotLimiter;
  /** The cache of one set of OAuth credentials, identified by `key` (a hash, never the secret). */
  tokenCache(key: string): TokenCache;
  /** Closes connections (shutdown). */
  close(): Promise<void>;
}

/** A rate-limit window callers wait on. */
export interface SlotLimiter {
  /**
   * Resolves when the caller may proceed. `timeoutMs` < 0 waits without bound; otherwise rejects
   * with OperationTimeoutError when no slot frees in time or `signal` aborts.
   */
  acquire(timeoutMs: number, signal?: AbortSignal): Promise<void>;
}

/** A token as the token endpoint issued it. */
export interface FetchedToken {
  readonly value: string;
  /** How long it may be used from now, renewal margin already taken off. */
  readonly ttlMs: number;
}

/** Access tokens of one client, fetched once for every caller (and every instance). */
export interface TokenCache {
  /** A usable token: the cached one, or the result of `fetch` run once for all concurrent callers. */
  get(fetch: () => Promise<FetchedToken>): Promise<string>;
  /** Drops `value` if it is still the cached token (the API refused it). */
  invalidate(value: string): Promise<void>;
}
