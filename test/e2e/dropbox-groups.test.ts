import { EXAMPLE_IDS } from '../../src/sandbox/dropbox/dropbox-sandbox.js';
import { type RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import { startDropboxGateway } from '../support/dropbox-gateway.js';
import { ADMIN, type Gateway } from '../support/gateway-harness.js';

const GROUPS = '/openidm/system/dropbox/__GROUP__';
const ROLES = '/openidm/system/dropbox/role';
let sandbox: RunningDropboxSandbox;
let gw: Gateway;

beforeAll(async () => {
  ({ sandbox, gw } = await startDropboxGateway('dropbox-groups'));
});
afterAll(async () => {
  await gw.close();
  await sandbox.close();
});
beforeEach(() => sandbox.sandbox.reset());

const url = (id: string): string => `${GROUPS}/${encodeURIComponent(id)}`;

/** A group as the sandbox holds it (backend state). */
function group(id: string) {
  return sandbox.sandbox.state.data.groups.find((g) => g.group_id === id);
}

/** Its members as `team_member_id → access type`, from the sandbox. */
function membership(id: string): Record<string, string> {
  return Object.fromEntries(group(id)!.members.map((m) => [m.team_member_id, m.access_type]));
}

function byName(given: string): string {
  return sandbox.sandbox.state.data.members.find((m) => m.name.given_name === given)!.team_member_id;
}

describe('reading groups', () => {
  test('when a group is read, then its members come with their access type', async () => {
    const res = await gw.http.get(url(EXAMPLE_IDS.engineeringGroupId)).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      _id: EXAMPLE_IDS.engineeringGroupId, group_id: EXAMPLE_IDS.engineeringGroupId, group_name: 'Engineering',
      group_external_id: 'grp-engineering', group_management_type: 'user_managed', member_count: 7,
    });
    expect(res.body.members).toHaveLength(7);
    expect(res.body.members).toContainEqual({ access_type: 'owner', team_member_id: EXAMPLE_IDS.activeMemberId });
  });

  test('when a group without external id is read, then group_external_id is absent', async () => {
    const res = await gw.http.get(url('g:3ad824328b86862913a190d0c6b392a4')).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.group_name).toBe('Leadership');
    expect(res.body).not.toHaveProperty('group_external_id');
  });

  test('when the system-managed group is read, then every current member is listed as member', async () => {
    const res = await gw.http.get(url(EXAMPLE_IDS.everyoneGroupId)).set(ADMIN);
    expect(res.status).toBe(200);
    const current = sandbox.sandbox.state.data.members.filter((m) => m.status !== 'removed');
    expect(res.body).toMatchObject({ group_management_type: 'system_managed', member_count: current.length });
    expect(res.body.members).toHaveLength(current.length);
    expect(res.body.members.every((m: { access_type: string }) => m.access_type === 'member')).toBe(true);
  });

  test('when groups are looked up by external id, then the one group comes back', async () => {
    const res = await gw.http.get(GROUPS).query({ _queryFilter: 'group_external_id eq "grp-sales-emea"', _fields: 'group_name' }).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual([{ _id: EXAMPLE_IDS.salesGroupId, group_name: 'Sales EMEA' }]);
  });

  test('when groups are filtered by management type, then exactly the matching groups come back', async () => {
    const res = await gw.http.get(GROUPS).query({ _queryFilter: 'group_management_type eq "user_managed"', _fields: 'group_name' }).set(ADMIN);
    expect(res.status).toBe(200);
    const expected = sandbox.sandbox.state.data.groups.filter((g) => g.group_management_type === 'user_managed').map((g) => g.group_name);
    expect(res.body.result.map((g: { group_name: string }) => g.group_name).sort()).toEqual([...expected].sort());
  });

  test('when an unknown group is read, then 404', async () => {
    const res = await gw.http.get(url('g:00000000000000000000000000000000')).set(ADMIN);
    expect(res.status).toBe(404);
  });
});

describe('creating groups', () => {
  test('when a group is created with members, then Dropbox holds them with their access type', async () => {
    const res = await gw.http.post(`${GROUPS}?_action=create`).set(ADMIN).send({
      group_name: 'Design Guild', group_external_id: 'guild-1', group_management_type: 'user_managed',
      members: [{ team_member_id: 'TEAM_MEMBER_ID', access_type: 'owner' }, { team_member_id: EXAMPLE_IDS.activeMemberId }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ group_name: 'Design Guild', member_count: 2, group_management_type: 'user_managed' });
    expect(membership(res.body._id)).toEqual({ TEAM_MEMBER_ID: 'owner', [EXAMPLE_IDS.activeMemberId]: 'member' });
  });

  test('when a member of the new group is not on the team, then 400 and no group is created', async () => {
    const before = sandbox.sandbox.state.data.groups.length;
    const res = await gw.http.post(`${GROUPS}?_action=create`).set(ADMIN).send({
      group_name: 'Ghosts', group_external_id: 'ghosts', members: [{ team_member_id: 'dbmid:nobody' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.detail.reason).toMatch(/dbmid:nobody/);
    expect(sandbox.sandbox.state.data.groups).toHaveLength(before);
  });

  test('when the group name is taken, then 412', async () => {
    const res = await gw.http.post(`${GROUPS}?_action=create`).set(ADMIN).send({ group_name: 'Engineering', group_external_id: 'other' });
    expect(res.status).toBe(412);
    expect(res.body.reason).toBe('Precondition Failed');
  });

  test('when the external id is missing, then 400 as the seed marks it required', async () => {
    const res = await gw.http.post(`${GROUPS}?_action=create`).set(ADMIN).send({ group_name: 'No external id' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("Required attribute 'group_external_id' value is null");
  });

  test('when the management type is system_managed, then 400 names the allowed values', async () => {
    const res = await gw.http.post(`${GROUPS}?_action=create`).set(ADMIN).send({ group_name: 'X', group_external_id: 'x', group_management_type: 'system_managed' });
    expect(res.status).toBe(400);
    expect(res.body.detail.reason).toMatch(/company_managed, user_managed/);
  });
});

describe('updating groups', () => {
  test('when the members list changes, then Dropbox adds, removes and changes access types to match', async () => {
    const kenji = byName('Kenji');
    const emily = byName('Emily');
    const current = await gw.http.get(url(EXAMPLE_IDS.engineeringGroupId)).set(ADMIN);
    const members = current.body.members
      .filter((m: { team_member_id: string }) => m.team_member_id !== emily)
      .map((m: { team_member_id: string; access_type: string }) => {
        if (m.team_member_id === EXAMPLE_IDS.activeMemberId) return { ...m, access_type: 'member' };
        if (m.team_member_id === kenji) return { ...m, access_type: 'owner' };
        return m;
      });
    members.push({ access_type: 'member', team_member_id: 'TEAM_MEMBER_ID' });
    const res = await gw.http.put(url(EXAMPLE_IDS.engineeringGroupId)).set(ADMIN).set('If-Match', '*').send({ members });
    expect(res.status).toBe(200);
    expect(res.body.member_count).toBe(7);
    const now = membership(EXAMPLE_IDS.engineeringGroupId);
    expect(now[emily]).toBeUndefined();
    expect(now).toMatchObject({ [EXAMPLE_IDS.activeMemberId]: 'member', [kenji]: 'owner', TEAM_MEMBER_ID: 'member' });
    expect(res.body.members).toHaveLength(7);
  });

  test('when members are patched in with add, then they join and the others stay', async () => {
    const res = await gw.http.patch(url(EXAMPLE_IDS.contractorsGroupId)).set(ADMIN)
      .send([{ operation: 'add', field: '/members', value: { team_member_id: 'TEAM_MEMBER_ID', access_type: 'member' } }]);
    expect(res.status).toBe(200);
    expect(membership(EXAMPLE_IDS.contractorsGroupId)).toEqual({ TEAM_MEMBER_ID: 'member' });
  });

  test('when an owner is put into a company-managed group, then 400 and the group is unchanged', async () => {
    const before = membership(EXAMPLE_IDS.salesGroupId);
    const res = await gw.http.put(url(EXAMPLE_IDS.salesGroupId)).set(ADMIN).send({
      group_name: 'Sales renamed', members: [{ team_member_id: 'TEAM_MEMBER_ID', access_type: 'owner' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.detail.reason).toMatch(/company_managed Dropbox group cannot have owners/);
    expect(membership(EXAMPLE_IDS.salesGroupId)).toEqual(before);
    expect(group(EXAMPLE_IDS.salesGroupId)!.group_name).toBe('Sales EMEA');
  });

  test('when a group becomes user-managed and gets an owner in one update, then both happen', async () => {
    const res = await gw.http.put(url(EXAMPLE_IDS.salesGroupId)).set(ADMIN).send({
      group_management_type: 'user_managed', members: [{ team_member_id: 'TEAM_MEMBER_ID', access_type: 'owner' }],
    });
    expect(res.status).toBe(200);
    expect(group(EXAMPLE_IDS.salesGroupId)!.group_management_type).toBe('user_managed');
    expect(membership(EXAMPLE_IDS.salesGroupId)).toEqual({ TEAM_MEMBER_ID: 'owner' });
  });

  test('when the external id is cleared, then Dropbox no longer has one', async () => {
    const res = await gw.http.put(url(EXAMPLE_IDS.salesGroupId)).set(ADMIN).send({ group_external_id: null });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('group_external_id');
    expect(group(EXAMPLE_IDS.salesGroupId)!.group_external_id).toBeUndefined();
  });

  test('when the default group is updated, then 400 says it cannot be updated and it is unchanged', async () => {
    const res = await gw.http.put(url(EXAMPLE_IDS.everyoneGroupId)).set(ADMIN).set('If-Match', '*').send({ group_name: 'Everybody' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("The default group 'Everyone at Acme Inc.' is managed by Dropbox and cannot be updated");
    expect(group(EXAMPLE_IDS.everyoneGroupId)!.group_name).toBe('Everyone at Acme Inc.');
  });

  test('when the default group is deleted, then 400 and it stays', async () => {
    const res = await gw.http.delete(url(EXAMPLE_IDS.everyoneGroupId)).set(ADMIN);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/system-managed group/);
    expect(group(EXAMPLE_IDS.everyoneGroupId)).toBeDefined();
  });

  test('when a group is renamed to a taken name, then 412 and the name is unchanged', async () => {
    const res = await gw.http.put(url(EXAMPLE_IDS.salesGroupId)).set(ADMIN).send({ group_name: 'Engineering' });
    expect(res.status).toBe(412);
    expect(group(EXAMPLE_IDS.salesGroupId)!.group_name).toBe('Sales EMEA');
  });
});

describe('roles', () => {
  test('when a role is read by id, then its name and description come back', async () => {
    const res = await gw.http.get(`${ROLES}/${encodeURIComponent('pid_dbtmr:3456')}`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ _id: 'pid_dbtmr:3456', name: 'User management admin', description: 'Add, remove, and manage member accounts.' });
  });

  test('when an unknown role is read, then 404', async () => {
    const res = await gw.http.get(`${ROLES}/nope`).set(ADMIN);
    expect(res.status).toBe(404);
  });

  test('when roles are paged by 4 and filtered by name, then the pages and the filter are exact', async () => {
    const first = await gw.http.get(ROLES).query({ _queryFilter: 'true', _pageSize: 4 }).set(ADMIN);
    expect(first.body.result).toHaveLength(4);
    const second = await gw.http.get(ROLES).query({ _queryFilter: 'true', _pageSize: 4, _pagedResultsCookie: first.body.pagedResultsCookie }).set(ADMIN);
    expect(second.body.result).toHaveLength(2);
    expect(second.body.pagedResultsCookie).toBeNull();
    const admins = await gw.http.get(ROLES).query({ _queryFilter: 'name ew "admin"' }).set(ADMIN);
    expect(admins.body.result.map((r: { _id: string }) => r._id)).toEqual(['pid_dbtmr:2345', 'pid_dbtmr:3456', 'pid_dbtmr:4567', 'pid_dbtmr:5678']);
  });

  test('when a role is created, then 501 says Dropbox defines the roles', async () => {
    const res = await gw.http.post(`${ROLES}?_action=create`).set(ADMIN).send({ name: 'Custom' });
    expect(res.status).toBe(501);
    expect(res.body.message).toMatch(/defined by Dropbox/);
  });
});
