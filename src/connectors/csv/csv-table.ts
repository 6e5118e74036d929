import { createHash } from 'node:crypto';
import { ConfigurationError, ConnectorError } from '../../provisioner/connector-errors.js';
import { SpecialAttribute } from '../../provisioner/objects.js';

/** One column: its header text in the file and its native attribute name. */
export interface CsvColumn {
  /** The header as written in the file (trimmed). */
  readonly header: string;
  /** The native attribute name: the header with spaces replaced by `spaceReplacementString`. */
  readonly name: string;
}

/** How a table interprets its header. */
export interface CsvTableOptions {
  readonly headerUid: string;
  readonly headerPassword: string | null;
  readonly spaceReplacementString: string;
}

/**
 * One data row. Immutable; `seq` orders rows as they appear in the file (a replaced row keeps
 * its predecessor's seq, so a rename does not move it). `line` caches the formatted record.
 */
export class CsvRow {
  /** Formatted record (set lazily by the writer; depends only on `values`). */
  line: string | undefined;
  private rev: string | undefined;

  constructor(
    readonly values: readonly string[],
    readonly uid: string,
    readonly seq: number,
  ) {}

  /**
   * The row's revision: a SHA-256 over its non-empty cells (sorted by column name), the password
   * column excluded so that the revision reveals nothing about the password.
   */
  revision(table: CsvTable): string {
    if (this.rev === undefined) {
      const pairs: [string, string][] = [];
      table.columns.forEach((c, i) => {
        const v = this.values[i] ?? '';
        if (v !== '' && i !== table.passwordIndex) pairs.push([c.name, v]);
      });
      pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.rev = createHash('sha256').update(JSON.stringify(pairs)).digest('hex').slice(0, 32);
    }
    return this.rev;
  }
}

/**
 * An immutable snapshot of the file: header, rows in file order, and a uid index.
 * Edits go through `edit()`, which copies on first write, so readers never see a half-applied batch.
 */
export class CsvTable {
  private readonly byName: ReadonlyMap<string, number>;

  private constructor(
    readonly columns: readonly CsvColumn[],
    readonly uidIndex: number,
    /** Index of the password column, -1 when the file has none. */
    readonly passwordIndex: number,
    readonly rows: readonly CsvRow[],
    private readonly index: ReadonlyMap<string, CsvRow>,
    /** The file started with a byte-order mark. */
    readonly bom: boolean,
    readonly nextSeq: number,
  ) {
    const byName = new Map<string, number>();
    columns.forEach((c, i) => byName.set(c.name, i));
    this.byName = byName;
  }

  /**
   * Builds a table from parsed records (`records[0]` is the header).
   * @throws ConfigurationError when the header is unusable (empty, duplicate or missing uid column).
   * @throws ConnectorError when a data record is malformed (too many fields, empty or duplicate uid).
   */
  static fromRecords(records: readonly string[][], options: CsvTableOptions, source: string, bom = false): CsvTable {
    const header = records[0];
    if (!header || header.length === 0) {
      throw new ConfigurationError(
        `CSV file ${source} has no header row; a header with a '${options.headerUid}' column is required`,
      );
    }
    const columns = CsvTable.columnsOf(header, options, source);
    const uidIndex = columns.findIndex((c) => c.header === options.headerUid || c.name === options.headerUid);
    if (uidIndex < 0) {
      throw new ConfigurationError(
        `CSV file ${source} has no '${options.headerUid}' column (headerUid); its columns are ${columns.map((c) => c.header).join(', ')}`,
      );
    }
    const password = options.headerPassword;
    const passwordIndex = password === null ? -1 : columns.findIndex((c) => c.header === password || c.name === password);
    const rows: CsvRow[] = [];
    const index = new Map<string, CsvRow>();
    const width = columns.length;
    for (let r = 1; r < records.length; r++) {
      const record = records[r]!;
      let values: string[] = record;
      if (record.length < width) {
        values = record.concat(new Array<string>(width - record.length).fill(''));
      } else if (record.length > width) {
        if (record.slice(width).some((v) => v !== '')) {
          throw new ConnectorError(`CSV file ${source}: record ${r} has ${record.length} fields but the header has ${width}`);
        }
        values = record.slice(0, width);
      }
      const uid = values[uidIndex]!;
      if (uid === '') throw new ConnectorError(`CSV file ${source}: record ${r} has an empty '${options.headerUid}' value`);
      if (index.has(uid)) throw new ConnectorError(`CSV file ${source}: uid '${uid}' appears more than once (again in record ${r})`);
      const row = new CsvRow(values, uid, r);
      rows.push(row);
      index.set(uid, row);
    }
    return new CsvTable(columns, uidIndex, passwordIndex, rows, index, bom, records.length);
  }

  private static columnsOf(header: readonly string[], options: CsvTableOptions, source: string): CsvColumn[] {
    const columns: CsvColumn[] = [];
    const seen = new Set<string>();
    header.forEach((raw, i) => {
      const text = raw.trim();
      if (text === '') throw new ConfigurationError(`CSV file ${source}: column ${i + 1} of the header has no name`);
      const name = text.split(' ').join(options.spaceReplacementString);
      if (seen.has(text) || seen.has(name)) {
        throw new ConfigurationError(`CSV file ${source}: the header has the column '${name}' more than once`);
      }
      seen.add(text);
      seen.add(name);
      columns.push({ header: text, name });
    });
    return columns;
  }

  /** Number of data rows. */
  get size(): number {
    return this.rows.length;
  }

  /** The row with this uid, if any (O(1)). */
  get(uid: string): CsvRow | undefined {
    return this.index.get(uid);
  }

  /**
   * The column holding a native attribute, or -1. `__UID__`, `__NAME__` and the uid column's name
   * resolve to the uid column; `__PASSWORD__` and the password column's name to the password column.
   */
  columnOf(attribute: string): number {
    if (attribute === SpecialAttribute.UID || attribute === SpecialAttribute.NAME) return this.uidIndex;
    if (attribute === SpecialAttribute.PASSWORD) return this.passwordIndex;
    return this.byName.get(attribute) ?? -1;
  }

  /** A copy-on-write editor over this snapshot. */
  edit(): CsvTableEditor {
    return new CsvTableEditor(this, (rows, index, nextSeq) =>
      new CsvTable(this.columns, this.uidIndex, this.passwordIndex, rows, index, this.bom, nextSeq),
    );
  }
}

/**
 * Accumulates edits over a snapshot. Each method either applies completely or throws before
 * changing anything, so a failed operation in a batch leaves the others intact.
 */
export class CsvTableEditor {
  private rows: CsvRow[] | null = null;
  private index: Map<string, CsvRow> | null = null;
  private nextSeq: number;

  constructor(
    private readonly base: CsvTable,
    private readonly make: (rows: readonly CsvRow[], index: ReadonlyMap<string, CsvRow>, nextSeq: number) => CsvTable,
  ) {
    this.nextSeq = base.nextSeq;
  }

  /** The snapshot being edited (header, column lookups). */
  get table(): CsvTable {
    return this.base;
  }

  /** True once any edit changed the table. */
  get changed(): boolean {
    return this.rows !== null;
  }

  /** The current row with this uid, edits included. */
  get(uid: string): CsvRow | undefined {
    return this.index ? this.index.get(uid) : this.base.get(uid);
  }

  /** Appends a row; the caller has checked that its uid is new. */
  insert(values: readonly string[]): CsvRow {
    const uid = values[this.base.uidIndex]!;
    if (this.get(uid)) throw new ConnectorError(`uid '${uid}' already exists`);
    const { rows, index } = this.writable();
    const row = new CsvRow(values, uid, this.nextSeq++);
    rows.push(row);
    index.set(uid, row);
    return row;
  }

  /** Replaces the row `uid` in place (a changed uid column renames it). Returns the row unchanged when the values are equal. */
  replace(uid: string, values: readonly string[]): CsvRow {
    const old = this.get(uid);
    if (!old) throw new ConnectorError(`uid '${uid}' does not exist`);
    if (old.values.length === values.length && old.values.every((v, i) => v === values[i])) return old;
    const newUid = values[this.base.uidIndex]!;
    if (newUid !== uid && this.get(newUid)) throw new ConnectorError(`uid '${newUid}' already exists`);
    const { rows, index } = this.writable();
    const row = new CsvRow(values, newUid, old.seq);
    rows[rows.indexOf(old)] = row;
    index.delete(uid);
    index.set(newUid, row);
    return row;
  }

  /** Removes the row `uid`. */
  remove(uid: string): void {
    const old = this.get(uid);
    if (!old) throw new ConnectorError(`uid '${uid}' does not exist`);
    const { rows, index } = this.writable();
    rows.splice(rows.indexOf(old), 1);
    index.delete(uid);
  }

  /** The edited table (the base itself when nothing changed). */
  build(): CsvTable {
    if (!this.rows || !this.index) return this.base;
    return this.make(this.rows, this.index, this.nextSeq);
  }

  private writable(): { rows: CsvRow[]; index: Map<string, CsvRow> } {
    if (!this.rows || !this.index) {
      this.rows = this.base.rows.slice();
      const index = new Map<string, CsvRow>();
      for (const row of this.rows) index.set(row.uid, row);
      this.index = index;
    }
    return { rows: this.rows, index: this.index };
  }
}
