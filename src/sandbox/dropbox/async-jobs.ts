import { asyncJobId } from './dropbox-ids.js';
import type { Json } from './dropbox-views.js';

/** Which launch route a job belongs to; a job id polled on another route is invalid. */
export type JobKind = 'members/add' | 'members/remove' | 'groups/delete';

interface Job {
  kind: JobKind;
  startedAt: number;
  polls: number;
  /** The `complete` payload (add: the per-member results); absent for empty results. */
  result?: Json;
}

const MAX_JOBS = 10_000;

export type PollOutcome = { done: false } | { done: true; result?: Json };

/**
 * Asynchronous jobs (async.stone): the work is applied at launch, and polling reports
 * `in_progress` once, then `complete` — or `complete` at once when polled after `settleMs`.
 * Realistic enough to exercise polling, fast enough for tests. Jobs live in memory, like
 * Dropbox's, which expire.
 */
export class AsyncJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly settleMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  launch(kind: JobKind, result?: Json): string {
    // Dropbox's job ids expire; keep the most recent ones only.
    if (this.jobs.size >= MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
    const id = asyncJobId();
    const job: Job = { kind, startedAt: this.now(), polls: 0 };
    if (result !== undefined) job.result = result;
    this.jobs.set(id, job);
    return id;
  }

  /** `undefined` for an unknown id (PollError.invalid_async_job_id). */
  poll(id: string, kind: JobKind): PollOutcome | undefined {
    const job = this.jobs.get(id);
    if (!job || job.kind !== kind) return undefined;
    job.polls++;
    if (job.polls === 1 && this.now() - job.startedAt < this.settleMs) return { done: false };
    return job.result === undefined ? { done: true } : { done: true, result: job.result };
  }

  clear(): void {
    this.jobs.clear();
  }
}
