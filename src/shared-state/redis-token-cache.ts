import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MemoryTokenCache } from './memory-token-cache.js';
import { sharedStateError } from './shared-state-error.js';
import type { FetchedToken, TokenCache } from './shared-state.js';

/** Longest one instance may hold the fetch lock (a token request is bounded by 30 s). */
const LOCK_TTL_MS = 35_000;
const POLL_MS = 25;

const DELETE_IF_EQUAL = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * A token cache shared by every replica: the first instance to miss takes a lock and fetches,
 * the others wait for its token, so one fetch serves all. A local copy spares a Redis round trip
 * per call, and local single flight keeps one poller per process.
 */
export class RedisTokenCache implements TokenCache {
  private readonly local = new MemoryTokenCache();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  get(fetch: () => Promise<FetchedToken>): Promise<string> {
    return this.local.get(() => this.shared(fetch));
  }

  async invalidate(value: string): Promise<void> {
    await this.local.invalidate(value);
    await redisCall(this.redis.eval(DELETE_IF_EQUAL, 1, this.key, value));
  }

  private async shared(fetch: () => Promise<FetchedToken>): Promise<FetchedToken> {
    const lockKey = `${this.key}:lock`;
    const started = Date.now();
    for (;;) {
      const [value, ttl] = await redisCall(Promise.all([this.redis.get(this.key), this.redis.pttl(this.key)]));
      if (value !== null && ttl > 0) return { value, ttlMs: ttl };
      const owner = randomUUID();
      if ((await redisCall(this.redis.set(lockKey, owner, 'PX', LOCK_TTL_MS, 'NX'))) === 'OK') {
        try {
          const token = await fetch();
          await redisCall(this.redis.set(this.key, token.value, 'PX', Math.max(1, token.ttlMs)));
          return token;
        } finally {
          await this.redis.eval(DELETE_IF_EQUAL, 1, lockKey, owner).catch(() => undefined); // expires anyway
        }
      }
      if (Date.now() - started > LOCK_TTL_MS) throw sharedStateError(new Error('another instance holds the token lock too long'));
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

/** Redis failures become 503s; the token endpoint's own errors pass through untouched. */
async function redisCall<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw sharedStateError(error);
  }
}
