import { OperationTimeoutError } from '../../provisioner/connector-errors.js';

/**
 * A sliding-window limiter: at most `limit` grants in any `periodMs`. Callers wait FIFO for a
 * slot; a caller that would wait longer than its timeout fails with OperationTimeoutError.
 */
export class RateLimiter {
  private readonly grants: number[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    readonly periodMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits for a slot. `timeoutMs` < 0 waits without bound. */
  acquire(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const deadline = timeoutMs < 0 ? Infinity : this.now() + timeoutMs;
    const turn = this.tail.then(() => this.waitForSlot(deadline, signal));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(deadline: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      // Checked before granting: a caller that gave up (or queued past its deadline) must not use a slot.
      if (signal?.aborted) throw new OperationTimeoutError('Cancelled while waiting for a rate-limit slot');
      const now = this.now();
      if (now > deadline) throw new OperationTimeoutError('Timed out waiting for a rate-limit slot');
      while (this.grants.length > 0 && this.grants[0]! <= now - this.periodMs) this.grants.shift();
      if (this.grants.length < this.limit) {
        this.grants.push(now);
        return;
      }
      const freeAt = this.grants[0]! + this.periodMs;
      if (freeAt > deadline) throw new OperationTimeoutError('Timed out waiting for a rate-limit slot');
      await pause(Math.max(1, freeAt - now), signal);
    }
  }
}

/** Waits `ms`, ending early when `signal` aborts (so the queue behind a cancelled caller moves on). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
