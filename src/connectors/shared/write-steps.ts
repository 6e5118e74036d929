import { PartialWriteError } from '../../provisioner/connector-errors.js';
import type { OperationContext } from '../../provisioner/spi.js';

/** How long taking a write back may take: the operation's own signal may be spent already (its timeout, a caller gone). */
const UNDO_BUDGET_MS = 10_000;

/** One backend call of a write that takes several, with the call that takes it back. */
export interface WriteStep {
  /** What the step changes, as the caller is told when it stays applied (e.g. "Dropbox team/members/set_profile_v2 (given_name)"). */
  readonly what: string;
  readonly run: () => Promise<void>;
  /** Restores what `run` changed; `ctx` is a fresh context with its own time budget. */
  readonly undo: (ctx: OperationContext) => Promise<void>;
}

/**
 * Runs a write as phases of steps: the phases one after the other, the steps of a phase up to
 * `concurrency` at a time. When a step fails, the steps that succeeded are taken back, newest
 * first, and the step's error is thrown: the resource is as it was. If taking back fails too,
 * the error is a PartialWriteError naming what stayed applied. The undo runs even when `ctx`
 * was aborted (a timeout), within its own budget.
 */
export async function runWriteSteps(phases: readonly (readonly WriteStep[])[], ctx: OperationContext, concurrency = 1): Promise<void> {
  const done: WriteStep[] = [];
  for (const phase of phases) {
    for (let i = 0; i < phase.length; i += Math.max(1, concurrency)) {
      const wave = phase.slice(i, i + Math.max(1, concurrency));
      const results = await Promise.allSettled(wave.map((step) => step.run()));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      results.forEach((r, j) => {
        if (r.status === 'fulfilled') done.push(wave[j]!);
      });
      if (failed) await takeBack(done, failed.reason, ctx);
    }
  }
}

/** Undoes `done` newest first, then throws `failure` (or a PartialWriteError when something stayed applied). */
async function takeBack(done: readonly WriteStep[], failure: unknown, ctx: OperationContext): Promise<never> {
  // A write cut by its timeout is still taken back: the undo gets its own signal and deadline.
  const undoCtx: OperationContext = { ...ctx, signal: AbortSignal.timeout(UNDO_BUDGET_MS), deadline: Date.now() + UNDO_BUDGET_MS };
  const stuck: string[] = [];
  let undoFailure: unknown;
  for (const step of [...done].reverse()) {
    try {
      await step.undo(undoCtx);
    } catch (error) {
      stuck.unshift(step.what);
      undoFailure ??= error;
    }
  }
  if (stuck.length === 0) throw failure;
  throw new PartialWriteError(failure, stuck, undoFailure);
}
