import { SEED_EXISTING_GROUP_IDS } from '../../src/sandbox/box/box-sandbox.js';
import { BoxHarness } from './box-test-harness.js';

let h: BoxHarness;
beforeAll(async () => {
  h = await BoxHarness.start();
});
afterAll(async () => {
  await h.close();
});

type Entry = Record<string, unknown>;

describe('Box sandbox: groups and memberships', () => {
  test('when the seed\'s groups are read, then they exist', async () => {
    for (const id of SEED_EXISTING_GROUP_IDS) {
      const reply = await h.api('GET', `/groups/${id}`);
      expect(reply.status).toBe(200);
      expect(reply.json).toMatchObject({ type: 'group', id });
    }
  });

  test('when groups are paged by offset to the end, then every group comes once', async () => {
    const total = (await h.api('GET', '/groups?limit=1')).json.total_count as number;
    expect(total).toBeGreaterThanOrEqual(10);
    const ids: string[] = [];
    for (let offset = 0; offset < total; offset += 4) {
      ids.push(...((await h.api('GET', `/groups?limit=4&offset=${offset}`)).json.entries as Entry[]).map((e) => e.id as string));
    }
    expect(new Set(ids).size).toBe(total);
  });

  test('when filter_term is given, then groups whose name starts with it answer', async () => {
    const reply = await h.api('GET', '/groups?filter_term=Desi');
    expect((reply.json.entries as Entry[]).map((e) => e.name)).toContain('Design');
    expect((reply.json.entries as Entry[]).every((e) => (e.name as string).toLowerCase().startsWith('desi'))).toBe(true);
  });

  test('when a group is created, updated and deleted, then 201, 200 and 204', async () => {
    const created = await h.api('POST', '/groups', { body: { name: 'Sandbox Test Group', description: 'made by a test' } });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const updated = await h.api('PUT', `/groups/${id}`, { body: { description: 'changed' } });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ type: 'group', id });
    expect((await h.api('GET', `/groups/${id}?fields=description`)).json).toMatchObject({ id, description: 'changed' });
    expect((await h.api('DELETE', `/groups/${id}`)).status).toBe(204);
    expect((await h.api('GET', `/groups/${id}`)).status).toBe(404);
  });

  test('when a group name is taken, then 409 conflict', async () => {
    const reply = await h.api('POST', '/groups', { body: { name: 'Design' } });
    expect(reply.status).toBe(409);
    expect(reply.json).toMatchObject({ type: 'error', status: 409 });
  });

  test('when a membership is added, changed and removed, then the group\'s member list follows', async () => {
    const users = (await h.api('GET', '/users?limit=1000')).json.entries as Entry[];
    const inDesign = new Set(((await h.api('GET', '/groups/20013904699/memberships?limit=1000')).json.entries as Entry[]).map((e) => (e.user as Entry).id));
    const user = users.find((u) => !inDesign.has(u.id))!;
    const added = await h.api('POST', '/group_memberships', { body: { user: { id: user.id }, group: { id: '20013904699' }, role: 'member' } });
    expect(added.status).toBe(201);
    const membershipId = added.json.id as string;
    expect((await h.api('GET', `/group_memberships/${membershipId}`)).json).toMatchObject({ role: 'member' });
    expect((await h.api('PUT', `/group_memberships/${membershipId}`, { body: { role: 'admin' } })).json).toMatchObject({ role: 'admin' });
    const twice = await h.api('POST', '/group_memberships', { body: { user: { id: user.id }, group: { id: '20013904699' } } });
    expect(twice.status).toBe(409);
    expect((await h.api('DELETE', `/group_memberships/${membershipId}`)).status).toBe(204);
    const after = ((await h.api('GET', '/groups/20013904699/memberships?limit=1000')).json.entries as Entry[]).map((e) => (e.user as Entry).id);
    expect(after).not.toContain(user.id);
  });

  test('when a membership names an unknown user or group, then 404', async () => {
    expect((await h.api('POST', '/group_memberships', { body: { user: { id: '1' }, group: { id: '20013904699' } } })).status).toBe(404);
    expect((await h.api('POST', '/group_memberships', { body: { user: { id: '32996521506' }, group: { id: '1' } } })).status).toBe(404);
  });

  test('every answer of this file matches the official Box OpenAPI spec', () => {
    expect(h.checked).toBeGreaterThan(10);
    expect(h.violations).toEqual([]);
  });
});
