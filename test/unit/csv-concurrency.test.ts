import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvConnectorType } from '../../src/connectors/csv/index.js';
import { CsvConnector } from '../../src/connectors/csv/csv-connector.js';
import { CsvFile } from '../../src/connectors/csv/csv-file.js';
import { CsvStore, RECHECK_MS } from '../../src/connectors/csv/csv-store.js';
import { AlreadyExistsError, OperationTimeoutError, PreconditionFailedError, UnknownUidError } from '../../src/provisioner/connector-errors.js';
import type { OperationContext, OperationName } from '../../src/provisioner/spi.js';

const ACCOUNT = '__ACCOUNT__';

function ctx(operation: OperationName): OperationContext {
  return { signal: new AbortController().signal, operation, options: {} };
}

let dir: string;
let file: string;

function connector(): CsvConnector {
  const c = csvConnectorType.create({
    configurationProperties: { ...csvConnectorType.defaultConfigurationProperties, csvFile: file },
    systemName: 'csv',
  });
  if (!(c instanceof CsvConnector)) throw new Error('expected a CsvConnector');
  return c;
}

function seed(rows: number): void {
  const lines = ['uid,lastName,description,password'];
  for (let i = 0; i < rows; i++) lines.push(`user${i},Last${i},,pw${i}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}

async function allRows(c: CsvConnector): Promise<Map<string, Readonly<Record<string, unknown>>>> {
  const page = await c.search(ACCOUNT, null, { pageSize: 100_000 }, ctx('SEARCH'));
  return new Map(page.objects.map((o) => [o.uid.value, o.attributes]));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'csv-concurrency-'));
  file = join(dir, 'data.csv');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('when 50 different rows are updated concurrently, then every update is in the file afterwards', async () => {
  seed(60);
  const c = connector();
  const uids = await Promise.all(
    Array.from({ length: 50 }, (_, i) => c.update(ACCOUNT, { value: `user${i}` }, { description: `changed ${i}` }, ctx('UPDATE'))),
  );
  expect(uids.map((u) => u.value)).toEqual(Array.from({ length: 50 }, (_, i) => `user${i}`));
  const fresh = await allRows(connector());
  for (let i = 0; i < 50; i++) expect(fresh.get(`user${i}`)?.['description']).toBe(`changed ${i}`);
  for (let i = 50; i < 60; i++) expect(fresh.get(`user${i}`)).not.toHaveProperty('description');
  expect(fresh.size).toBe(60);
});

test('when the same uid is created 20 times concurrently, then exactly one create succeeds', async () => {
  seed(3);
  const c = connector();
  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) => c.create(ACCOUNT, { __NAME__: 'dup', lastName: `L${i}` }, ctx('CREATE'))),
  );
  expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  expect(rejected).toHaveLength(19);
  for (const r of rejected) expect(r.reason).toBeInstanceOf(AlreadyExistsError);
  expect(readFileSync(file, 'utf8').match(/^"dup",/gm)).toHaveLength(1);
});

test('when two connectors on the same file write concurrently, then neither loses the other\'s changes', async () => {
  seed(40);
  const a = connector();
  const b = connector();
  await Promise.all([a.get(ACCOUNT, { value: 'user0' }, {}, ctx('GET')), b.get(ACCOUNT, { value: 'user0' }, {}, ctx('GET'))]);
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      (i % 2 === 0 ? a : b).update(ACCOUNT, { value: `user${i}` }, { description: `by ${i % 2 === 0 ? 'a' : 'b'}` }, ctx('UPDATE')),
    ),
  );
  const fresh = await allRows(connector());
  for (let i = 0; i < 40; i++) expect(fresh.get(`user${i}`)?.['description']).toBe(`by ${i % 2 === 0 ? 'a' : 'b'}`);
});

test('when two updates carry the same revision concurrently, then one succeeds and the other fails its precondition', async () => {
  seed(2);
  const c = connector();
  const current = (await c.get(ACCOUNT, { value: 'user1' }, {}, ctx('GET')))!.uid;
  const outcomes = await Promise.allSettled([
    c.update(ACCOUNT, current, { description: 'first' }, ctx('UPDATE')),
    c.update(ACCOUNT, current, { description: 'second' }, ctx('UPDATE')),
  ]);
  expect(outcomes[0].status).toBe('fulfilled');
  expect(outcomes[1].status === 'rejected' && outcomes[1].reason instanceof PreconditionFailedError).toBe(true);
  expect((await c.get(ACCOUNT, { value: 'user1' }, {}, ctx('GET')))?.attributes['description']).toBe('first');
});

test('when failing and succeeding operations run in one batch, then each gets its own outcome', async () => {
  seed(3);
  const c = connector();
  const outcomes = await Promise.allSettled([
    c.create(ACCOUNT, { __NAME__: 'user0' }, ctx('CREATE')),
    c.create(ACCOUNT, { __NAME__: 'fresh', lastName: 'F' }, ctx('CREATE')),
    c.update(ACCOUNT, { value: 'nobody' }, { lastName: 'X' }, ctx('UPDATE')),
    c.delete(ACCOUNT, { value: 'user2' }, ctx('DELETE')),
    c.update(ACCOUNT, { value: 'fresh' }, { description: 'seen in the same batch' }, ctx('UPDATE')),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  expect((outcomes[0] as PromiseRejectedResult).reason).toBeInstanceOf(AlreadyExistsError);
  expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(UnknownUidError);
  const fresh = await allRows(connector());
  expect([...fresh.keys()]).toEqual(['user0', 'user1', 'fresh']);
  expect(fresh.get('fresh')?.['description']).toBe('seen in the same batch');
});

test('when a queued write is aborted before it is applied, then it is dropped and rejects with OperationTimeoutError', async () => {
  seed(3);
  const c = connector();
  const controller = new AbortController();
  const kept = c.update(ACCOUNT, { value: 'user0' }, { description: 'kept' }, ctx('UPDATE'));
  const dropped = c.update(ACCOUNT, { value: 'user1' }, { description: 'dropped' }, { ...ctx('UPDATE'), signal: controller.signal });
  controller.abort(new OperationTimeoutError('UPDATE exceeded its timeout of 1 ms'));
  await expect(kept).resolves.toMatchObject({ value: 'user0' });
  await expect(dropped).rejects.toThrow(new OperationTimeoutError('UPDATE exceeded its timeout of 1 ms'));
  const fresh = await allRows(connector());
  expect(fresh.get('user0')?.['description']).toBe('kept');
  expect(fresh.get('user1')).not.toHaveProperty('description');
});

test('when creates, updates and deletes of different rows interleave, then the file ends consistent', async () => {
  seed(30);
  const c = connector();
  await Promise.all([
    ...Array.from({ length: 10 }, (_, i) => c.create(ACCOUNT, { __NAME__: `new${i}`, lastName: 'N' }, ctx('CREATE'))),
    ...Array.from({ length: 10 }, (_, i) => c.delete(ACCOUNT, { value: `user${i}` }, ctx('DELETE'))),
    ...Array.from({ length: 10 }, (_, i) => c.update(ACCOUNT, { value: `user${10 + i}` }, { __NAME__: `renamed${i}` }, ctx('UPDATE'))),
  ]);
  const fresh = await allRows(connector());
  expect(fresh.size).toBe(30);
  for (let i = 0; i < 10; i++) {
    expect(fresh.has(`new${i}`)).toBe(true);
    expect(fresh.has(`user${i}`)).toBe(false);
    expect(fresh.get(`renamed${i}`)?.['lastName']).toBe(`Last${10 + i}`);
  }
});

test('when another program changes the file, then a read after the re-check window sees the change', async () => {
  seed(2);
  const c = connector();
  expect((await c.get(ACCOUNT, { value: 'user1' }, {}, ctx('GET')))?.attributes['lastName']).toBe('Last1');
  writeFileSync(file, 'uid,lastName\nuser1,Edited elsewhere\nextra,E\n');
  await new Promise((r) => setTimeout(r, RECHECK_MS + 20));
  expect((await c.get(ACCOUNT, { value: 'user1' }, {}, ctx('GET')))?.attributes['lastName']).toBe('Edited elsewhere');
  expect(await c.get(ACCOUNT, { value: 'user0' }, {}, ctx('GET'))).toBeNull();
});

test('when another program changed the file before a write, then the write starts from its version', async () => {
  seed(2);
  const c = connector();
  await c.get(ACCOUNT, { value: 'user1' }, {}, ctx('GET'));
  writeFileSync(file, 'uid,lastName\nuser1,Edited elsewhere\nother,O\n');
  await c.create(ACCOUNT, { __NAME__: 'mine', lastName: 'M' }, ctx('CREATE'));
  expect([...(await allRows(connector())).keys()]).toEqual(['user1', 'other', 'mine']);
});

describe('the snapshot cache', () => {
  const options = { headerUid: 'uid', headerPassword: 'password', spaceReplacementString: '_' };
  const dialect = { delimiter: ',', quote: '"', escape: '\\', newline: '\n' };

  test('when the file is unchanged, then the same parsed table is served again', async () => {
    seed(5);
    const store = new CsvStore(new CsvFile(file, dialect, 0), options);
    const first = await store.snapshot();
    expect(await store.snapshot()).toBe(first);
  });

  test('when this store wrote the file, then its new table is served without re-parsing', async () => {
    seed(5);
    const store = new CsvStore(new CsvFile(file, dialect, 0), options);
    const before = await store.snapshot();
    await store.mutate((editor) => editor.remove('user0'));
    const after = await store.snapshot();
    expect(after).not.toBe(before);
    expect(after.get('user0')).toBeUndefined();
    expect(await store.snapshot()).toBe(after);
    expect(before.get('user0')).toBeDefined();
  });

  test('when the file changes on disk, then a fresh snapshot parses a new table (a cached one is trusted briefly)', async () => {
    seed(5);
    const store = new CsvStore(new CsvFile(file, dialect, 0), options);
    const first = await store.snapshot();
    writeFileSync(file, 'uid\nonly\n');
    expect(await store.snapshot()).toBe(first);
    const second = await store.snapshot({ fresh: true });
    expect(second).not.toBe(first);
    expect(second.rows.map((r) => r.uid)).toEqual(['only']);
  });
});

test('when two gateways write the same file (replicas on one volume, no shared process lock), then no create of either is lost', async () => {
  seed(10);
  // The second path reaches the same file through a symlinked directory, as another process would: no in-process lock is shared.
  const alias = `${dir}-alias`;
  symlinkSync(dir, alias);
  try {
    const first = connector();
    const second = csvConnectorType.create({
      configurationProperties: { ...csvConnectorType.defaultConfigurationProperties, csvFile: join(alias, 'data.csv') },
      systemName: 'csv-replica',
    });
    if (!(second instanceof CsvConnector)) throw new Error('expected a CsvConnector');
    const creates = [];
    for (let i = 0; i < 40; i++) {
      const target = i % 2 === 0 ? first : second;
      creates.push(target.create(ACCOUNT, { __NAME__: `replica${i}`, lastName: `R${i}` }, ctx('CREATE')));
      // Spread the writes so the two writers' batches interleave on disk.
      if (i % 4 === 3) await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(creates);
    const uids = [...(await allRows(connector())).keys()];
    expect(uids.filter((uid) => uid.startsWith('replica')).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `replica${i}`).sort());
    expect(uids).toHaveLength(50);
  } finally {
    rmSync(alias, { force: true });
  }
});

test('when a writer died holding the file lock, then the next write takes the stale lock over and succeeds', async () => {
  seed(3);
  const lock = `${file}.lock`;
  mkdirSync(lock);
  const minuteAgo = new Date(Date.now() - 60_000);
  utimesSync(lock, minuteAgo, minuteAgo);
  const c = connector();
  await c.create(ACCOUNT, { __NAME__: 'after-crash', lastName: 'Stale' }, ctx('CREATE'));
  expect((await allRows(connector())).has('after-crash')).toBe(true);
  expect(existsSync(lock)).toBe(false);
});
