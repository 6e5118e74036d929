import { realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { ConnectorIOError } from '../../provisioner/connector-errors.js';

/** A lock older than this is taken over: its holder died mid-write (it refreshes the lock every STALE_MS / 2). */
const STALE_MS = 10_000;

/**
 * Runs `fn` holding the file's lock across processes: gateway replicas sharing one data volume
 * must not interleave their read-modify-rename, or one replica's write replaces the other's.
 * The lock is the directory `<csvFile>.lock` (proper-lockfile: mkdir is atomic, also on network
 * file systems), named after the real path so every alias of the file takes the same lock.
 */
export async function withProcessLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const real = join(await realpath(dirname(file)).catch(() => dirname(file)), basename(file));
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(real, {
      realpath: false,
      lockfilePath: `${real}.lock`,
      stale: STALE_MS,
      // Writes hold the lock for milliseconds: poll briefly, give up after about a stale period.
      retries: { retries: 500, factor: 1, minTimeout: 5, maxTimeout: 20, randomize: true },
      // The write itself is still one atomic rename; losing the lock's freshness must not crash the gateway.
      onCompromised: () => undefined,
    });
  } catch (error) {
    throw new ConnectorIOError(`The CSV file ${basename(file)} stayed locked by another writer: ${(error as Error).message}`, { cause: error });
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
