import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { encodeCursor, queryFingerprint } from '../../src/sandbox/scim/cursor.js';
import { listenScimSandbox, type ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { generateUsers, SCIM_SANDBOX_CREDENTIALS } from '../../src/sandbox/scim/scim-sandbox.js';
import type { ScimErrorResponse, ScimListResponse, ScimUser } from '../../src/sandbox/scim/scim-wire.js';

const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SEARCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const AUTH = { Authorization: `Bearer ${SCIM_SANDBOX_CREDENTIALS.bearerToken}` };
const ALL_USERS = 41;

let server: ListeningScimSandbox;
let dir: string;
let allIds: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-paging-'));
  server = await listenScimSandbox({ dataFile: join(dir, 'scim.json') });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await server.sandbox.reset();
  const res = await api().get('/v2/Users').query({ count: 1000 }).set(AUTH).expect(200);
  allIds = (res.body as ScimListResponse<ScimUser>).Resources.map((u) => u.id);
});

const api = () => request(server.baseUrl);

async function list(query: Record<string, string | number>): Promise<ScimListResponse<ScimUser>> {
  const res = await api().get('/v2/Users').query(query).set(AUTH);
  expect(res.status).toBe(200);
  return res.body as ScimListResponse<ScimUser>;
}

describe('SCIM sandbox paging', () => {
  test('when no paging parameter is sent, then every user comes in one ListResponse from startIndex 1', async () => {
    const body = await list({});

    expect(body).toMatchObject({ schemas: [LIST_SCHEMA], totalResults: ALL_USERS, startIndex: 1, itemsPerPage: ALL_USERS });
    expect(body.nextCursor).toBeUndefined();
    expect(body.Resources[0]!.id).toBe('USER_ID');
    expect(new Set(allIds).size).toBe(ALL_USERS);
  });

  test('when paging by startIndex/count to the end, then every user comes once, in order, without cursors', async () => {
    const seen: string[] = [];
    for (let startIndex = 1; ; startIndex += 7) {
      const page = await list({ startIndex, count: 7 });
      expect(page.totalResults).toBe(ALL_USERS);
      expect(page.startIndex).toBe(startIndex);
      expect(page.nextCursor).toBeUndefined();
      expect(page.itemsPerPage).toBe(page.Resources.length);
      if (page.Resources.length === 0) break;
      seen.push(...page.Resources.map((u) => u.id));
    }

    expect(seen).toEqual(allIds);
  });

  test('when paging by the 0-based offset alias with limit, then the pages match startIndex = offset + 1', async () => {
    const byOffset = await list({ offset: 10, limit: 5 });
    const byIndex = await list({ startIndex: 11, count: 5 });

    expect(byOffset.startIndex).toBe(11);
    expect(byOffset.Resources.map((u) => u.id)).toEqual(byIndex.Resources.map((u) => u.id));
  });

  test('when paging by cursor to the end, then every user comes once, in order, and previousCursor goes back', async () => {
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    let secondPagePrevious: string | undefined;
    for (;;) {
      const page = await list({ cursor, count: 7 });
      pages += 1;
      expect(page.totalResults).toBe(ALL_USERS);
      if (pages === 1) expect(page.previousCursor).toBeUndefined();
      if (pages === 2) secondPagePrevious = page.previousCursor;
      seen.push(...page.Resources.map((u) => u.id));
      if (!page.nextCursor) break;
      expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
      cursor = page.nextCursor;
    }

    expect(pages).toBe(6);
    expect(seen).toEqual(allIds);
    const back = await list({ cursor: secondPagePrevious!, count: 7 });
    expect(back.Resources.map((u) => u.id)).toEqual(allIds.slice(0, 7));
  });

  test('when a plain GET has a count, then nextCursor continues it by cursor', async () => {
    const first = await list({ count: 30 });
    const second = await list({ cursor: first.nextCursor!, count: 30 });

    expect([...first.Resources, ...second.Resources].map((u) => u.id)).toEqual(allIds);
    expect(second.nextCursor).toBeUndefined();
  });

  test('when paging by cursor with a filter and a descending sort, then the pages cover exactly that query', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (;;) {
      const page = await list({ cursor, count: 5, filter: 'active eq true', sortBy: 'userName', sortOrder: 'descending', attributes: 'userName' });
      seen.push(...page.Resources.map((u) => u.userName));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }

    expect(seen).toHaveLength(ALL_USERS - 3);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  test('when paging through POST /.search with string-valued body parameters, then it reaches the end', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (;;) {
      const res = await api().post('/v2/Users/.search').set(AUTH).send({ schemas: [SEARCH_SCHEMA], cursor, count: '9' }).expect(200);
      const page = res.body as ScimListResponse<ScimUser>;
      seen.push(...page.Resources.map((u) => u.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }

    expect(seen).toEqual(allIds);
  });

  test('when POST /.search pages by startIndex and filters, then it answers like GET', async () => {
    const res = await api()
      .post('/v2/Users/.search')
      .set(AUTH)
      .send({ filter: 'userType eq "Employee"', startIndex: 2, count: 3, attributes: ['userName'], sortBy: 'userName' })
      .expect(200);
    const get = await list({ filter: 'userType eq "Employee"', startIndex: 2, count: 3, attributes: 'userName', sortBy: 'userName' });

    expect(res.body).toEqual(get);
  });

  test('when count is 0, then only totalResults is answered', async () => {
    const body = await list({ count: 0 });

    expect(body).toMatchObject({ totalResults: ALL_USERS, itemsPerPage: 0, Resources: [] });
    expect(body.nextCursor).toBeUndefined();
  });

  test('when startIndex is past the end or below 1, then an empty page or the first page', async () => {
    const past = await list({ startIndex: 500, count: 5 });
    const below = await list({ startIndex: -3, count: 2 });

    expect(past).toMatchObject({ totalResults: ALL_USERS, startIndex: 500, itemsPerPage: 0, Resources: [] });
    expect(below.startIndex).toBe(1);
    expect(below.Resources.map((u) => u.id)).toEqual(allIds.slice(0, 2));
  });

  test('when count exceeds the maximum, then pages hold 1000 users (and generated users are listed)', async () => {
    server.sandbox.addUsers(generateUsers(1200));

    const body = await list({ count: 5000, attributes: 'userName' });

    expect(body.totalResults).toBe(ALL_USERS + 1200);
    expect(body.itemsPerPage).toBe(1000);
    expect(body.Resources[ALL_USERS]!.userName).toBe('bench.user.000001');
    const filtered = await list({ filter: 'userName eq "bench.user.001200"' });
    expect(filtered.totalResults).toBe(1);
  });

  test('when the directory changes between two filtered requests, then the second sees the change', async () => {
    const before = await list({ filter: 'userName sw "zz"', sortBy: 'userName' });
    await api().post('/v2/Users').set(AUTH).send({ userName: 'zz.top' }).expect(201);

    const after = await list({ filter: 'userName sw "zz"', sortBy: 'userName' });

    expect(before.totalResults).toBe(0);
    expect(after.Resources.map((u) => u.userName)).toEqual(['zz.top']);
  });

  const badParameters: [string, string, Record<string, string>, RegExp][] = [
    ['a non-numeric count', 'invalidValue', { count: 'ten' }, /count/],
    ['a non-numeric startIndex', 'invalidValue', { startIndex: '1.5' }, /startIndex/],
    ['cursor and startIndex together', 'invalidValue', { cursor: '', startIndex: '1' }, /cursor/],
    ['a garbage cursor', 'invalidCursor', { cursor: 'not-a-cursor' }, /not valid/],
    ['a bad sortOrder', 'invalidValue', { sortBy: 'userName', sortOrder: 'sideways' }, /sortOrder/],
    ['an unknown sortBy', 'invalidValue', { sortBy: 'shoeSize' }, /shoeSize/],
    ['a complex sortBy', 'invalidValue', { sortBy: 'name' }, /complex/],
  ];
  test.each(badParameters)('when the request has %s, then 400 %s', async (_name, scimType, query, detail) => {
    const res = await api().get('/v2/Users').query(query).set(AUTH);

    expect(res.status).toBe(400);
    expect(res.body as ScimErrorResponse).toMatchObject({ status: '400', scimType });
    expect((res.body as ScimErrorResponse).detail).toMatch(detail);
  });

  test('when a cursor from another query is replayed, then 400 invalidCursor', async () => {
    const page = await list({ count: 5, filter: 'active eq true' });

    const res = await api().get('/v2/Users').query({ count: 5, cursor: page.nextCursor! }).set(AUTH);

    expect(res.status).toBe(400);
    expect(res.body as ScimErrorResponse).toMatchObject({ scimType: 'invalidCursor', detail: 'The cursor belongs to a different query' });
  });

  test('when a cursor is older than the cursor timeout, then 400 expiredCursor', async () => {
    const stale = encodeCursor(5, queryFingerprint(['User', undefined, undefined, 'ascending']), Date.now() - 2 * 3600 * 1000);

    const res = await api().get('/v2/Users').query({ count: 5, cursor: stale }).set(AUTH);

    expect(res.status).toBe(400);
    expect((res.body as ScimErrorResponse).scimType).toBe('expiredCursor');
  });
});

describe('SCIM sandbox sorting and attribute selection', () => {
  test('when sorted by name.familyName, then ascending and descending are mirror images', async () => {
    const ascending = (await list({ sortBy: 'name.familyName', attributes: 'name.familyName' })).Resources.map((u) => u.name!.familyName!);
    const descending = (await list({ sortBy: 'NAME.FAMILYNAME', sortOrder: 'descending', attributes: 'name.familyName' })).Resources.map(
      (u) => u.name!.familyName!,
    );

    expect(ascending[0]).toBe('Adeyemi');
    expect(ascending.map((n) => n.toLowerCase())).toEqual([...ascending].map((n) => n.toLowerCase()).sort());
    expect(descending).toEqual([...ascending].reverse());
  });

  test('when sorted by meta.created descending, then the newest user comes first', async () => {
    await api().post('/v2/Users').set(AUTH).send({ userName: 'newest' }).expect(201);

    const body = await list({ sortBy: 'meta.created', sortOrder: 'descending', count: 2 });

    expect(body.Resources[0]!.userName).toBe('newest');
  });

  test('when sorted by a multi-valued attribute, then its primary value is the key, and users without one come last', async () => {
    await api().post('/v2/Users').set(AUTH).send({ userName: 'no.email' }).expect(201);

    const body = await list({ sortBy: 'emails', attributes: 'userName,emails', count: 1000 });

    expect(body.Resources[0]!.emails![0]!.value).toBe('aaron.levy@example.com');
    expect(body.Resources.at(-1)!.userName).toBe('no.email');
  });

  test('when attributes is given, then resources hold only those plus schemas and id', async () => {
    const body = await list({ attributes: 'userName,emails.value', count: 3 });

    for (const user of body.Resources) {
      expect(Object.keys(user).sort()).toEqual(['emails', 'id', 'schemas', 'userName']);
      for (const email of user.emails!) expect(Object.keys(email)).toEqual(['value']);
    }
  });

  test('when excludedAttributes is given, then those are left out but id is kept', async () => {
    const body = await list({ excludedAttributes: 'emails,groups,meta,id,name.givenName', count: 3 });

    for (const user of body.Resources) {
      expect(user.id).toBeDefined();
      expect(user.emails).toBeUndefined();
      expect(user.groups).toBeUndefined();
      expect(user.meta).toBeUndefined();
      expect(user.name!.givenName).toBeUndefined();
      expect(user.name!.familyName).toBeDefined();
    }
  });
});
