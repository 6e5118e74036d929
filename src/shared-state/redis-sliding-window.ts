import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { OperationTimeoutError } from '../provisioner/connector-errors.js';
import { pause } from '../connectors/shared/rate-limit.js';
import { sharedStateError } from './shared-state-error.js';
import type { SlotLimiter } from './shared-state.js';

/**
 * Sliding-window log in one atomic script, timed by the Redis server's clock so replicas with
 * skewed clocks agree. Returns -1 when a slot was granted, else ms until the oldest grant expires.
 */
const ACQUIRE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local period = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - period)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], period)
  return -1
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + period - now)
`;

/** A rate-limit window every replica shares: at most `limit` grants in any `periodMs`. */
export class RedisSlidingWindow implements SlotLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly limit: number,
    private readonly periodMs: number,
  ) {}

  async acquire(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const deadline = timeoutMs < 0 ? Infinity : Date.now() + timeoutMs;
    for (;;) {
      // Checked before asking Redis: a caller that gave up must not take a slot from the others.
      if (signal?.aborted) throw new OperationTimeoutError('Cancelled while waiting for a rate-limit slot');
      let waitMs: number;
      try {
        waitMs = Number(await this.redis.eval(ACQUIRE_SCRIPT, 1, this.key, this.periodMs, this.limit, randomUUID()));
      } catch (error) {
        throw sharedStateError(error);
      }
      if (waitMs < 0) return;
      if (Date.now() + waitMs > deadline) throw new OperationTimeoutError('Timed out waiting for a rate-limit slot');
      // A little jitter so replicas waiting on the same slot do not all ask at the same instant.
      await pause(waitMs + Math.floor(Math.random() * 5), signal);
    }
  }
}
