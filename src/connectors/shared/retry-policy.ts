/** How often and how patiently a backend call is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  readonly maxRetries: number;
  /** First backoff step; doubles each attempt. */
  readonly baseDelayMs: number;
  /** Cap of one backoff step. */
  readonly maxDelayMs: number;
  /** Longest Retry-After honoured when the operation has no timeout of its own. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 5_000, maxRetryAfterMs: 60_000 };

/** "Full jitter" backoff: spreads the retries of many callers instead of synchronising them. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

/** Whether waiting `delayMs` still leaves time for another try before the operation's deadline. */
export function fitsDeadline(policy: RetryPolicy, delayMs: number, now: number, deadline: number | undefined): boolean {
  if (deadline === undefined) return delayMs <= policy.maxRetryAfterMs;
  // Keep a little room for the retried call itself.
  return now + delayMs + Math.min(1000, (deadline - now) / 10) < deadline;
}

/** Waits `ms`, or rejects with `onAbort()` as soon as the signal fires. */
export function sleep(ms: number, signal: AbortSignal, onAbort: () => Error): Promise<void> {
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = (): void => {
      clearTimeout(timer);
      reject(onAbort());
    };
    signal.addEventListener('abort', abort, { once: true });
  });
}
