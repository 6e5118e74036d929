import { MemoryTokenCache } from '../../src/shared-state/memory-token-cache.js';
import { RedisSharedState } from '../../src/shared-state/redis-shared-state.js';
import type { FetchedToken } from '../../src/shared-state/shared-state.js';
import { startRedis, type RedisProcess } from '../support/redis-server.js';

let redis: RedisProcess;
const states: RedisSharedState[] = [];
const connect = (): RedisSharedState => {
  const state = new RedisSharedState(redis.url, `test-${process.pid}:`);
  states.push(state);
  return state;
};

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(states.map((s) => s.close()));
  await redis.stop();
});

const later = <T,>(value: T, ms: number): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe('shared rate limits (two instances on one Redis)', () => {
  test('when two instances hammer one window, then no period ever holds more grants than the limit', async () => {
    const [a, b] = [connect().limiter('sys:SEARCH', 5, 400), connect().limiter('sys:SEARCH', 5, 400)];
    const grants: number[] = [];
    const acquire = async (limiter: typeof a): Promise<void> => {
      await limiter.acquire(10_000);
      grants.push(Date.now());
    };
    await Promise.all(Array.from({ length: 16 }, (_, i) => acquire(i % 2 === 0 ? a : b)));
    grants.sort((x, y) => x - y);
    expect(grants).toHaveLength(16);
    for (const start of grants) {
      // Grants are stamped here after the await: 60 ms of slack for Redis's clock and a busy event loop.
      expect(grants.filter((t) => t >= start && t < start + 340).length).toBeLessThanOrEqual(5);
    }
    // 16 grants at 5 per 400 ms cannot finish before three full periods.
    expect(grants.at(-1)! - grants[0]!).toBeGreaterThanOrEqual(1150);
  });

  test('when no slot frees within the timeout, then the caller fails with a timeout at once', async () => {
    const limiter = connect().limiter('sys:CREATE', 1, 60_000);
    await limiter.acquire(1000);
    const started = Date.now();
    await expect(limiter.acquire(500)).rejects.toMatchObject({ name: 'OperationTimeoutError' });
    expect(Date.now() - started).toBeLessThan(400);
  });

  test('when a waiting caller is cancelled, then it stops waiting at once and takes no slot from the next one', async () => {
    const [a, b] = [connect().limiter('sys:GET', 1, 400), connect().limiter('sys:GET', 1, 400)];
    await a.acquire(1000);
    const started = Date.now();
    const cancelled = new AbortController();
    setTimeout(() => cancelled.abort(), 50);
    await expect(a.acquire(5_000, cancelled.signal)).rejects.toMatchObject({ name: 'OperationTimeoutError' });
    expect(Date.now() - started).toBeLessThan(350);
    // The slot freeing at 400 ms is the other replica's, not the cancelled caller's (else 800 ms).
    await b.acquire(5_000);
    expect(Date.now() - started).toBeLessThan(750);
  });
});

describe('shared token cache', () => {
  test('when two instances need a token at once, then one fetch serves both', async () => {
    let fetches = 0;
    const fetch = async (): Promise<FetchedToken> => later({ value: `tok-${++fetches}`, ttlMs: 60_000 }, 100);
    const [a, b] = [connect().tokenCache('client-1'), connect().tokenCache('client-1')];
    const tokens = await Promise.all([a.get(fetch), b.get(fetch), a.get(fetch), b.get(fetch)]);
    expect(tokens).toEqual(['tok-1', 'tok-1', 'tok-1', 'tok-1']);
    expect(fetches).toBe(1);
  });

  test('when one instance invalidates the refused token, then the next get fetches a new one everywhere', async () => {
    let fetches = 0;
    const fetch = async (): Promise<FetchedToken> => ({ value: `t-${++fetches}`, ttlMs: 60_000 });
    const [a, b] = [connect().tokenCache('client-2'), connect().tokenCache('client-2')];
    expect(await a.get(fetch)).toBe('t-1');
    await a.invalidate('t-1');
    expect(await b.get(fetch)).toBe('t-2');
    // A stale invalidation (of a token already replaced) must not drop the new one.
    await b.invalidate('t-1');
    expect(await connect().tokenCache('client-2').get(fetch)).toBe('t-2');
  });

  test('when the token endpoint fails, then its error reaches the caller and the lock is released', async () => {
    const cache = connect().tokenCache('client-3');
    const refused = Object.assign(new Error('invalid_grant'), { name: 'ConfigurationError' });
    await expect(cache.get(() => Promise.reject(refused))).rejects.toBe(refused);
    expect(await cache.get(async () => ({ value: 'ok', ttlMs: 1000 }))).toBe('ok');
  });

  test('when Redis is unreachable, then callers get an I/O error naming Redis, not the URL', async () => {
    const dead = new RedisSharedState('redis://:hunter2@127.0.0.1:1/0');
    states.push(dead);
    const failure = await dead.limiter('x', 1, 1000).acquire(2000).catch((error: Error) => error);
    expect(failure).toMatchObject({ name: 'ConnectorIOError' });
    expect((failure as Error).message).toContain('Redis');
    expect((failure as Error).message).not.toContain('hunter2');
    expect(dead.description).not.toContain('hunter2');
  });
});

describe('memory token cache', () => {
  test('when the token expires, then it is fetched again; before, never', async () => {
    let now = 0;
    let fetches = 0;
    const cache = new MemoryTokenCache(() => now);
    const fetch = async (): Promise<FetchedToken> => ({ value: `m-${++fetches}`, ttlMs: 1000 });
    expect(await Promise.all([cache.get(fetch), cache.get(fetch)])).toEqual(['m-1', 'm-1']);
    now = 999;
    expect(await cache.get(fetch)).toBe('m-1');
    now = 1000;
    expect(await cache.get(fetch)).toBe('m-2');
  });
});
