import { PartialWriteError } from '../../provisioner/connector-errors.js';

/** One backend call of a write that takes several, with the call that takes it back. */
export interface WriteStep {
  /** What the step changes, as the caller is told when it stays applied (e.g. "Dropbox team/members/set_profile_v2 (given_name)"). */
  readonly what: string;
  readonly run: () => Promise<void>;
  /** Restores what `run` changed. */
  readonly undo: () => Promise<void>;
}

/**
 * Runs a write as phases of steps: the phases one after the other, the steps of a phase up to
 * `concurrency` at a time. When a step fails, the steps that succeeded are taken back, newest
 * first, and the step's error is thrown: the resource is as it was. If taking back fails too,
 * the error is a PartialWriteError naming what stayed applied.
 */
export async function runWriteSteps(phases: readonly (readonly WriteStep[])[], concurrency = 1): Promise<void> {
  const done: WriteStep[] = [];
  for (const phase of phases) {
    for (let i = 0; i < phase.length; i += Math.max(1, concurrency)) {
      const wave = phase.slice(i, i + Math.max(1, concurrency));
      const results = await Promise.allSettled(wave.map((step) => step.run()));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      results.forEach((r, j) => {
        if (r.status === 'fulfilled') done.push(wave[j]!);
      });
      if (failed) await takeBack(done, failed.reason);
    }
  }
}

/** Undoes `done` newest first, then throws `failure` (or a PartialWriteError when something stayed applied). */
async function takeBack(done: readonly WriteStep[], failure: unknown): Promise<never> {
  const stuck: string[] = [];
  let undoFailure: unknown;
  for (const step of [...done].reverse()) {
    try {
      await step.undo();
    } catch (error) {
      stuck.unshift(step.what);
      undoFailure ??= error;
    }
  }
  if (stuck.length === 0) throw failure;
  throw new PartialWriteError(failure, stuck, undoFailure);
}
