import { startBoxGateway, type BoxGateway } from '../support/box-gateway.js';
import { ADMIN } from '../support/gateway-harness.js';
import { shippedRestConf } from '../support/rest-gateway.js';

/**
 * The "query-parameter paging" recipe: conf/examples/provisioner.openicf-restbox.json drives the
 * Box sandbox with the SaaS REST connector alone — users by marker paging (the cookie is Box's
 * `next_marker`), groups by offset paging, memberships filled in by `additionalStep` calls,
 * `fields` from `attrToGetKey`, Box's subject in the token request. The native Box connector
 * (system `box`) on the same sandbox is the reference, and every request is checked against
 * Box's official spec.
 */
const USERS = '/openidm/system/restbox/__ACCOUNT__';
const GROUPS = '/openidm/system/restbox/__GROUP__';

let box: BoxGateway;
/** The calls of the first operation of the suite, before the native connector made any. */
let firstCalls: { method: string; path: string; body: string }[];

beforeAll(async () => {
  box = await startBoxGateway('rest-box', (c) => c, { restbox: shippedRestConf('examples/provisioner.openicf-restbox.json') });
  await box.gw.http.post('/openidm/system/restbox?_action=test').set(ADMIN);
  firstCalls = [...box.calls];
});
afterAll(async () => {
  await box.close();
});
beforeEach(async () => {
  await box.sandbox.reset();
  box.calls.length = 0;
});
afterEach(() => {
  expect(box.specViolations()).toEqual([]);
});

async function pagedIds(base: string, pageSize: number): Promise<string[]> {
  const seen: string[] = [];
  let cookie: string | undefined;
  do {
    const page: { status: number; body: { result: { _id: string }[]; pagedResultsCookie: string | null } } = await box.gw.http.get(base)
      .query({ _queryId: 'query-all-ids', _pageSize: pageSize, ...(cookie ? { _pagedResultsCookie: cookie } : {}) }).set(ADMIN);
    expect(page.status).toBe(200);
    expect(page.body.result.length).toBeLessThanOrEqual(pageSize);
    seen.push(...page.body.result.map((o) => o._id));
    cookie = page.body.pagedResultsCookie ?? undefined;
  } while (cookie);
  return seen.sort();
}

async function nativeIds(objectType: string): Promise<string[]> {
  const res = await box.gw.http.get(`/openidm/system/box/${objectType}`).query({ _queryId: 'query-all-ids' }).set(ADMIN);
  return (res.body.result as { _id: string }[]).map((o) => o._id).sort();
}

describe('SaaS REST recipe: Box (query-parameter paging, memberships by additionalStep)', () => {
  test('when users are paged by 2, then Box\'s next_marker is the cookie and every user comes once, as the native connector lists them', async () => {
    const ids = await pagedIds(USERS, 2);
    const lists = box.calls.filter((c) => c.method === 'GET' && c.path.startsWith('/2.0/users?'));
    expect(lists[0]!.path).toMatch(/[?&]usemarker=true/);
    expect(lists[0]!.path).not.toMatch(/marker=(&|$)/);
    expect(lists.slice(1).every((c) => /[?&]marker=[^&]+/.test(c.path))).toBe(true);
    expect(ids).toEqual(await nativeIds('__ACCOUNT__'));
  });

  test('when groups are paged by 3, then offset and limit walk the groups, as the native connector lists them', async () => {
    expect(await pagedIds(GROUPS, 3)).toEqual(await nativeIds('__GROUP__'));
    const offsets = box.calls.filter((c) => c.path.startsWith('/2.0/groups?')).map((c) => new URL(c.path, 'http://x').searchParams.get('offset'));
    expect(offsets.slice(0, 3)).toEqual(['0', '3', '6']);
  });

  test('when a user is read, then its groups come from the memberships additionalStep and equal the native connector\'s', async () => {
    const rest = await box.gw.http.get(`${USERS}/33012457813`).set(ADMIN);
    const native = await box.gw.http.get('/openidm/system/box/__ACCOUNT__/33012457813').set(ADMIN);
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ _id: '33012457813', __NAME__: 'dfernandez@nexter.net', name: native.body.__NAME__, login: native.body.login, role: 'user', status: 'active' });
    expect([...rest.body.groups].sort()).toEqual([...native.body.groups].sort());
    expect(box.calls.map((c) => `${c.method} ${c.path.split('?')[0]}`)).toContain('GET /2.0/users/33012457813/memberships');
  });

  test('when a group is read, then its members come from /groups/{id}/memberships', async () => {
    const rest = await box.gw.http.get(`${USERS}/33012457813`).set(ADMIN);
    const groupId = rest.body.groups[0] as string;
    const group = await box.gw.http.get(`${GROUPS}/${groupId}`).set(ADMIN);
    expect(group.status).toBe(200);
    expect(group.body.members).toContain('33012457813');
  });

  test('when only _fields=login is asked, then Box is asked for those fields and no membership call is made', async () => {
    const res = await box.gw.http.get(`${USERS}/33012457813`).query({ _fields: 'login' }).set(ADMIN);
    expect(res.body).toEqual({ _id: '33012457813', login: 'dfernandez@nexter.net' });
    const reads = box.calls.filter((c) => c.method === 'GET').map((c) => c.path);
    expect(reads).toEqual(['/2.0/users/33012457813?fields=id,login']);
  });

  test('when a user is created, updated and deleted, then Box holds each change and the native connector sees it', async () => {
    const created = await box.gw.http.post(`${USERS}?_action=create`).set(ADMIN).send({ name: 'Rest Recipe', login: 'rest.recipe@example.com', job_title: 'Tester', space_amount: 1073741824 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ __NAME__: 'rest.recipe@example.com', name: 'Rest Recipe', job_title: 'Tester', space_amount: 1073741824, groups: [] });
    const id = created.body._id as string;
    expect((await box.gw.http.get(`/openidm/system/box/__ACCOUNT__/${id}`).set(ADMIN)).body).toMatchObject({ login: 'rest.recipe@example.com', job_title: 'Tester' });
    const updated = await box.gw.http.put(`${USERS}/${id}`).set(ADMIN).send({ job_title: 'Lead', status: 'inactive' });
    expect(updated.status).toBe(200);
    expect((await box.gw.http.get(`/openidm/system/box/__ACCOUNT__/${id}`).set(ADMIN)).body).toMatchObject({ job_title: 'Lead', status: 'inactive' });
    expect((await box.gw.http.delete(`${USERS}/${id}`).set(ADMIN)).status).toBe(200);
    expect((await box.gw.http.get(`/openidm/system/box/__ACCOUNT__/${id}`).set(ADMIN)).status).toBe(404);
    expect(box.calls.some((c) => c.method === 'DELETE' && c.path === `/2.0/users/${id}?force=true`)).toBe(true);
  });

  test('when a login already used is created again, then Box\'s 409 is IDM\'s 412', async () => {
    const res = await box.gw.http.post(`${USERS}?_action=create`).set(ADMIN).send({ name: 'Dup', login: 'dfernandez@nexter.net' });
    expect(res.status).toBe(412);
  });

  test('when the token is requested, then Box\'s subject travels as tokenRequestParameters', async () => {
    const token = firstCalls.find((c) => c.path === '/oauth2/token');
    expect(token).toBeDefined();
    expect(new URLSearchParams(token!.body).get('box_subject_type')).toBe('enterprise');
    expect(new URLSearchParams(token!.body).get('box_subject_id')).toBe('1162568706');
  });
});
