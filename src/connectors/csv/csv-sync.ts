import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { ConnectorError } from '../../provisioner/connector-errors.js';
import type { SyncDelta, SyncToken } from '../../provisioner/spi.js';
import { CsvFile, type CsvDialect } from './csv-file.js';
import type { CsvStore } from './csv-store.js';
import { diffCsvTables } from './csv-sync-diff.js';
import { CsvSyncSnapshots } from './csv-sync-snapshots.js';
import { CsvTable, type CsvTableOptions } from './csv-table.js';

/**
 * liveSync over a CSV file, as IDM's CSV connector does it: a token is the epoch ms of a snapshot
 * of the file; a sync diffs the token's snapshot against a new one, which becomes the next token.
 */
export class CsvSync {
  private readonly snapshots: CsvSyncSnapshots;

  constructor(
    private readonly file: CsvFile,
    private readonly store: CsvStore,
    private readonly options: CsvTableOptions,
    private readonly retention: number,
  ) {
    this.snapshots = new CsvSyncSnapshots(file.path, retention);
  }

  /** Snapshots the file under the writers' locks (so the snapshot is one version of it). */
  latestToken(): Promise<number> {
    return this.store.exclusive(() => this.snapshots.take());
  }

  /**
   * The rows changed between the token's snapshot and a new one, and the new token.
   * @throws ConnectorError when the token is not a number or its snapshot is gone (pruned or never taken).
   */
  async sync(token: SyncToken, objectClass: string): Promise<{ deltas: SyncDelta[]; token: number }> {
    const ms = typeof token === 'number' ? token : Number(token);
    if (!Number.isSafeInteger(ms) || ms < 0) throw new ConnectorError(`Sync token ${String(token)} is not a CSV sync token (epoch milliseconds)`);
    const before = await this.readSnapshot(ms);
    const next = await this.latestToken();
    const after = await this.readSnapshot(next);
    return { deltas: diffCsvTables(before, after, objectClass), token: next };
  }

  private async readSnapshot(token: number): Promise<CsvTable> {
    const path = this.snapshots.pathOf(token);
    try {
      await access(path);
    } catch (error) {
      throw new ConnectorError(
        `The sync file ${basename(path)} of token ${token} does not exist: it was pruned (syncFileRetentionCount keeps ${Math.max(1, this.retention)}) or never taken`,
        { cause: error },
      );
    }
    const dialect: CsvDialect = this.file.dialect;
    const contents = await new CsvFile(path, dialect, 0).read();
    return CsvTable.fromRecords(contents.records, this.options, path, contents.bom);
  }
}
