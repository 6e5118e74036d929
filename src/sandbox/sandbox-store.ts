import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A lowdb document for one sandbox. Writes are debounced (a 100k-member team is tens of MB of
 * JSON, too much to rewrite per request) and flushed on `flush()`, which shutdown calls.
 * lowdb's JSONFile writes through a temp file + rename, so a crash never leaves half a file.
 * (Not JSONFilePreset: it silently swaps in an in-memory adapter when NODE_ENV=test.)
 */
export class SandboxStore<T extends object> {
  private readonly db: Low<T>;
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();

  private constructor(
    db: Low<T>,
    private readonly makeDefaults: () => T,
    private readonly debounceMs: number,
  ) {
    this.db = db;
  }

  /** Opens (or creates with `makeDefaults()`) the JSON file. */
  static async open<T extends object>(file: string, makeDefaults: () => T, debounceMs = 50): Promise<SandboxStore<T>> {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Low<T>(new JSONFile<T>(file), makeDefaults());
    await db.read();
    const store = new SandboxStore(db, makeDefaults, debounceMs);
    await store.flush();
    return store;
  }

  get data(): T {
    return this.db.data;
  }

  /** Marks the data changed; it is written within `debounceMs`. */
  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Writes now (serialized with any write under way). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.pending = this.pending.then(() => this.db.write());
    return this.pending;
  }

  /** Restores the example data and writes it. */
  async reset(): Promise<void> {
    this.db.data = this.makeDefaults();
    await this.flush();
  }
}
