import { constants as fsConstants } from 'node:fs';
import { copyFile, readdir, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { ConnectorError, ConnectorIOError } from '../../provisioner/connector-errors.js';

/**
 * The sync snapshots of a CSV file: `<csvFile>.sync.<13-digit epoch ms>`, one per sync token.
 * Named apart from the write versions (`<csvFile>.<ms>`, csv-file.ts) so that pruning either
 * kind never deletes the other; `retention` (syncFileRetentionCount, at least 1: the latest
 * token's snapshot must survive) snapshots are kept, oldest removed first.
 */
export class CsvSyncSnapshots {
  private last = 0;

  constructor(
    private readonly csvFile: string,
    private readonly retention: number,
  ) {}

  /** The snapshot file of a token. */
  pathOf(token: number): string {
    return `${this.csvFile}.sync.${String(token).padStart(13, '0')}`;
  }

  /**
   * Keeps the file as it is now and prunes old snapshots. A copy, not a hard link: an editor that
   * rewrites the file in place would change a linked snapshot too, and its changes would be lost.
   * Call it under the file's locks. @returns the new token (epoch ms, strictly increasing).
   */
  async take(): Promise<number> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const token = Math.max(Date.now(), this.last + 1);
      this.last = token;
      const target = this.pathOf(token);
      try {
        await copyFile(this.csvFile, target, fsConstants.COPYFILE_EXCL);
        await this.prune();
        return token;
      } catch (error) {
        if (codeOf(error) === 'EEXIST') continue; // another replica took this ms: take the next one
        if (codeOf(error) === 'ENOENT') throw new ConnectorError(`CSV file ${this.csvFile} does not exist`, { cause: error });
        throw new ConnectorIOError(`The sync snapshot of ${this.csvFile} cannot be written: ${(error as Error).message}`, { cause: error });
      }
    }
    throw new ConnectorIOError(`No free sync snapshot name for ${this.csvFile}`);
  }

  /** Tokens of the kept snapshots, oldest first. */
  async tokens(): Promise<number[]> {
    const pattern = new RegExp(`^${escapeRegExp(basename(this.csvFile))}\\.sync\\.(\\d{13})$`);
    const names = await readdir(dirname(this.csvFile)).catch(() => []);
    return names.flatMap((n) => {
      const m = pattern.exec(n);
      return m ? [Number(m[1])] : [];
    }).sort((a, b) => a - b);
  }

  private async prune(): Promise<void> {
    const tokens = await this.tokens();
    for (const old of tokens.slice(0, Math.max(0, tokens.length - Math.max(1, this.retention)))) {
      await unlink(this.pathOf(old)).catch(() => undefined);
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
