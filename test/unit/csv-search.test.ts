import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvConnectorType } from '../../src/connectors/csv/index.js';
import { CSV_NATURAL_PAGE_SIZE, CsvConnector } from '../../src/connectors/csv/csv-connector.js';
import type { CsvQuery } from '../../src/connectors/csv/csv-filter.js';
import { InvalidArgumentError } from '../../src/provisioner/connector-errors.js';
import { evaluateFilter, type Filter } from '../../src/provisioner/filter.js';
import type { ConnectorObject } from '../../src/provisioner/objects.js';
import type { OperationContext, SearchOptions } from '../../src/provisioner/spi.js';
import type { JsonObject } from '../../src/util/json.js';

const ACCOUNT = '__ACCOUNT__';
const CTX: OperationContext = { signal: new AbortController().signal, operation: 'SEARCH', options: {} };

const PEOPLE = [
  'uid,firstName,lastName,email,age,description,password',
  'bjensen,Barbara,Jensen,bjensen@example.com,42,Created by CSV,pw1',
  'scarter,Steven,Carter,scarter@example.com,7,,pw2',
  'jdoe,John,Doe,,100,Created manually,pw3',
  'ajensen,Ann,jensen,ajensen@example.com,,,',
  'kvaughan,Kirsten,Vaughan,kvaughan@example.com,42,HR,pw5',
].join('\n');

let dir: string;

function connectorFor(content: string, properties: JsonObject = {}): CsvConnector {
  const file = join(dir, 'data.csv');
  writeFileSync(file, content);
  const connector = csvConnectorType.create({
    configurationProperties: { ...csvConnectorType.defaultConfigurationProperties, csvFile: file, ...properties },
    systemName: 'csv',
  });
  if (!(connector instanceof CsvConnector)) throw new Error('expected a CsvConnector');
  return connector;
}

function query(c: CsvConnector, filter: Filter): CsvQuery {
  const translated = c.translateFilter(ACCOUNT, filter);
  if (!translated) throw new Error('not translated');
  expect(translated.exact).toBe(true);
  return translated.query;
}

async function uids(c: CsvConnector, filter: Filter | null, options: SearchOptions = {}): Promise<string[]> {
  const page = await c.search(ACCOUNT, filter ? query(c, filter) : null, options, CTX);
  return page.objects.map((o) => o.uid.value);
}

async function walk(c: CsvConnector, q: CsvQuery | null, options: SearchOptions): Promise<string[]> {
  const seen: string[] = [];
  let cookie: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = await c.search(ACCOUNT, q, { ...options, ...(cookie ? { pagedResultsCookie: cookie } : {}) }, CTX);
    seen.push(...page.objects.map((o) => o.uid.value));
    if (!page.pagedResultsCookie) return seen;
    cookie = page.pagedResultsCookie;
  }
  throw new Error('paging did not end');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'csv-search-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('filters', () => {
  const cases: [string, Filter][] = [
    ['eq on a column', { type: 'eq', attribute: 'lastName', value: 'Jensen' }],
    ['eq is case-sensitive', { type: 'eq', attribute: 'lastName', value: 'jensen' }],
    ['eq on __UID__', { type: 'eq', attribute: '__UID__', value: 'jdoe' }],
    ['eq on __NAME__', { type: 'eq', attribute: '__NAME__', value: 'jdoe' }],
    ['eq on the uid column', { type: 'eq', attribute: 'uid', value: 'scarter' }],
    ['eq with a number compares numerically', { type: 'eq', attribute: 'age', value: 42 }],
    ['gt with a number', { type: 'gt', attribute: 'age', value: 41 }],
    ['ge with a number', { type: 'ge', attribute: 'age', value: 42 }],
    ['lt with a string compares lexically', { type: 'lt', attribute: 'age', value: '5' }],
    ['le on the uid', { type: 'le', attribute: '__UID__', value: 'jdoe' }],
    ['co', { type: 'co', attribute: 'email', value: 'jensen' }],
    ['sw', { type: 'sw', attribute: 'description', value: 'Created' }],
    ['ew', { type: 'ew', attribute: 'email', value: 'example.com' }],
    ['ca', { type: 'ca', attribute: 'firstName', value: 'Ann' }],
    ['pr', { type: 'pr', attribute: 'description' }],
    ['not pr (absent cells)', { type: 'not', filter: { type: 'pr', attribute: 'email' } }],
    ['unknown attribute', { type: 'eq', attribute: 'shoeSize', value: '42' }],
    ['not on an unknown attribute', { type: 'not', filter: { type: 'eq', attribute: 'shoeSize', value: '42' } }],
    ['and', { type: 'and', filters: [{ type: 'eq', attribute: 'age', value: '42' }, { type: 'sw', attribute: 'uid', value: 'k' }] }],
    ['or', { type: 'or', filters: [{ type: 'eq', attribute: 'firstName', value: 'John' }, { type: 'pr', attribute: 'description' }] }],
    [
      'and with a uid eq uses the index and checks the rest',
      { type: 'and', filters: [{ type: 'eq', attribute: '__UID__', value: 'bjensen' }, { type: 'eq', attribute: 'lastName', value: 'Doe' }] },
    ],
    [
      'or of uid eqs',
      { type: 'or', filters: [{ type: 'eq', attribute: '__NAME__', value: 'kvaughan' }, { type: 'eq', attribute: 'uid', value: 'bjensen' }, { type: 'eq', attribute: '__UID__', value: 'nobody' }] },
    ],
    ['uid eq with a number value', { type: 'eq', attribute: '__UID__', value: 7 }],
  ];

  test.each(cases)('when filtering with %s, then the result equals evaluateFilter over the objects, in file order', async (_name, filter) => {
    const c = connectorFor(PEOPLE);
    const everything = (await c.search(ACCOUNT, null, {}, CTX)).objects;
    const expected = everything.filter((o: ConnectorObject) => evaluateFilter(filter, o)).map((o) => o.uid.value);
    expect(await uids(c, filter)).toEqual(expected);
  });

  test('when filtering on the password, then nothing matches (the password is not readable)', async () => {
    const c = connectorFor(PEOPLE);
    expect(await uids(c, { type: 'eq', attribute: '__PASSWORD__', value: 'pw1' })).toEqual([]);
    expect(await uids(c, { type: 'pr', attribute: 'password' })).toEqual([]);
  });

  test('when filtering some cases, then the expected rows come back', async () => {
    const c = connectorFor(PEOPLE);
    expect(await uids(c, { type: 'eq', attribute: 'lastName', value: 'Jensen' })).toEqual(['bjensen']);
    expect(await uids(c, { type: 'gt', attribute: 'age', value: 41 })).toEqual(['bjensen', 'jdoe', 'kvaughan']);
    expect(await uids(c, { type: 'lt', attribute: 'age', value: '5' })).toEqual(['bjensen', 'jdoe', 'kvaughan']);
    expect(await uids(c, { type: 'or', filters: [{ type: 'eq', attribute: '__NAME__', value: 'kvaughan' }, { type: 'eq', attribute: 'uid', value: 'bjensen' }] })).toEqual(['bjensen', 'kvaughan']);
  });

  test('when the object class is not __ACCOUNT__, then no native translation is offered', () => {
    const c = connectorFor(PEOPLE);
    expect(c.translateFilter('__GROUP__', { type: 'pr', attribute: 'uid' })).toBeNull();
  });

  test('when a filter node has an unknown type, then translateFilter returns null', () => {
    const c = connectorFor(PEOPLE);
    const odd = { type: 'regex', attribute: 'uid', value: '.*' } as unknown as Filter;
    expect(c.translateFilter(ACCOUNT, { type: 'and', filters: [odd] })).toBeNull();
  });
});

describe('attributesToGet', () => {
  test('when attributesToGet is given, then each object has only those attributes plus __NAME__', async () => {
    const c = connectorFor(PEOPLE);
    const page = await c.search(ACCOUNT, null, { attributesToGet: ['__UID__', 'email'], pageSize: 2 }, CTX);
    expect(page.objects.map((o) => o.attributes)).toEqual([
      { __NAME__: 'bjensen', email: 'bjensen@example.com' },
      { __NAME__: 'scarter', email: 'scarter@example.com' },
    ]);
  });
});

describe('paging and sorting', () => {
  test('when paging with pageSize and cookies, then every match comes once, in order, with totalCount', async () => {
    const c = connectorFor(PEOPLE);
    const first = await c.search(ACCOUNT, null, { pageSize: 2 }, CTX);
    expect(first.objects.map((o) => o.uid.value)).toEqual(['bjensen', 'scarter']);
    expect(first.totalCount).toBe(5);
    expect(JSON.parse(Buffer.from(first.pagedResultsCookie!, 'base64url').toString('utf8'))).toEqual({ p: 2, u: 'scarter' });
    expect(await walk(c, null, { pageSize: 2 })).toEqual(['bjensen', 'scarter', 'jdoe', 'ajensen', 'kvaughan']);
  });

  test('when the last page is returned, then its cookie is null', async () => {
    const c = connectorFor(PEOPLE);
    const page = await c.search(ACCOUNT, null, { pageSize: 5 }, CTX);
    expect(page.objects).toHaveLength(5);
    expect(page.pagedResultsCookie).toBeNull();
  });

  test('when pagedResultsOffset is given, then that many matches are skipped', async () => {
    const c = connectorFor(PEOPLE);
    expect(await uids(c, null, { pagedResultsOffset: 3, pageSize: 10 })).toEqual(['ajensen', 'kvaughan']);
    const page = await c.search(ACCOUNT, null, { pagedResultsOffset: 1, pageSize: 2 }, CTX);
    expect(page.objects.map((o) => o.uid.value)).toEqual(['scarter', 'jdoe']);
    expect(page.totalCount).toBe(5);
    expect(await uids(c, null, { pagedResultsOffset: 99 })).toEqual([]);
  });

  test('when sorting ascending on a column, then absent values come last and ties keep file order', async () => {
    const c = connectorFor(PEOPLE);
    expect(await uids(c, null, { sortKeys: [{ attribute: 'description', ascending: true }] })).toEqual([
      'bjensen',
      'jdoe',
      'kvaughan',
      'scarter',
      'ajensen',
    ]);
  });

  test('when sorting descending, then absent values come first', async () => {
    const c = connectorFor(PEOPLE);
    expect(await uids(c, null, { sortKeys: [{ attribute: 'email', ascending: false }] })).toEqual([
      'jdoe',
      'scarter',
      'kvaughan',
      'bjensen',
      'ajensen',
    ]);
  });

  test('when sorting on two keys (values compare as strings) with a filter and paging, then pages follow the sorted order', async () => {
    const c = connectorFor(PEOPLE);
    const q = query(c, { type: 'pr', attribute: 'email' });
    const sortKeys = [
      { attribute: 'age', ascending: false },
      { attribute: '__NAME__', ascending: true },
    ];
    expect(await walk(c, q, { sortKeys, pageSize: 1 })).toEqual(['ajensen', 'scarter', 'bjensen', 'kvaughan']);
  });

  test('when sorting on the password, then the order is the file order (nothing leaks)', async () => {
    const c = connectorFor(PEOPLE);
    expect(await uids(c, null, { sortKeys: [{ attribute: '__PASSWORD__', ascending: false }] })).toEqual([
      'bjensen',
      'scarter',
      'jdoe',
      'ajensen',
      'kvaughan',
    ]);
  });

  test('when rows are deleted and added between pages, then the cookie resumes after the last uid returned', async () => {
    const c = connectorFor(PEOPLE);
    const first = await c.search(ACCOUNT, null, { pageSize: 3 }, CTX);
    expect(first.objects.map((o) => o.uid.value)).toEqual(['bjensen', 'scarter', 'jdoe']);
    await c.delete(ACCOUNT, { value: 'bjensen' }, { ...CTX, operation: 'DELETE' });
    await c.create(ACCOUNT, { __NAME__: 'zz' }, { ...CTX, operation: 'CREATE' });
    const second = await c.search(ACCOUNT, null, { pageSize: 3, pagedResultsCookie: first.pagedResultsCookie! }, CTX);
    expect(second.objects.map((o) => o.uid.value)).toEqual(['ajensen', 'kvaughan', 'zz']);
    expect(second.pagedResultsCookie).toBeNull();
  });

  test('when the cookie is not one this connector made, then InvalidArgumentError (a plain 400)', async () => {
    const c = connectorFor(PEOPLE);
    await expect(c.search(ACCOUNT, null, { pagedResultsCookie: 'not-a-cookie' }, CTX)).rejects.toThrow(InvalidArgumentError);
    const wrong = Buffer.from(JSON.stringify({ p: -1, u: 'x' })).toString('base64url');
    await expect(c.search(ACCOUNT, null, { pagedResultsCookie: wrong }, CTX)).rejects.toThrow(/Invalid pagedResultsCookie/);
  });

  test('when no pageSize is given, then pages have the natural size and a cookie leads on', async () => {
    const lines = ['uid,n'];
    for (let i = 0; i < CSV_NATURAL_PAGE_SIZE + 5; i++) lines.push(`u${i},${i}`);
    const c = connectorFor(lines.join('\n'));
    const first = await c.search(ACCOUNT, null, {}, CTX);
    expect(first.objects).toHaveLength(CSV_NATURAL_PAGE_SIZE);
    expect(first.totalCount).toBe(CSV_NATURAL_PAGE_SIZE + 5);
    const rest = await c.search(ACCOUNT, null, { pagedResultsCookie: first.pagedResultsCookie! }, CTX);
    expect(rest.objects.map((o) => o.uid.value)).toEqual(['u1000', 'u1001', 'u1002', 'u1003', 'u1004']);
  });
});

describe('the uid index on 100k rows', () => {
  const ROWS = 100_000;
  let bigDir: string;
  let c: CsvConnector;

  beforeAll(async () => {
    bigDir = mkdtempSync(join(tmpdir(), 'csv-search-100k-'));
    const file = join(bigDir, 'data.csv');
    const lines = ['uid,firstName,lastName,email,description,password'];
    for (let i = 0; i < ROWS; i++) lines.push(`user${i},First${i},Last${i % 1000},user${i}@example.com,"Row ${i}, quoted",pw${i}`);
    writeFileSync(file, lines.join('\n'));
    const connector = csvConnectorType.create({
      configurationProperties: { ...csvConnectorType.defaultConfigurationProperties, csvFile: file },
      systemName: 'csv',
    });
    if (!(connector instanceof CsvConnector)) throw new Error('expected a CsvConnector');
    c = connector;
    await c.search(ACCOUNT, null, { pageSize: 1 }, CTX); // first parse
  });

  afterAll(() => {
    rmSync(bigDir, { recursive: true, force: true });
  });

  test('when querying __UID__ eq on 100k rows, then the median query takes at most 5 ms', async () => {
    const timings: number[] = [];
    for (let i = 0; i < 200; i++) {
      const id = `user${(i * 7919) % ROWS}`;
      const start = performance.now();
      const page = await c.search(ACCOUNT, query(c, { type: 'eq', attribute: '__UID__', value: id }), {}, CTX);
      timings.push(performance.now() - start);
      expect(page.objects.map((o) => o.uid.value)).toEqual([id]);
    }
    timings.sort((a, b) => a - b);
    expect(timings[timings.length / 2]!).toBeLessThanOrEqual(5);
  });

  test('when querying the uid column or __NAME__ inside an and, then the index answers too', async () => {
    const start = performance.now();
    for (let i = 0; i < 100; i++) {
      const page = await c.search(
        ACCOUNT,
        query(c, { type: 'and', filters: [{ type: 'eq', attribute: 'lastName', value: 'Last1' }, { type: 'eq', attribute: 'uid', value: 'user99001' }] }),
        {},
        CTX,
      );
      expect(page.objects.map((o) => o.uid.value)).toEqual(['user99001']);
    }
    expect((performance.now() - start) / 100).toBeLessThan(5);
  });

  test('when scanning 100k rows with a non-uid filter and paging by cookie, then pages are exact', async () => {
    const q = query(c, { type: 'eq', attribute: 'lastName', value: 'Last7' });
    const all = await walk(c, q, { pageSize: 40 });
    expect(all).toHaveLength(100);
    expect(all[0]).toBe('user7');
    expect(all[99]).toBe('user99007');
  });

  test('when getting by uid on 100k rows, then it is answered from the index', async () => {
    const start = performance.now();
    for (let i = 0; i < 100; i++) expect((await c.get(ACCOUNT, { value: `user${i * 997}` }, {}, CTX))?.uid.value).toBe(`user${i * 997}`);
    expect((performance.now() - start) / 100).toBeLessThan(5);
  });
});
