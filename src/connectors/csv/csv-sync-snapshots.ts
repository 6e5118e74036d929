import { constants as fsConstants } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { ConnectorError, ConnectorIOError } from '../../provisioner/connector-errors.js';
import { errnoCode, StampedCopies } from './csv-stamped-copies.js';

/**
 * The sync snapshots of a CSV file: `<csvFile>.sync.<13-digit epoch ms>`, one per sync token.
 * Named apart from the write versions (`<csvFile>.<ms>`, csv-file.ts) so that pruning either
 * kind never deletes the other; `retention` (syncFileRetentionCount, at least 1: the latest
 * token's snapshot must survive) snapshots are kept, oldest removed first.
 */
export class CsvSyncSnapshots {
  private readonly copies: StampedCopies;

  constructor(
    private readonly csvFile: string,
    private readonly retention: number,
  ) {
    this.copies = new StampedCopies(csvFile, '.sync');
  }

  /** The snapshot file of a token. */
  pathOf(token: number): string {
    return this.copies.pathOf(token);
  }

  /**
   * Keeps the file as it is now and prunes old snapshots. A copy, not a hard link: an editor that
   * rewrites the file in place would change a linked snapshot too, and its changes would be lost.
   * Call it under the file's locks. @returns the new token (epoch ms, strictly increasing).
   */
  async take(): Promise<number> {
    try {
      const token = await this.copies.take((target) => copyFile(this.csvFile, target, fsConstants.COPYFILE_EXCL));
      await this.copies.prune(Math.max(1, this.retention));
      return token;
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') throw new ConnectorError(`CSV file ${this.csvFile} does not exist`, { cause: error });
      throw new ConnectorIOError(`The sync snapshot of ${this.csvFile} cannot be written: ${(error as Error).message}`, { cause: error });
    }
  }
}
