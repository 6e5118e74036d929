import { ConnectorError, OperationTimeoutError } from '../../provisioner/connector-errors.js';
import type { OperationContext } from '../../provisioner/spi.js';
import { sleep } from '../shared/retry-policy.js';
import type { LaunchResult, PollResult } from './dropbox-wire.js';

/** How patiently an async job is polled. */
export interface JobPolling {
  /** Wait before the first poll; doubles after each `in_progress`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Give up after this long when the operation has no deadline of its own. */
  readonly maxWaitMs: number;
}

export const DEFAULT_JOB_POLLING: JobPolling = { initialDelayMs: 200, maxDelayMs: 2_000, maxWaitMs: 300_000 };

/**
 * Waits for a Dropbox asynchronous job (async.stone): a launch that answered `complete` is done;
 * an `async_job_id` is polled with growing pauses until `complete`. Stops with
 * OperationTimeoutError when the operation is cancelled or out of time, with ConnectorError when
 * Dropbox reports the job `failed`.
 * @returns the `complete` payload, if any.
 */
export async function awaitJob<T>(
  launch: LaunchResult<T>,
  poll: (asyncJobId: string) => Promise<PollResult<T>>,
  ctx: OperationContext,
  what: string,
  polling: JobPolling = DEFAULT_JOB_POLLING,
): Promise<T | undefined> {
  if (launch['.tag'] === 'complete') return launch.complete;
  if (launch['.tag'] !== 'async_job_id') throw new ConnectorError(`${what}: Dropbox answered an unknown launch result '${String((launch as { '.tag': unknown })['.tag'])}'`);
  const jobId = launch.async_job_id;
  const giveUpAt = ctx.deadline ?? Date.now() + polling.maxWaitMs;
  const timeout = (): OperationTimeoutError => new OperationTimeoutError(`${what}: Dropbox job ${jobId} was still in progress when the operation ran out of time`);
  let delay = polling.initialDelayMs;
  for (;;) {
    const remaining = giveUpAt - Date.now();
    if (remaining <= 0) throw timeout();
    // The last poll happens just before the deadline rather than not at all.
    await sleep(Math.min(delay, remaining), ctx.signal, timeout);
    const status = await poll(jobId);
    switch (status['.tag']) {
      case 'complete':
        return status.complete;
      case 'failed':
        throw new ConnectorError(`${what}: Dropbox job ${jobId} failed${status.failed ? `: ${status.failed}` : ''}`);
      case 'in_progress':
        delay = Math.min(polling.maxDelayMs, delay * 2);
        break;
      default:
        throw new ConnectorError(`${what}: Dropbox job ${jobId} answered an unknown status '${String((status as { '.tag': unknown })['.tag'])}'`);
    }
  }
}
