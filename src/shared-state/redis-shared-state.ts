import { Redis } from 'ioredis';
import { RedisSlidingWindow } from './redis-sliding-window.js';
import { RedisTokenCache } from './redis-token-cache.js';
import type { SharedState, SlotLimiter, TokenCache } from './shared-state.js';

/** Limits and tokens in Redis, shared by every gateway started with the same IDM_REDIS_URL. */
export class RedisSharedState implements SharedState {
  readonly description: string;
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix = 'idm-gateway:') {
    // Fail fast instead of queueing: a caller waiting on a dead Redis should get a 503, not hang.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, disconnectTimeout: 200 });
    this.redis.on('error', () => undefined); // surfaced per call as ConnectorIOError; ioredis reconnects
    const parsed = new URL(url);
    this.description = `${parsed.protocol}//${parsed.host}`;
  }

  limiter(key: string, limit: number, periodMs: number): SlotLimiter {
    return new RedisSlidingWindow(this.redis, `${this.prefix}rl:${key}:${limit}:${periodMs}`, limit, periodMs);
  }

  tokenCache(key: string): TokenCache {
    return new RedisTokenCache(this.redis, `${this.prefix}tok:${key}`);
  }

  async close(): Promise<void> {
    if (this.redis.status !== 'ready') {
      this.redis.disconnect(); // quit() would wait for a connection that may never come
      return;
    }
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
