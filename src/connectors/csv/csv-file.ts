import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { copyFile, link, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ConfigurationError, ConnectorError, ConnectorIOError } from '../../provisioner/connector-errors.js';
import { errnoCode, StampedCopies } from './csv-stamped-copies.js';

/** How records are written in the file. */
export interface CsvDialect {
  /** Single character between fields. */
  readonly delimiter: string;
  /** Single character enclosing fields. */
  readonly quote: string;
  /** Single character escaping a quote or itself inside a quoted field (equal to `quote` = doubling). */
  readonly escape: string;
  /** Record terminator used when writing; "\r\n" and "\n" are both accepted when reading. */
  readonly newline: string;
}

/** Identity of one version of the file on disk: any change by anyone changes the stamp. */
export interface FileStamp {
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
}

/** A parsed file: the header is `records[0]`. */
export interface CsvFileContents {
  readonly records: string[][];
  /** The file started with a UTF-8 byte-order mark (kept when the file is rewritten). */
  readonly bom: boolean;
  readonly stamp: FileStamp;
}

/** True when both stamps denote the same version of the file. */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/**
 * Parses CSV text with the dialect. Whitespace around delimiters is ignored outside quotes (as IDM
 * trims values) and blank lines are skipped. When the escape character is not the quote character
 * and the text does not parse, it is parsed again with doubled quotes (RFC 4180), so files written
 * by spreadsheets or by IDM itself still load.
 * @throws Error (csv-parse's) when the text is not CSV in either convention.
 */
export function parseCsvText(text: string, dialect: CsvDialect): { records: string[][]; bom: boolean } {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const run = (escape: string): string[][] =>
    parse(body, {
      delimiter: dialect.delimiter,
      quote: dialect.quote,
      escape,
      record_delimiter: [...new Set([dialect.newline, '\r\n', '\n'])],
      trim: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
  try {
    return { records: run(dialect.escape), bom };
  } catch (error) {
    if (dialect.escape === dialect.quote) throw error;
    try {
      return { records: run(dialect.quote), bom };
    } catch {
      throw error;
    }
  }
}

/**
 * Formats one record (without its terminator). Every non-empty field is quoted, as IDM's CSV
 * connector writes them; an empty field (absent attribute) is written as nothing.
 */
export function formatCsvRecord(values: readonly string[], dialect: CsvDialect): string {
  return stringify([values as string[]], {
    delimiter: dialect.delimiter,
    quote: dialect.quote,
    escape: dialect.escape,
    record_delimiter: dialect.newline,
    quoted: true,
    eof: false,
  });
}

/**
 * One CSV file on disk: reads it with a consistent stamp, and replaces it atomically
 * (temporary file in the same directory, fsync, rename, directory fsync), keeping
 * `retention` previous versions as `<csvFile>.<epoch ms>` hard links (copies where links fail).
 * A crash at any point leaves either the old or the new file; a leftover `.<name>.*.tmp` is never read.
 */
export class CsvFile {
  /** The rotated previous versions: `<csvFile>.<13-digit epoch ms>` (IDM's sync-file naming). */
  private readonly versions: StampedCopies;

  constructor(
    readonly path: string,
    readonly dialect: CsvDialect,
    private readonly retention: number,
  ) {
    this.versions = new StampedCopies(path, '');
  }

  /** The stamp of the file as it is now. */
  async stamp(): Promise<FileStamp> {
    try {
      return toStamp(await stat(this.path, { bigint: true }));
    } catch (error) {
      throw this.readError(error);
    }
  }

  /** Reads and parses the file; the stamp is taken from the same open handle as the content. */
  async read(): Promise<CsvFileContents> {
    let text: string;
    let stamp: FileStamp;
    try {
      const handle = await open(this.path, 'r');
      try {
        stamp = toStamp(await handle.stat({ bigint: true }));
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw this.readError(error);
    }
    try {
      return { ...parseCsvText(text, this.dialect), stamp };
    } catch (error) {
      throw new ConnectorError(`CSV file ${this.path} cannot be parsed: ${message(error)}`, { cause: error });
    }
  }

  /**
   * Atomically replaces the file's content.
   * @returns the new stamp, or null when the file could not be stat'ed after the rename (the write happened).
   * @throws ConnectorIOError when the new content could not be made durable; the old file is then intact.
   */
  async write(text: string): Promise<FileStamp | null> {
    const dir = dirname(this.path);
    const temp = join(dir, `.${basename(this.path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      // Keep the file's mode; a new file holds passwords in clear, so only its owner may read it.
      const mode = await stat(this.path).then(
        (s) => s.mode & 0o777,
        () => 0o600,
      );
      const handle = await open(temp, 'wx', mode);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.chmod(mode);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Best effort: a version that cannot be kept must not block the write itself.
      if (this.retention > 0) await this.backup().catch(() => undefined);
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw new ConnectorIOError(`CSV file ${this.path} cannot be written: ${message(error)}`, { cause: error });
    }
    await syncDirectory(dir);
    if (this.retention > 0) await this.prune().catch(() => undefined);
    return stat(this.path, { bigint: true }).then(toStamp, () => null);
  }

  /** Paths of the kept previous versions, oldest first. */
  backups(): Promise<string[]> {
    return this.versions.paths();
  }

  /** Keeps the current version under `<csvFile>.<epoch ms>` before it is replaced. */
  private async backup(): Promise<void> {
    await this.versions.take(async (target) => {
      try {
        await link(this.path, target);
      } catch (error) {
        const code = errnoCode(error);
        if (code === 'EEXIST' || code === 'ENOENT') throw error; // a taken name; nothing to keep
        await copyFile(this.path, target, fsConstants.COPYFILE_EXCL);
      }
    });
  }

  private prune(): Promise<void> {
    return this.versions.prune(this.retention);
  }

  private readError(error: unknown): ConnectorError {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return new ConfigurationError(
        `CSV file ${this.path} does not exist; at least a file with a header row must exist`,
        { cause: error },
      );
    }
    if (code === 'EISDIR') return new ConfigurationError(`csvFile ${this.path} is a directory`, { cause: error });
    if (code === 'EACCES' || code === 'EPERM') {
      return new ConfigurationError(`CSV file ${this.path} cannot be read: permission denied`, { cause: error });
    }
    return new ConnectorIOError(`CSV file ${this.path} cannot be read: ${message(error)}`, { cause: error });
  }
}

function toStamp(s: { ino: bigint; size: bigint; mtimeNs: bigint; ctimeNs: bigint }): FileStamp {
  return { ino: s.ino, size: s.size, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs };
}

/** Makes the rename durable; best effort (not every platform can fsync a directory). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // ignored: the rename is atomic either way
  }
}


function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
