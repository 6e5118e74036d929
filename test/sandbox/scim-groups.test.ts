import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { listenScimSandbox, type ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { SCIM_EXAMPLE_IDS, SCIM_SANDBOX_CREDENTIALS } from '../../src/sandbox/scim/scim-sandbox.js';
import type { ScimErrorResponse, ScimGroup, ScimListResponse, ScimUser } from '../../src/sandbox/scim/scim-wire.js';

const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const AUTH = { Authorization: `Bearer ${SCIM_SANDBOX_CREDENTIALS.bearerToken}` };
const { bjensen, testUser, groups } = SCIM_EXAMPLE_IDS;

let server: ListeningScimSandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-groups-'));
  server = await listenScimSandbox({ dataFile: join(dir, 'scim.json') });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => server.sandbox.reset());

const api = () => request(server.baseUrl);

async function getGroup(id: string): Promise<ScimGroup> {
  return (await api().get(`/v2/Groups/${id}`).set(AUTH).expect(200)).body as ScimGroup;
}

async function groupIdsOf(userId: string): Promise<string[]> {
  const user = (await api().get(`/v2/Users/${userId}`).set(AUTH).expect(200)).body as ScimUser;
  return (user.groups ?? []).map((g) => g.value).sort();
}

async function patchGroup(id: string, operations: object[]) {
  return api().patch(`/v2/Groups/${id}`).set(AUTH).send({ schemas: [PATCH_SCHEMA], Operations: operations });
}

describe('SCIM sandbox /v2/Groups', () => {
  test('when groups are listed, then the seven example groups come with members, display names and refs', async () => {
    const res = await api().get('/v2/Groups').set(AUTH).expect(200);

    const body = res.body as ScimListResponse<ScimGroup>;
    expect(body.totalResults).toBe(7);
    expect(body.Resources.map((g) => g.displayName)).toEqual(['Administrators', 'Engineering', 'Sales', 'Support', 'Finance', 'Marketing', 'All Staff']);
    const admins = body.Resources[0]!;
    expect(admins).toMatchObject({ schemas: [GROUP_SCHEMA], id: groups.administrators, meta: { resourceType: 'Group', version: 'W/"1"' } });
    expect(admins.members!.map((m) => m.display)).toEqual(['Alice Nguyen', 'Daniel Okafor', 'William Chen']);
    expect(admins.members![0]).toMatchObject({ type: 'User', $ref: expect.stringMatching(/\/sandbox\/scim\/v2\/Users\//) });
    const allStaff = body.Resources[6]!;
    expect(allStaff.members!.filter((m) => m.type === 'Group').map((m) => m.display)).toEqual(['Engineering', 'Sales', 'Support', 'Finance', 'Marketing']);
  });

  test('when a group is created with users and a group as members, then 201 and the users list it in groups', async () => {
    const res = await api()
      .post('/v2/Groups')
      .set(AUTH)
      .send({ schemas: [GROUP_SCHEMA], displayName: 'Travel', members: [{ value: bjensen }, { value: testUser, display: 'ignored' }, { value: groups.sales }, { value: bjensen }] });

    expect(res.status).toBe(201);
    const group = res.body as ScimGroup;
    expect(res.headers.location).toBe(`${server.baseUrl}/v2/Groups/${group.id}`);
    expect(group.members).toEqual([
      { value: bjensen, $ref: `${server.baseUrl}/v2/Users/${bjensen}`, display: 'Barbara Jensen', type: 'User' },
      { value: testUser, $ref: `${server.baseUrl}/v2/Users/${testUser}`, display: 'test user', type: 'User' },
      { value: groups.sales, $ref: `${server.baseUrl}/v2/Groups/${groups.sales}`, display: 'Sales', type: 'Group' },
    ]);
    expect(await groupIdsOf(bjensen)).toEqual([groups.sales, group.id].sort());
  });

  const invalid: [string, object, string, RegExp][] = [
    ['an unknown member', { displayName: 'X', members: [{ value: 'ghost' }] }, 'invalidValue', /ghost/],
    ['a member without value', { displayName: 'X', members: [{ display: 'who' }] }, 'invalidValue', /value/],
    ['no displayName', { members: [] }, 'invalidValue', /displayName' is required/],
    ['an unknown member attribute', { displayName: 'X', members: [{ value: bjensen, role: 'owner' }] }, 'invalidSyntax', /members\[0\]\.role/],
  ];
  test.each(invalid)('when a group is created with %s, then 400', async (_name, body, scimType, detail) => {
    const res = await api().post('/v2/Groups').set(AUTH).send(body);

    expect(res.status).toBe(400);
    expect(res.body as ScimErrorResponse).toMatchObject({ status: '400', scimType });
    expect((res.body as ScimErrorResponse).detail).toMatch(detail);
  });

  test('when a group is made a member of itself, then 400 invalidValue', async () => {
    const res = await api().put(`/v2/Groups/${groups.sales}`).set(AUTH).send({ displayName: 'Sales', members: [{ value: groups.sales }] });

    expect(res.status).toBe(400);
    expect((res.body as ScimErrorResponse).detail).toMatch(/itself/);
  });

  test('when a group is replaced, then its members are exactly the new ones', async () => {
    const res = await api().put(`/v2/Groups/${groups.finance}`).set(AUTH).send({ displayName: 'Finance & Legal', members: [{ value: bjensen }] });

    expect(res.status).toBe(200);
    expect(res.body as ScimGroup).toMatchObject({ displayName: 'Finance & Legal', members: [{ value: bjensen }], meta: { version: 'W/"2"' } });
    expect(await groupIdsOf(bjensen)).toContain(groups.finance);
  });

  test('when members are added by PATCH, then they are appended once and the user sees the group', async () => {
    const res = await patchGroup(groups.administrators, [{ op: 'add', path: 'members', value: [{ value: bjensen }, { value: bjensen }] }]);

    expect(res.status).toBe(200);
    expect((res.body as ScimGroup).members!.map((m) => m.value)).toHaveLength(4);
    expect(res.headers.etag).toBe('W/"2"');
    expect(await groupIdsOf(bjensen)).toContain(groups.administrators);
  });

  test('when a member is removed by members[value eq "…"], then only that member leaves', async () => {
    const before = await getGroup(groups.administrators);
    const leaving = before.members![1]!.value;

    const res = await patchGroup(groups.administrators, [{ op: 'remove', path: `members[value eq "${leaving}"]` }]);

    expect(res.status).toBe(200);
    expect((res.body as ScimGroup).members!.map((m) => m.value)).toEqual(before.members!.filter((m) => m.value !== leaving).map((m) => m.value));
    expect(await groupIdsOf(leaving)).not.toContain(groups.administrators);
  });

  test('when members are removed Entra-style (path members with a value list), then those leave', async () => {
    const before = await getGroup(groups.sales);
    const leaving = before.members!.slice(0, 2).map((m) => ({ value: m.value }));

    const res = await patchGroup(groups.sales, [{ op: 'Remove', path: 'members', value: leaving }]);

    expect((res.body as ScimGroup).members).toHaveLength(before.members!.length - 2);
  });

  test('when the members path is removed or replaced, then the group is emptied or refilled', async () => {
    const emptied = await patchGroup(groups.support, [{ op: 'remove', path: 'members' }]);
    expect((emptied.body as ScimGroup).members).toBeUndefined();

    const refilled = await patchGroup(groups.support, [{ op: 'replace', path: 'members', value: [{ value: testUser }] }]);
    expect((refilled.body as ScimGroup).members!.map((m) => m.value)).toEqual([testUser]);
  });

  test('when displayName is replaced with and without a path, then the group and its members’ groups show it', async () => {
    await patchGroup(groups.marketing, [{ op: 'replace', path: 'displayName', value: 'Growth' }]);
    const res = await patchGroup(groups.marketing, [{ op: 'replace', value: { displayName: 'Growth Marketing' } }]);

    expect((res.body as ScimGroup).displayName).toBe('Growth Marketing');
    const member = (res.body as ScimGroup).members![0]!.value;
    const user = (await api().get(`/v2/Users/${member}`).set(AUTH).expect(200)).body as ScimUser;
    expect(user.groups!.find((g) => g.value === groups.marketing)!.display).toBe('Growth Marketing');
  });

  test('when a member is added to an unknown id, then 400 and the group is unchanged', async () => {
    const res = await patchGroup(groups.sales, [{ op: 'add', path: 'members', value: [{ value: 'ghost' }] }]);

    expect(res.status).toBe(400);
    expect((await getGroup(groups.sales)).meta.version).toBe('W/"1"');
  });

  test('when a group is deleted, then 204, its users lose it, and the nesting group drops it', async () => {
    const res = await api().delete(`/v2/Groups/${groups.sales}`).set(AUTH);

    expect(res.status).toBe(204);
    await api().get(`/v2/Groups/${groups.sales}`).set(AUTH).expect(404);
    expect(await groupIdsOf(bjensen)).toEqual([]);
    const allStaff = await getGroup(groups.allStaff);
    expect(allStaff.members!.map((m) => m.value)).not.toContain(groups.sales);
    expect(allStaff.meta.version).toBe('W/"2"');
  });

  test('when the groups attribute of a user is written, then it is ignored on PUT and refused on PATCH', async () => {
    const put = await api().put(`/v2/Users/${testUser}`).set(AUTH).send({ userName: 'testuser', groups: [{ value: groups.sales }] });
    const patch = await api()
      .patch(`/v2/Users/${testUser}`)
      .set(AUTH)
      .send({ schemas: [PATCH_SCHEMA], Operations: [{ op: 'add', path: 'groups', value: [{ value: groups.sales }] }] });

    expect(put.status).toBe(200);
    expect((put.body as ScimUser).groups).toBeUndefined();
    expect(patch.status).toBe(400);
    expect((patch.body as ScimErrorResponse).scimType).toBe('mutability');
  });
});
