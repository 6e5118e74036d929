import { RateLimiter } from '../../src/connectors/shared/rate-limit.js';
import { OperationTimeoutError } from '../../src/provisioner/connector-errors.js';

const settle = (p: Promise<void>): Promise<string> => p.then(() => 'granted', (e: Error) => (e instanceof OperationTimeoutError ? 'timeout' : e.message));

describe('the in-process sliding window', () => {
  test('when a waiting caller is cancelled, then it fails at once and leaves its slot to the next caller', async () => {
    const limiter = new RateLimiter(1, 300);
    await limiter.acquire(5_000);
    const cancelled = new AbortController();
    const started = Date.now();
    const first = settle(limiter.acquire(5_000, cancelled.signal));
    const second = limiter.acquire(5_000).then(() => Date.now() - started);
    setTimeout(() => cancelled.abort(), 50);
    expect(await first).toBe('timeout');
    // The second caller gets the slot that freed at 300 ms, not the one after it (600 ms).
    const waited = await second;
    expect(waited).toBeGreaterThanOrEqual(280);
    expect(waited).toBeLessThan(550);
  });

  test('when a caller queued past its timeout reaches a free slot, then it fails and the slot goes to the next caller', async () => {
    const limiter = new RateLimiter(2, 200);
    await limiter.acquire(5_000);
    await limiter.acquire(5_000);
    const started = Date.now();
    // Queued first, waits until 200 ms; then one of the two slots is still free.
    const patient = settle(limiter.acquire(5_000));
    // Its timeout (100 ms) has passed when its turn comes, though a slot is free then.
    const hasty = settle(limiter.acquire(100));
    const late = limiter.acquire(5_000).then(() => Date.now() - started);
    expect(await patient).toBe('granted');
    expect(await hasty).toBe('timeout');
    // The late caller takes the slot the hasty one left, in the same window (not at 400 ms).
    expect(await late).toBeLessThan(350);
  });
});
