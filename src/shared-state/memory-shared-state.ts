import { RateLimiter } from '../connectors/shared/rate-limit.js';
import { MemoryTokenCache } from './memory-token-cache.js';
import type { SharedState, SlotLimiter, TokenCache } from './shared-state.js';

/** Limits and tokens of this process only: right for one instance, the default. */
export class MemorySharedState implements SharedState {
  readonly description = 'memory';
  private readonly limiters = new Map<string, SlotLimiter>();
  private readonly caches = new Map<string, TokenCache>();

  limiter(key: string, limit: number, periodMs: number): SlotLimiter {
    const id = `${key}|${limit}|${periodMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiter(limit, periodMs);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  tokenCache(key: string): TokenCache {
    let cache = this.caches.get(key);
    if (!cache) {
      cache = new MemoryTokenCache();
      this.caches.set(key, cache);
    }
    return cache;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
