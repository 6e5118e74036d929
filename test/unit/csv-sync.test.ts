import { mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvConnectorType } from '../../src/connectors/csv/index.js';
import { CsvConnector } from '../../src/connectors/csv/csv-connector.js';
import { diffCsvTables } from '../../src/connectors/csv/csv-sync-diff.js';
import { CsvTable } from '../../src/connectors/csv/csv-table.js';
import { ConnectorError } from '../../src/provisioner/connector-errors.js';
import type { OperationContext } from '../../src/provisioner/spi.js';

const ACCOUNT = '__ACCOUNT__';
const CTX: OperationContext = { signal: new AbortController().signal, operation: 'SYNC', options: {} };
const OPTIONS = { headerUid: 'uid', headerPassword: 'password', spaceReplacementString: '_' };
const HEADER = ['uid', 'firstName', 'password'];

function table(records: string[][]): CsvTable {
  return CsvTable.fromRecords(records, OPTIONS, 'test.csv');
}

describe('diffCsvTables', () => {
  const before = table([HEADER, ['bjensen', 'Barbara', 'pw1'], ['jdoe', 'John', 'pw2']]);

  test('when nothing changed, then no delta', () => {
    expect(diffCsvTables(before, table([HEADER, ['bjensen', 'Barbara', 'pw1'], ['jdoe', 'John', 'pw2']]), ACCOUNT)).toEqual([]);
  });

  test('when columns are reordered, then no delta (cells are compared by column name)', () => {
    const after = table([['firstName', 'password', 'uid'], ['Barbara', 'pw1', 'bjensen'], ['John', 'pw2', 'jdoe']]);
    expect(diffCsvTables(before, after, ACCOUNT)).toEqual([]);
  });

  test('when a row is added, changed and removed, then CREATE_OR_UPDATE with the object for the first two and DELETE for the last', () => {
    const after = table([HEADER, ['bjensen', 'Babs', 'pw1'], ['mmiller', 'Mia', 'pw3']]);
    const deltas = diffCsvTables(before, after, ACCOUNT);
    expect(deltas.map((d) => [d.type, d.uid.value])).toEqual([['CREATE_OR_UPDATE', 'bjensen'], ['CREATE_OR_UPDATE', 'mmiller'], ['DELETE', 'jdoe']]);
    expect(deltas[0]!.object).toMatchObject({ objectClass: ACCOUNT, uid: { value: 'bjensen' }, attributes: { __NAME__: 'bjensen', firstName: 'Babs' } });
    expect(deltas[2]!.object).toBeUndefined();
  });

  test('when only the password changed, then CREATE_OR_UPDATE, and the object does not carry the password', () => {
    const deltas = diffCsvTables(before, table([HEADER, ['bjensen', 'Barbara', 'changed'], ['jdoe', 'John', 'pw2']]), ACCOUNT);
    expect(deltas.map((d) => d.uid.value)).toEqual(['bjensen']);
    expect(JSON.stringify(deltas)).not.toContain('changed');
  });
});

describe('CSV sync tokens and snapshots', () => {
  let dir: string;
  let file: string;
  const connectorFor = (retention: number): CsvConnector => {
    const c = csvConnectorType.create({
      configurationProperties: { ...csvConnectorType.defaultConfigurationProperties, csvFile: file, syncFileRetentionCount: retention },
      systemName: 'csv',
    });
    if (!(c instanceof CsvConnector)) throw new Error('expected a CsvConnector');
    return c;
  };
  const listing = (): { sync: string[]; versions: string[] } => {
    const names = readdirSync(dir);
    return { sync: names.filter((n) => /\.csv\.sync\.\d{13}$/.test(n)), versions: names.filter((n) => /\.csv\.\d{13}$/.test(n)) };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csv-sync-'));
    file = join(dir, 'accounts.csv');
    writeFileSync(file, 'uid,firstName,password\nbjensen,Barbara,pw1\njdoe,John,pw2\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('when synced from the latest token, then the edits since are the deltas and the new token is later', async () => {
    const c = connectorFor(3);
    const first = await c.latestSyncToken(ACCOUNT, CTX);
    await c.create(ACCOUNT, { __NAME__: 'mmiller', firstName: 'Mia' }, CTX);
    writeFileSync(file, 'uid,firstName,password\nbjensen,Barbara,pw1\nmmiller,Mia,\n'); // jdoe removed by hand, in place
    const { deltas, token } = await c.sync(ACCOUNT, first, CTX);
    expect(deltas.map((d) => [d.type, d.uid.value])).toEqual([['CREATE_OR_UPDATE', 'mmiller'], ['DELETE', 'jdoe']]);
    expect(token).toBeGreaterThan(first as number);
    expect((await c.sync(ACCOUNT, token, CTX)).deltas).toEqual([]);
  });

  test('when writes and syncs alternate, then each kind keeps its own retention and neither prunes the other', async () => {
    const c = connectorFor(2);
    let token = await c.latestSyncToken(ACCOUNT, CTX);
    for (let i = 0; i < 4; i++) {
      await c.update(ACCOUNT, { value: 'bjensen' }, { firstName: `B${i}` }, CTX);
      token = (await c.sync(ACCOUNT, token, CTX)).token;
    }
    const kept = listing();
    expect(kept.sync).toHaveLength(2);
    expect(kept.versions).toHaveLength(2);
    expect(kept.sync).toContain(`accounts.csv.sync.${String(token)}`);
  });

  test('when the token\'s snapshot is gone, then a ConnectorError names the file and the retention', async () => {
    const c = connectorFor(3);
    const token = await c.latestSyncToken(ACCOUNT, CTX);
    unlinkSync(`${file}.sync.${String(token)}`);
    const failure = c.sync(ACCOUNT, token, CTX);
    await expect(failure).rejects.toBeInstanceOf(ConnectorError);
    await expect(failure).rejects.toThrow(`The sync file accounts.csv.sync.${String(token)} of token ${String(token)} does not exist: it was pruned (syncFileRetentionCount keeps 3) or never taken`);
  });

  test('when the token is not epoch milliseconds, then a ConnectorError', async () => {
    await expect(connectorFor(3).sync(ACCOUNT, 'abc', CTX)).rejects.toThrow('Sync token abc is not a CSV sync token (epoch milliseconds)');
  });
});
