import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { csvConnectorType } from '../../src/connectors/csv/index.js';
import { CsvConnector } from '../../src/connectors/csv/csv-connector.js';
import { CsvFile, formatCsvRecord, parseCsvText, type CsvDialect } from '../../src/connectors/csv/csv-file.js';
import { ConnectorIOError } from '../../src/provisioner/connector-errors.js';
import type { OperationContext } from '../../src/provisioner/spi.js';
import type { JsonObject } from '../../src/util/json.js';

const ACCOUNT = '__ACCOUNT__';
const CTX: OperationContext = { signal: new AbortController().signal, operation: 'GET', options: {} };
const DEFAULT: CsvDialect = { delimiter: ',', quote: '"', escape: '\\', newline: '\n' };

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'csv-file-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function connectorFor(file: string, properties: JsonObject = {}): CsvConnector {
  const connector = csvConnectorType.create({
    configurationProperties: { ...csvConnectorType.defaultConfigurationProperties, csvFile: file, ...properties },
    systemName: 'csv',
  });
  if (!(connector instanceof CsvConnector)) throw new Error('expected a CsvConnector');
  return connector;
}

describe('dialects', () => {
  const tricky = ['plain', 'a,b', 'say "hi"', 'C:\\dir\\', "it's", 'semi;colon', 'tab\there', 'pipe|d', 'two\nlines', 'crlf\r\nx', '  padded  ', ''];
  const dialects: [string, CsvDialect][] = [
    ['comma, double quote, backslash escape', DEFAULT],
    ['semicolon, single quote, doubled quotes, CRLF', { delimiter: ';', quote: "'", escape: "'", newline: '\r\n' }],
    ['tab, double quote, doubled quotes', { delimiter: '\t', quote: '"', escape: '"', newline: '\n' }],
    ['pipe, double quote, backslash escape, CRLF', { delimiter: '|', quote: '"', escape: '\\', newline: '\r\n' }],
  ];

  test.each(dialects)('when records are written with %s, then they parse back unchanged', (_name, dialect) => {
    const records = [['uid', 'value'], ...tricky.map((v, i) => [`u${i}`, v])];
    const text = records.map((r) => formatCsvRecord(r, dialect)).join(dialect.newline) + dialect.newline;
    expect(parseCsvText(text, dialect).records).toEqual(records);
  });

  test('when a file has spaces around delimiters (IDM sample style), then values are trimmed outside quotes only', () => {
    const text = '"description", "uid", "username"\n"Created ...", "bjensen", "  kept  " \n';
    expect(parseCsvText(text, DEFAULT).records).toEqual([
      ['description', 'uid', 'username'],
      ['Created ...', 'bjensen', '  kept  '],
    ]);
  });

  test('when a backslash-escape file doubles its quotes instead (RFC 4180), then it still parses', () => {
    expect(parseCsvText('uid,d\nx,"say ""hi"""\n', DEFAULT).records).toEqual([
      ['uid', 'd'],
      ['x', 'say "hi"'],
    ]);
  });

  test('when the file uses CRLF but newlineString is \\n, then it parses', () => {
    expect(parseCsvText('uid,a\r\nx,1\r\n\r\ny,2', DEFAULT).records).toEqual([
      ['uid', 'a'],
      ['x', '1'],
      ['y', '2'],
    ]);
  });

  test('when the connector uses a semicolon / single-quote dialect, then it reads and writes that dialect', async () => {
    const file = join(dir, 'semi.csv');
    writeFileSync(file, "uid;lastName;description\r\n'bjensen';'Jensen';'a;b ''quoted'''\r\n");
    const properties = { fieldDelimiter: ';', quoteCharacter: "'", escapeCharacter: "'", newlineString: '\r\n' };
    const c = connectorFor(file, properties);
    expect((await c.get(ACCOUNT, { value: 'bjensen' }, {}, CTX))?.attributes['description']).toBe("a;b 'quoted'");
    await c.create(ACCOUNT, { __NAME__: 'new', lastName: "O'Hara", description: 'x;y' }, { ...CTX, operation: 'CREATE' });
    expect(readFileSync(file, 'utf8')).toBe(
      "'uid';'lastName';'description'\r\n'bjensen';'Jensen';'a;b ''quoted'''\r\n'new';'O''Hara';'x;y'\r\n",
    );
    const fresh = connectorFor(file, properties);
    expect((await fresh.get(ACCOUNT, { value: 'new' }, {}, CTX))?.attributes).toMatchObject({ lastName: "O'Hara", description: 'x;y' });
  });

  test('when the connector uses a tab delimiter, then tabs separate fields and values keep inner spaces', async () => {
    const file = join(dir, 'tab.csv');
    writeFileSync(file, 'uid\tlastName\nbjensen\tJensen Smith\n');
    const c = connectorFor(file, { fieldDelimiter: '\t' });
    expect((await c.get(ACCOUNT, { value: 'bjensen' }, {}, CTX))?.attributes['lastName']).toBe('Jensen Smith');
    await c.update(ACCOUNT, { value: 'bjensen' }, { lastName: 'A\tB' }, { ...CTX, operation: 'UPDATE' });
    expect(readFileSync(file, 'utf8')).toBe('"uid"\t"lastName"\n"bjensen"\t"A\tB"\n');
    expect((await connectorFor(file, { fieldDelimiter: '\t' }).get(ACCOUNT, { value: 'bjensen' }, {}, CTX))?.attributes['lastName']).toBe('A\tB');
  });
});

describe('atomic writes and rotated backups', () => {
  test('when the file is rewritten, then previous versions are kept as <file>.<13-digit ms>, at most syncFileRetentionCount', async () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'v0\n');
    const file = new CsvFile(path, DEFAULT, 3);
    for (let i = 1; i <= 5; i++) await file.write(`v${i}\n`);
    const backups = await file.backups();
    for (const b of backups) expect(basename(b)).toMatch(/^data\.csv\.\d{13}$/);
    expect(backups.map((b) => readFileSync(b, 'utf8'))).toEqual(['v2\n', 'v3\n', 'v4\n']);
    expect(readFileSync(path, 'utf8')).toBe('v5\n');
  });

  test('when syncFileRetentionCount is 0, then no backup is kept', async () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'v0\n');
    const file = new CsvFile(path, DEFAULT, 0);
    await file.write('v1\n');
    expect(readdirSync(dir)).toEqual(['data.csv']);
  });

  test('when the file is rewritten, then its permissions are kept and no temporary file remains', async () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'v0\n');
    chmodSync(path, 0o640);
    await new CsvFile(path, DEFAULT, 0).write('v1\n');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['data.csv']);
  });

  test('when the file is written for the first time, then only its owner may read it (it holds passwords in clear)', async () => {
    const path = join(dir, 'new.csv');
    await new CsvFile(path, DEFAULT, 0).write('uid,password\nbjensen,Secret-1\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test('when the file cannot be written, then ConnectorIOError and nothing is left behind', async () => {
    const missingDir = join(dir, 'gone');
    const file = new CsvFile(join(missingDir, 'data.csv'), DEFAULT, 3);
    await expect(file.write('v1\n')).rejects.toThrow(ConnectorIOError);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('when a crashed write left a temporary file, then it is ignored and left alone', async () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'uid,lastName\nbjensen,Jensen\n');
    const leftover = join(dir, '.data.csv.4242.0123456789ab.tmp');
    writeFileSync(leftover, 'uid,lastName\nhalf,wri');
    const c = connectorFor(path, { syncFileRetentionCount: 1 });
    expect((await c.search(ACCOUNT, null, {}, CTX)).objects.map((o) => o.uid.value)).toEqual(['bjensen']);
    await c.create(ACCOUNT, { __NAME__: 'x', lastName: 'X' }, { ...CTX, operation: 'CREATE' });
    await c.create(ACCOUNT, { __NAME__: 'y', lastName: 'Y' }, { ...CTX, operation: 'CREATE' });
    expect((await c.search(ACCOUNT, null, {}, CTX)).objects.map((o) => o.uid.value)).toEqual(['bjensen', 'x', 'y']);
    expect(readFileSync(leftover, 'utf8')).toBe('uid,lastName\nhalf,wri');
    expect(readdirSync(dir).filter((n) => /^data\.csv\.\d{13}$/.test(n))).toHaveLength(1);
  });

  test('when the file is rewritten many times, then a concurrent reader only ever sees complete versions', async () => {
    const path = join(dir, 'data.csv');
    const version = (v: number): string => {
      const lines = ['uid,payload'];
      for (let i = 0; i < 20_000; i++) lines.push(`u${i},version ${v} row ${i}`);
      return `${lines.join('\n')}\nend,${v}\n`;
    };
    writeFileSync(path, version(0));
    const file = new CsvFile(path, DEFAULT, 2);
    let writing = true;
    let observed = 0;
    const reader = (async () => {
      while (writing) {
        const text = readFileSync(path, 'utf8');
        const v = /end,(\d+)\n$/.exec(text)?.[1];
        expect(v).toBeDefined();
        expect(text).toBe(version(Number(v)));
        observed++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let v = 1; v <= 15; v++) await file.write(version(v));
    writing = false;
    await reader;
    expect(observed).toBeGreaterThan(0);
    expect(readFileSync(path, 'utf8')).toBe(version(15));
  });
});
