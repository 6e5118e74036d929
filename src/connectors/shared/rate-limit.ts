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
      const now = this.now();
      while (this.grants.length > 0 && this.grants[0]! <= now - this.periodMs) this.grants.shift();
      if (this.grants.length < this.limit) {
        this.grants.push(now);
        return;
      }
      const freeAt = this.grants[0]! + this.periodMs;
      if (freeAt > deadline) throw new OperationTimeoutError('Timed out waiting for a rate-limit slot');
      if (signal?.aborted) throw new OperationTimeoutError('Cancelled while waiting for a rate-limit slot');
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, freeAt - now)));
    }
  }
}
