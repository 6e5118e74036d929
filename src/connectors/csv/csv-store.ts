import { resolve } from 'node:path';
import { OperationTimeoutError } from '../../provisioner/connector-errors.js';
import { formatCsvRecord, sameStamp, type CsvFile, type FileStamp } from './csv-file.js';
import { withProcessLock } from './csv-process-lock.js';
import { CsvTable, type CsvTableEditor, type CsvTableOptions } from './csv-table.js';

/** A queued write: runs against the batch's editor, then settles once the batch is on disk. */
interface Job {
  /** Aborted = the caller gave up: the change is skipped if it has not been applied yet. */
  readonly signal: AbortSignal | undefined;
  run(editor: CsvTableEditor): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Writers of one file in this process, across all stores (two systems or a reconfiguration may share a file). */
const fileLocks = new Map<string, Promise<void>>();

async function withFileLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = fileLocks.get(key) ?? Promise.resolve();
  let release!: () => void;
  const held = new Promise<void>((r) => {
    release = r;
  });
  const tail = previous.then(() => held);
  fileLocks.set(key, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (fileLocks.get(key) === tail) fileLocks.delete(key);
  }
}

/**
 * The connector's view of its file: a parsed, indexed snapshot that is re-read only when the
 * file's stamp (inode, size, mtime, ctime) changes, and ONE write queue per file. Writes queued
 * while another batch is on disk are applied together and written once (group commit); each
 * caller's promise settles only after the rename that makes its change durable.
 */
/** How long a confirmed cache is trusted before the file is stat'ed again. */
export const RECHECK_MS = 100;

export class CsvStore {
  private cache: { readonly table: CsvTable; readonly stamp: FileStamp | null; readonly seq: number } | null = null;
  private seq = 0;
  private loading: Promise<CsvTable> | null = null;
  private pending: Job[] = [];
  private draining = false;
  /** When the cached table was last confirmed against the file's stamp. */
  private checkedAt = 0;

  constructor(
    private readonly file: CsvFile,
    private readonly options: CsvTableOptions,
  ) {}

  /**
   * The current table; parses the file only when it changed since the last read. Outside edits
   * are noticed within RECHECK_MS: a stat per request cost ~8 % of a GET (profiled); the
   * gateway's own writes update the cache directly and writes always re-check under the lock.
   */
  async snapshot(options: { readonly fresh?: boolean } = {}): Promise<CsvTable> {
    const cached = this.cache;
    if (!options.fresh && cached?.stamp && Date.now() - this.checkedAt < RECHECK_MS) return cached.table;
    const stamp = await this.file.stamp();
    if (cached?.stamp && sameStamp(cached.stamp, stamp)) {
      this.checkedAt = Date.now();
      return cached.table;
    }
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /**
   * Queues a change. `change` runs against the latest table (re-read under the file lock when it
   * changed on disk) and must either apply its edits or throw before editing; its result is
   * returned once the file has been replaced. When `signal` aborts before the change is applied,
   * the change is dropped and the promise rejects with OperationTimeoutError.
   */
  mutate<T>(change: (editor: CsvTableEditor) => T, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolvePromise, rejectPromise) => {
      this.pending.push({ signal, run: change, resolve: (v) => resolvePromise(v as T), reject: rejectPromise });
      if (!this.draining) void this.drain();
    });
  }

  /** Runs `fn` holding the locks writers hold, so no write of this process or another lands meanwhile. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return withFileLock(resolve(this.file.path), () => withProcessLock(this.file.path, fn));
  }

  /** Drops the cache (the file is re-read on next use). */
  clear(): void {
    this.cache = null;
    this.checkedAt = 0;
  }

  private async load(): Promise<CsvTable> {
    const seq = ++this.seq;
    const contents = await this.file.read();
    const table = CsvTable.fromRecords(contents.records, this.options, this.file.path, contents.bom);
    this.install(table, contents.stamp, seq);
    return table;
  }

  private install(table: CsvTable, stamp: FileStamp | null, seq: number): void {
    if (this.cache && this.cache.seq > seq) return;
    this.cache = { table, stamp, seq };
    this.checkedAt = Date.now();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        await withFileLock(resolve(this.file.path), async () => {
          const batch = this.pending;
          this.pending = [];
          try {
            await withProcessLock(this.file.path, () => this.runBatch(batch));
          } catch (error) {
            // The lock could not be had (runBatch settles every job itself); never leave a caller hanging.
            for (const job of batch) job.reject(error);
          }
        });
      }
    } finally {
      this.draining = false;
    }
  }

  private async runBatch(batch: readonly Job[]): Promise<void> {
    let base: CsvTable;
    try {
      // Under the lock, always start from what is on disk now (another store may just have written).
      const stamp = await this.file.stamp();
      const cached = this.cache;
      base = cached?.stamp && sameStamp(cached.stamp, stamp) ? cached.table : await this.load();
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    const editor = base.edit();
    const outcomes = batch.map((job) => {
      try {
        if (job.signal?.aborted) throw abortError(job.signal);
        return { job, ok: true as const, value: job.run(editor) };
      } catch (error) {
        return { job, ok: false as const, error };
      }
    });
    if (editor.changed) {
      const next = editor.build();
      try {
        const stamp = await this.file.write(this.serialize(next));
        this.install(next, stamp, ++this.seq);
      } catch (error) {
        for (const o of outcomes) o.job.reject(o.ok ? error : o.error);
        return;
      }
    }
    for (const o of outcomes) {
      if (o.ok) o.job.resolve(o.value);
      else o.job.reject(o.error);
    }
  }

  private serialize(table: CsvTable): string {
    const dialect = this.file.dialect;
    const lines: string[] = [formatCsvRecord(table.columns.map((c) => c.header), dialect)];
    for (const row of table.rows) {
      row.line ??= formatCsvRecord(row.values, dialect);
      lines.push(row.line);
    }
    return (table.bom ? '\ufeff' : '') + lines.join(dialect.newline) + dialect.newline;
  }
}

function abortError(signal: AbortSignal): OperationTimeoutError {
  const reason: unknown = signal.reason;
  return reason instanceof OperationTimeoutError ? reason : new OperationTimeoutError('The operation was aborted before it was applied');
}
