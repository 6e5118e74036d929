import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

/** The errno code on a file-system error, if any. */
export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Copies of a file named `<file><infix>.<13-digit epoch ms>`, newest by name: the CSV connector's
 * write versions (infix '') and its sync snapshots (infix '.sync'), which never match each other.
 */
export class StampedCopies {
  private last = 0;
  private readonly pattern: RegExp;

  constructor(
    private readonly file: string,
    private readonly infix: string,
  ) {
    const escaped = `${basename(file)}${infix}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.pattern = new RegExp(`^${escaped}\\.(\\d{13})$`);
  }

  /** The copy of a stamp. */
  pathOf(stamp: number): string {
    return `${this.file}${this.infix}.${String(stamp).padStart(13, '0')}`;
  }

  /**
   * Makes a copy with `create(target)` under a new stamp (epoch ms, strictly increasing); a name
   * taken meanwhile (another replica, EEXIST) moves on to the next ms. Other errors are thrown.
   * @returns the stamp.
   */
  async take(create: (target: string) => Promise<void>): Promise<number> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stamp = Math.max(Date.now(), this.last + 1);
      this.last = stamp;
      try {
        await create(this.pathOf(stamp));
        return stamp;
      } catch (error) {
        if (errnoCode(error) !== 'EEXIST') throw error;
      }
    }
    throw new Error(`No free copy name for ${this.file}`);
  }

  /** Stamps of the kept copies, oldest first. */
  async stamps(): Promise<number[]> {
    const names = await readdir(dirname(this.file));
    return names.flatMap((n) => {
      const m = this.pattern.exec(n);
      return m ? [Number(m[1])] : [];
    }).sort((a, b) => a - b);
  }

  /** Paths of the kept copies, oldest first. */
  async paths(): Promise<string[]> {
    return (await this.stamps()).map((s) => this.pathOf(s));
  }

  /** Removes all but the newest `keep` copies. */
  async prune(keep: number): Promise<void> {
    const stamps = await this.stamps();
    for (const old of stamps.slice(0, Math.max(0, stamps.length - keep))) {
      await unlink(this.pathOf(old)).catch(() => undefined);
    }
  }
}
