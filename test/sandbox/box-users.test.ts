import { BOX_SANDBOX_CREDENTIALS, SEED_CREATED_USER_IDS } from '../../src/sandbox/box/box-sandbox.js';
import { allUsersByMarker, BoxHarness } from './box-test-harness.js';

let h: BoxHarness;
beforeAll(async () => {
  h = await BoxHarness.start();
});
afterAll(async () => {
  await h.close();
});

type Entry = Record<string, unknown>;

describe('Box sandbox: /2.0/users', () => {
  test('when users are listed by offset to the end, then every user comes once and total_count agrees', async () => {
    const first = await h.api('GET', '/users?limit=10');
    expect(first.status).toBe(200);
    const total = first.json.total_count as number;
    expect(total).toBeGreaterThanOrEqual(30);
    const ids: string[] = [];
    for (let offset = 0; offset < total; offset += 10) {
      const page = await h.api('GET', `/users?limit=10&offset=${offset}`);
      expect(page.json).toMatchObject({ offset, limit: 10, total_count: total });
      ids.push(...(page.json.entries as Entry[]).map((e) => e.id as string));
    }
    expect(new Set(ids).size).toBe(total);
  });

  test('when users are listed with markers, then the walk reaches the end with the same users and no total_count', async () => {
    const { ids, pages } = await allUsersByMarker(h, '', 7);
    const byOffset = await h.api('GET', '/users?limit=1000');
    expect(new Set(ids)).toEqual(new Set((byOffset.json.entries as Entry[]).map((e) => e.id)));
    expect(pages.slice(0, -1).every((n) => n === 7)).toBe(true);
    const page = await h.api('GET', '/users?usemarker=true&limit=5');
    expect(page.json).not.toHaveProperty('total_count');
    expect(typeof page.json.next_marker).toBe('string');
  });

  test('when limit is over the maximum, then 1000 apply; when it is not a number or the marker is garbage, then 400', async () => {
    expect((await h.api('GET', '/users?limit=5000')).json.limit).toBe(1000);
    expect((await h.api('GET', '/users?limit=ten')).status).toBe(400);
    expect((await h.api('GET', '/users?usemarker=true&marker=not-a-marker')).status).toBe(400);
  });

  test('when filter_term is given, then only users whose name or login starts with it come back', async () => {
    const reply = await h.api('GET', '/users?filter_term=vrojas');
    const entries = reply.json.entries as Entry[];
    expect(entries.map((e) => e.login)).toEqual(['vrojas@nexter.net']);
  });

  test('when fields are asked, then the mini representation (type, id, name, login) plus those fields answer', async () => {
    const reply = await h.api('GET', `/users/${BOX_SANDBOX_CREDENTIALS.adminUserId}?fields=role,enterprise,is_sync_enabled`);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json).sort()).toEqual(['enterprise', 'id', 'is_sync_enabled', 'login', 'name', 'role', 'type'].sort());
    expect(reply.json.role).toBe('admin');
  });

  test('when /users/me is read with the enterprise token, then the Service Account answers', async () => {
    const reply = await h.api('GET', '/users/me');
    expect(reply.json).toMatchObject({ type: 'user', id: BOX_SANDBOX_CREDENTIALS.serviceAccountId, login: BOX_SANDBOX_CREDENTIALS.serviceAccountLogin });
  });

  test('when a user is created, read, updated and deleted, then each step answers as Box does', async () => {
    const created = await h.api('POST', '/users', { body: { name: 'Ana Lucía Ríos', login: 'arios-crud@example.com', job_title: 'Analyst' } });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json).toMatchObject({ type: 'user', name: 'Ana Lucía Ríos', login: 'arios-crud@example.com', status: 'active' });

    const updated = await h.api('PUT', `/users/${id}`, { body: { job_title: 'Lead Analyst', status: 'inactive' } });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ job_title: 'Lead Analyst', status: 'inactive' });
    expect((await h.api('GET', `/users/${id}`)).json).toMatchObject({ job_title: 'Lead Analyst' });

    const deleted = await h.api('DELETE', `/users/${id}?force=true&notify=false`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await h.api('GET', `/users/${id}`)).status).toBe(404);
  });

  test('when the first users are created after a reset, then they get the ids the seed shows', async () => {
    await h.sandbox.reset();
    const jane = await h.api('POST', '/users', { body: { name: 'Jane Doe', login: 'janeDoe@example.com' } });
    expect(jane.json.id).toBe(SEED_CREATED_USER_IDS[0]);
  });

  test('when a login is taken, then 409 user_login_already_used', async () => {
    const reply = await h.api('POST', '/users', { body: { name: 'Again', login: 'vrojas@nexter.net' } });
    expect(reply.status).toBe(409);
    expect(reply.json).toMatchObject({ type: 'error', status: 409, code: 'user_login_already_used' });
  });

  test('when a user does not exist, then 404 not_found in Box\'s error body', async () => {
    for (const [method, body] of [['GET', undefined], ['PUT', { name: 'x' }], ['DELETE', undefined]] as const) {
      const reply = await h.api(method, '/users/999', body ? { body } : {});
      expect(reply.status).toBe(404);
      expect(reply.json).toMatchObject({ type: 'error', status: 404, code: 'not_found' });
      expect(typeof reply.json.request_id).toBe('string');
    }
  });

  test('when a create lacks name or has a bad login, then 400', async () => {
    const reply = await h.api('POST', '/users', { body: { login: 'noname@example.com' } });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ type: 'error', status: 400 });
  });

  test('when the body is not JSON, then 400 and nothing is created', async () => {
    const before = (await h.api('GET', '/users?limit=1')).json.total_count;
    const reply = await h.request('POST', '/2.0/users', { token: await h.token(), raw: { contentType: 'application/json', text: '{"name": ' } });
    expect(reply.status).toBe(400);
    expect((await h.api('GET', '/users?limit=1')).json.total_count).toBe(before);
  });

  test('when a user\'s memberships are listed, then group_membership entries with offset paging answer', async () => {
    const groups = await h.api('GET', '/groups/20013904637/memberships?limit=1');
    const member = ((groups.json.entries as Entry[])[0]!.user as Entry).id as string;
    const reply = await h.api('GET', `/users/${member}/memberships`);
    expect(reply.status).toBe(200);
    expect((reply.json.entries as Entry[]).some((e) => (e.group as Entry).id === '20013904637')).toBe(true);
  });

  test('every answer of this file matches the official Box OpenAPI spec', () => {
    expect(h.checked).toBeGreaterThan(20);
    expect(h.violations).toEqual([]);
  });
});
