import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  AlreadyExistsError,
  ConfigurationError,
  InvalidAttributeValueError,
  InvalidCredentialError,
  InvalidPasswordError,
  OperationTimeoutError,
  PreconditionFailedError,
  UnknownUidError,
  UnsupportedOperationError,
} from '../../provisioner/connector-errors.js';
import type { Filter } from '../../provisioner/filter.js';
import { ObjectClass, type AttributeMap, type ConnectorObject, type Uid } from '../../provisioner/objects.js';
import type {
  AuthenticateOp,
  Connector,
  ConnectorSchema,
  CreateOp,
  DeleteOp,
  GetOp,
  NativeQuery,
  OperationContext,
  SchemaOp,
  SearchOp,
  SearchOptions,
  SearchPage,
  SortKey,
  SyncDelta,
  SyncOp,
  SyncToken,
  TestOp,
  UpdateAttributeValuesOp,
  UpdateOp,
} from '../../provisioner/spi.js';
import type { JsonValue } from '../../util/json.js';
import type { CsvConfiguration } from './csv-configuration.js';
import { decodeCsvCookie, encodeCsvCookie, type CsvCookie } from './csv-cookie.js';
import { CsvFile } from './csv-file.js';
import { selectCsvRows, translateCsvFilter, type CsvQuery } from './csv-filter.js';
import { applyAttributes, requireColumn, toCell, toConnectorObject } from './csv-mapping.js';
import { csvSchema } from './csv-schema.js';
import { sortCsvRows } from './csv-sort.js';
import { CsvStore } from './csv-store.js';
import { CsvSync } from './csv-sync.js';
import type { CsvRow, CsvTable, CsvTableEditor } from './csv-table.js';

/** Objects per page when the caller gives no page size (the facade then walks the pages). */
export const CSV_NATURAL_PAGE_SIZE = 1000;

/** Result lists kept per table snapshot, so that paging through a scan or a sort does not redo it. */
const RESULT_CACHE_SIZE = 8;

/**
 * The CSV file connector (IDM's org.forgerock.openicf.csvfile.CSVFileConnector): one object class,
 * `__ACCOUNT__`; one row per object; the `headerUid` column is `__UID__` and `__NAME__`, the
 * `headerPassword` column is `__PASSWORD__`; every other column is a string attribute of the same
 * name. Reads come from a cached, indexed snapshot; writes go through one queue per file and
 * replace the file atomically.
 */
export class CsvConnector
  implements
    Connector,
    CreateOp,
    GetOp,
    SearchOp<CsvQuery>,
    UpdateOp,
    UpdateAttributeValuesOp,
    DeleteOp,
    TestOp,
    AuthenticateOp,
    SchemaOp,
    SyncOp
{
  readonly supportsSort = true;
  readonly supportsOffset = true;
  private readonly file: CsvFile;
  private readonly store: CsvStore;
  private readonly syncer: CsvSync;
  private readonly results = new WeakMap<CsvTable, Map<string, readonly CsvRow[]>>();

  constructor(private readonly config: CsvConfiguration) {
    this.file = new CsvFile(
      config.csvFile,
      {
        delimiter: config.fieldDelimiter,
        quote: config.quoteCharacter,
        escape: config.escapeCharacter,
        newline: config.newlineString,
      },
      config.syncFileRetentionCount,
    );
    const tableOptions = {
      headerUid: config.headerUid,
      headerPassword: config.headerPassword,
      spaceReplacementString: config.spaceReplacementString,
    };
    this.store = new CsvStore(this.file, tableOptions);
    this.syncer = new CsvSync(this.file, this.store, tableOptions, config.syncFileRetentionCount);
  }

  /**
   * Appends a row. The uid comes from `__NAME__` (or `__UID__` / the uid column); without one a
   * random UUID is used, as IDM's connector does.
   * @throws AlreadyExistsError when a row has this uid.
   * @throws InvalidAttributeValueError naming an attribute that is not a column, or a multi-valued value.
   */
  async create(objectClass: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    requireAccount(objectClass);
    requireLive(ctx);
    return this.store.mutate((editor) => {
      const table = editor.table;
      const { values, uid } = applyAttributes(table, table.columns.map(() => ''), attributes);
      const id = uid === undefined || uid === '' ? randomUUID() : uid;
      values[table.uidIndex] = id;
      if (editor.get(id)) throw new AlreadyExistsError(`Account ${id} already exists`);
      return uidOf(table, editor.insert(values));
    }, ctx.signal);
  }

  /** Reads one row by uid from the index. */
  async get(
    objectClass: string,
    uid: Uid,
    options: { readonly attributesToGet?: readonly string[] },
    ctx: OperationContext,
  ): Promise<ConnectorObject | null> {
    requireAccount(objectClass);
    requireLive(ctx);
    const table = await this.store.snapshot();
    const row = table.get(uid.value);
    return row ? toConnectorObject(table, row, objectClass, options.attributesToGet) : null;
  }

  /** Every filter is evaluated natively and exactly (see csv-filter.ts). */
  translateFilter(objectClass: string, filter: Filter): NativeQuery<CsvQuery> | null {
    return objectClass === ObjectClass.ACCOUNT ? translateCsvFilter(filter) : null;
  }

  /**
   * One page of matching rows, in file order or by `sortKeys`. The page starts at the cookie's
   * position (else at `pagedResultsOffset`); `totalCount` is always the number of matches.
   */
  async search(objectClass: string, query: CsvQuery | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage> {
    requireAccount(objectClass);
    requireLive(ctx);
    const table = await this.store.snapshot();
    const all = this.matching(table, query, options.sortKeys);
    const cookie = options.pagedResultsCookie ? decodeCsvCookie(options.pagedResultsCookie) : undefined;
    const start = cookie ? resume(all, cookie) : Math.min(all.length, Math.max(0, Math.floor(options.pagedResultsOffset ?? 0)));
    const size = options.pageSize !== undefined && options.pageSize > 0 ? options.pageSize : CSV_NATURAL_PAGE_SIZE;
    const rows = all.slice(start, start + size);
    const end = start + rows.length;
    const last = rows[rows.length - 1];
    return {
      objects: rows.map((row) => toConnectorObject(table, row, objectClass, options.attributesToGet)),
      pagedResultsCookie: last && end < all.length ? encodeCsvCookie({ position: end, lastUid: last.uid }) : null,
      totalCount: all.length,
    };
  }

  /**
   * Replaces the given attributes of a row (null clears; a changed `__NAME__` renames the row).
   * @throws UnknownUidError, PreconditionFailedError (revision mismatch), AlreadyExistsError (rename onto an existing uid).
   */
  async update(objectClass: string, uid: Uid, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    requireAccount(objectClass);
    requireLive(ctx);
    return this.store.mutate((editor) => {
      const { table, row } = existing(editor, uid);
      const { values, uid: newUid } = applyAttributes(table, row.values, attributes);
      if (newUid === '') {
        throw new InvalidAttributeValueError(`The uid column '${table.columns[table.uidIndex]!.name}' (__NAME__) cannot be cleared`);
      }
      if (newUid !== undefined && newUid !== row.uid && editor.get(newUid)) {
        throw new AlreadyExistsError(`Account ${newUid} already exists`);
      }
      return uidOf(table, editor.replace(row.uid, values));
    }, ctx.signal);
  }

  /**
   * Sets single values (a CSV cell holds one value, so adding replaces it, as IDM's connector does).
   * @throws InvalidAttributeValueError for more than one value or for the uid (rename with update).
   */
  async addAttributeValues(objectClass: string, uid: Uid, values: AttributeMap, ctx: OperationContext): Promise<Uid> {
    requireAccount(objectClass);
    requireLive(ctx);
    return this.store.mutate((editor) => {
      const { table, row } = existing(editor, uid);
      const changes: AttributeMap = {};
      for (const [name, value] of Object.entries(values)) {
        notUid(table, name);
        requireColumn(table, name);
        const list = valueList(name, value);
        if (list.length > 1) {
          throw new InvalidAttributeValueError(`Attribute '${name}' is single-valued in a CSV file, got ${list.length} values`);
        }
        if (list.length === 1) changes[name] = list[0]!;
      }
      return uidOf(table, editor.replace(row.uid, applyAttributes(table, row.values, changes).values));
    }, ctx.signal);
  }

  /** Clears a cell when its value is among the given ones; other values are ignored. */
  async removeAttributeValues(objectClass: string, uid: Uid, values: AttributeMap, ctx: OperationContext): Promise<Uid> {
    requireAccount(objectClass);
    requireLive(ctx);
    return this.store.mutate((editor) => {
      const { table, row } = existing(editor, uid);
      const changes: AttributeMap = {};
      for (const [name, value] of Object.entries(values)) {
        notUid(table, name);
        const current = row.values[requireColumn(table, name)]!;
        if (current !== '' && valueList(name, value).includes(current)) changes[name] = null;
      }
      return uidOf(table, editor.replace(row.uid, applyAttributes(table, row.values, changes).values));
    }, ctx.signal);
  }

  /**
   * Removes a row.
   * @throws UnknownUidError, PreconditionFailedError (revision mismatch).
   */
  async delete(objectClass: string, uid: Uid, ctx: OperationContext): Promise<void> {
    requireAccount(objectClass);
    requireLive(ctx);
    await this.store.mutate((editor) => {
      const { row } = existing(editor, uid);
      editor.remove(row.uid);
    }, ctx.signal);
  }

  /** The file exists, parses, has the uid column in its header, and can be rewritten. */
  async test(ctx: OperationContext): Promise<void> {
    requireLive(ctx);
    await this.store.snapshot({ fresh: true });
    try {
      await access(this.config.csvFile, fsConstants.R_OK | fsConstants.W_OK);
      await access(dirname(this.config.csvFile), fsConstants.W_OK);
    } catch (error) {
      throw new ConfigurationError(`CSV file ${this.config.csvFile} or its directory is not writable`, { cause: error });
    }
  }

  /**
   * Checks a password against the password column, in constant time.
   * @throws InvalidCredentialError when no row has this uid (IDM: "Account … does not exist.").
   * @throws InvalidPasswordError when the password is empty or wrong, or the row has none.
   * @throws ConfigurationError when the file has no password column.
   */
  async authenticate(objectClass: string, username: string, password: string, ctx: OperationContext): Promise<Uid> {
    requireAccount(objectClass);
    requireLive(ctx);
    const table = await this.store.snapshot();
    if (table.passwordIndex < 0) {
      throw new ConfigurationError(
        `The password column '${this.config.headerPassword ?? ''}' (headerPassword) must be defined and exist in the CSV file`,
      );
    }
    const row = table.get(username);
    const stored = row ? row.values[table.passwordIndex]! : '';
    const matches = constantTimeEquals(password, stored);
    if (!row) throw new InvalidCredentialError(`Account ${username} does not exist.`);
    if (password === '' || stored === '' || !matches) throw new InvalidPasswordError('Invalid username and/or password.');
    return uidOf(table, row);
  }

  /** The schema read from the header row. */
  async schema(ctx: OperationContext): Promise<ConnectorSchema> {
    requireLive(ctx);
    return csvSchema(await this.store.snapshot({ fresh: true }));
  }

  /** Snapshots the file; the token is the snapshot's epoch ms (`__ALL__` is the file's one class). */
  async latestSyncToken(objectClass: string, ctx: OperationContext): Promise<SyncToken> {
    requireSyncable(objectClass);
    requireLive(ctx);
    return this.syncer.latestToken();
  }

  /** Rows changed since the token's snapshot (see csv-sync.ts); deltas are `__ACCOUNT__` objects. */
  async sync(objectClass: string, token: SyncToken, ctx: OperationContext): Promise<{ deltas: readonly SyncDelta[]; token: SyncToken }> {
    requireSyncable(objectClass);
    requireLive(ctx);
    return this.syncer.sync(token, ObjectClass.ACCOUNT);
  }

  /** Nothing to close: drops the cached snapshot. */
  async dispose(): Promise<void> {
    this.store.clear();
  }

  private matching(table: CsvTable, query: CsvQuery | null, sortKeys: readonly SortKey[] | undefined): readonly CsvRow[] {
    const sorted = sortKeys !== undefined && sortKeys.length > 0;
    if (!query && !sorted) return table.rows;
    let cache = this.results.get(table);
    const key = JSON.stringify([query?.filter ?? null, sortKeys ?? []]);
    const hit = cache?.get(key);
    if (hit) return hit;
    const selected = selectCsvRows(table, query);
    const rows = sorted ? sortCsvRows(selected, sortKeys, table) : selected;
    if (!cache) {
      cache = new Map();
      this.results.set(table, cache);
    }
    if (cache.size >= RESULT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, rows);
    return rows;
  }
}

/** Where a page resumes: after the cookie's uid when rows moved since, else at its position. */
function resume(all: readonly CsvRow[], cookie: CsvCookie): number {
  const { position, lastUid } = cookie;
  if (position > 0 && position <= all.length && all[position - 1]!.uid === lastUid) return position;
  const i = all.findIndex((r) => r.uid === lastUid);
  return i >= 0 ? i + 1 : Math.min(position, all.length);
}

function existing(editor: CsvTableEditor, uid: Uid): { table: CsvTable; row: CsvRow } {
  const table = editor.table;
  const row = editor.get(uid.value);
  if (!row) throw new UnknownUidError(`Uid ${uid.value} does not exist`);
  if (uid.revision !== undefined && uid.revision !== '*' && uid.revision !== row.revision(table)) {
    throw new PreconditionFailedError(`Revision ${uid.revision} of ${uid.value} is not the current one`);
  }
  return { table, row };
}

function notUid(table: CsvTable, name: string): void {
  if (table.columnOf(name) === table.uidIndex) {
    throw new InvalidAttributeValueError(`Attribute '${name}' is the uid: rename with update, not by adding or removing values`);
  }
}

function valueList(name: string, value: JsonValue): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.map((v) => toCell(name, v)).filter((v) => v !== '');
  const cell = toCell(name, value);
  return cell === '' ? [] : [cell];
}

function uidOf(table: CsvTable, row: CsvRow): Uid {
  return { value: row.uid, revision: row.revision(table) };
}

function requireAccount(objectClass: string): void {
  if (objectClass !== ObjectClass.ACCOUNT) {
    throw new UnsupportedOperationError(`Operation requires ObjectClass ${ObjectClass.ACCOUNT}, received ${objectClass}`);
  }
}

function requireSyncable(objectClass: string): void {
  if (objectClass !== ObjectClass.ALL) requireAccount(objectClass);
}

function requireLive(ctx: OperationContext): void {
  if (ctx.signal.aborted) {
    const reason: unknown = ctx.signal.reason;
    throw reason instanceof OperationTimeoutError ? reason : new OperationTimeoutError('The operation was aborted');
  }
}

/** Compares two secrets in time independent of where they differ (and of their lengths). */
function constantTimeEquals(given: string, stored: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(stored, 'utf8').digest();
  return timingSafeEqual(a, b);
}
