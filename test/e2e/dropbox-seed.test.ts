import { type RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import { startDropboxGateway } from '../support/dropbox-gateway.js';
import { type Gateway } from '../support/gateway-harness.js';
import { ADMIN_HEADERS, sendSeedCall, type SeedCall } from '../support/seed-call.js';

/**
 * Every curl example of the Dropbox connector page (shared/seeds/dropbox-connector.md), as
 * written: same method, URL, headers and body text. Only ids and e-mails may differ; where the
 * sandbox holds the page's literal ids (TEAM_MEMBER_ID, GROUP_ID, ROLE ID) they are used as is.
 */
const SEED = {
  test: {
    method: 'POST', url: '/system/dropbox?_action=test',
    headers: [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0'],
  },
  inviteMember: {
    method: 'POST', url: '/system/dropbox/__ACCOUNT__?_action=create',
    headers: [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0', 'Content-Type: application/json'],
    data: `{
    "email" : "NEW.MEMBER@EMAIL.COM",
    "given_name" : "GIVENNAME",
    "surname" : "SURNAME",
    "role_id" : "ROLE ID"
}`,
  },
  getMembers: {
    method: 'GET', url: '/openidm/system/dropbox/__ACCOUNT__?_queryId=query-all-ids',
    headers: [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0'],
  },
  getMember: {
    method: 'GET', url: '/openidm/system/dropbox/__ACCOUNT__/TEAM_MEMBER_ID',
    headers: [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0'],
  },
  getMemberEmail: {
    method: 'GET', url: '/openidm/system/dropbox/__ACCOUNT__/TEAM_MEMBER_ID?_fields=email',
    headers: [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0'],
  },
  deleteMember: {
    method: 'DELETE', url: '/openidm/system/dropbox/__ACCOUNT__/TEAM_MEMBER_ID',
    headers: [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0'],
  },
  createGroup: {
    method: 'POST', url: '/openidm/system/dropbox/__GROUP__?_action=create',
    headers: [...ADMIN_HEADERS, 'Content-Type: application/json'],
    data: `{
    "group_name" : "GROUP NAME",
    "group_management_type" : "company_managed",
    "group_external_id" : "GROUP EXTERNAL ID"
}`,
  },
  getGroups: {
    method: 'GET', url: '/openidm/system/dropbox/__GROUP__?_queryId=query-all-ids',
    headers: [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0'],
  },
  updateGroup: {
    method: 'PUT', url: '/openidm/system/dropbox/__GROUP__/GROUP_ID',
    headers: [...ADMIN_HEADERS, 'If-Match: *', 'Content-Type: application/json'],
    data: `{
    "group_name" : "new name",
    "group_management_type" : "company_managed",
    "group_external_id" : "new external id",
    "members" : [
        {
            "access_type" : "member",
            "team_member_id" : "TEAM_MEMBER_ID"
        }
    ]
}`,
  },
  deleteGroup: {
    method: 'DELETE', url: '/openidm/system/dropbox/__GROUP__/GROUP_ID',
    headers: [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0'],
  },
  getRoles: {
    method: 'GET', url: '/openidm/system/dropbox/role/?_queryFilter=true',
    headers: [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0'],
  },
} as const satisfies Record<string, SeedCall>;

let sandbox: RunningDropboxSandbox;
let gw: Gateway;

beforeAll(async () => {
  ({ sandbox, gw } = await startDropboxGateway('dropbox-seed'));
});
afterAll(async () => {
  await gw.close();
  await sandbox.close();
});
beforeEach(() => sandbox.sandbox.reset());

function send(call: SeedCall, ids: Readonly<Record<string, string>> = {}) {
  return sendSeedCall(gw.http, call, ids);
}

/** What the Dropbox sandbox itself says about a member (backend state, not the gateway's view). */
async function dropboxMember(id: string): Promise<Record<string, unknown>> {
  const got = await sandbox.call('team/members/get_info_v2', { members: [{ '.tag': 'team_member_id', team_member_id: id }] });
  return (got.json as { members_info: Record<string, unknown>[] }).members_info[0]!;
}

async function dropboxGroup(id: string): Promise<Record<string, unknown>> {
  const got = await sandbox.call('team/groups/get_info', { '.tag': 'group_ids', group_ids: [id] });
  return (got.json as Record<string, unknown>[])[0]!;
}

describe('Dropbox connector page: test', () => {
  test('when the connector is tested, then the status names the Dropbox connector and ok is true', async () => {
    const res = await send(SEED.test);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'dropbox',
      enabled: true,
      config: 'config/provisioner.openicf/dropbox',
      connectorRef: {
        bundleVersion: '[1.5.0.0,1.6.0.0)',
        bundleName: 'org.forgerock.openicf.connectors.dropbox-connector',
        connectorName: 'org.forgerock.openicf.connectors.dropbox.DropboxConnector',
      },
      displayName: 'Dropbox Connector',
      objectTypes: expect.arrayContaining(['__GROUP__', 'role', '__ACCOUNT__', '__ALL__']),
      ok: true,
    });
    expect(res.body.objectTypes).toHaveLength(4);
  });
});

describe('Dropbox connector page: members', () => {
  test('when a member is invited with names and a role, then it is 201 and Dropbox holds an invited member with that role', async () => {
    const res = await send(SEED.inviteMember);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      _id: expect.stringMatching(/^dbmid:/),
      role_id: 'ROLE ID',
      email: 'NEW.MEMBER@EMAIL.COM',
      given_name: 'GIVENNAME',
      surname: 'SURNAME',
      member_status: 'invited',
      team_member_id: res.body._id,
    });
    const stored = await dropboxMember(res.body._id);
    expect(stored).toMatchObject({
      '.tag': 'member_info',
      profile: { email: 'NEW.MEMBER@EMAIL.COM', status: { '.tag': 'invited' }, name: { given_name: 'GIVENNAME', surname: 'SURNAME' } },
      roles: [{ role_id: 'ROLE ID' }],
    });
  });

  test('when the members are listed with query-all-ids, then every current member comes back as {_id} only', async () => {
    const res = await send(SEED.getMembers);
    expect(res.status).toBe(200);
    const current = sandbox.sandbox.state.data.members.filter((m) => m.status !== 'removed').map((m) => m.team_member_id);
    expect(res.body.result).toHaveLength(current.length);
    for (const item of res.body.result) expect(Object.keys(item)).toEqual(['_id']);
    expect(res.body.result.map((o: { _id: string }) => o._id).sort()).toEqual([...current].sort());
    expect(res.body).toMatchObject({ resultCount: current.length, pagedResultsCookie: null });
  });

  test('when a member is read, then it has the documented properties, groups with their access type', async () => {
    const res = await send(SEED.getMember);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      _id: 'TEAM_MEMBER_ID',
      email: 'test@email.com',
      abbreviated_name: 'gs',
      joined_on: '2023-01-01T00:00:00Z',
      surname: 'surname',
      member_status: 'active',
      email_verified: true,
      given_name: 'givenname',
      membership_type: 'full',
      role_id: 'ROLE_ID',
    });
    expect(res.body.groups).toContainEqual({ access_type: 'member', group_id: 'GROUP_ID' });
    // Every member is also in Dropbox's system-managed "Everyone" group.
    expect(res.body.groups).toHaveLength(2);
  });

  test('when a member is read with _fields=email, then only _id and email come back', async () => {
    const res = await send(SEED.getMemberEmail);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ _id: 'TEAM_MEMBER_ID', email: 'test@email.com' });
  });

  test('when a member is deleted, then the member as it was comes back and Dropbox has removed it', async () => {
    const res = await send(SEED.deleteMember);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: 'TEAM_MEMBER_ID', email: 'test@email.com', given_name: 'givenname' });
    expect(await dropboxMember('TEAM_MEMBER_ID')).toMatchObject({ profile: { status: { '.tag': 'removed' } } });
    const again = await send(SEED.getMember);
    expect(again.status).toBe(404);
  });

  test('when the member invited by the page is deleted, then its e-mail comes back and it is gone', async () => {
    const invited = await send(SEED.inviteMember);
    const res = await send(SEED.deleteMember, { TEAM_MEMBER_ID: invited.body._id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: invited.body._id, email: 'NEW.MEMBER@EMAIL.COM' });
    expect((await send(SEED.getMember, { TEAM_MEMBER_ID: invited.body._id })).status).toBe(404);
  });
});

describe('Dropbox connector page: groups', () => {
  test('when a group is created, then it is 201 with the documented shape and Dropbox holds it', async () => {
    const res = await send(SEED.createGroup);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      _id: expect.stringMatching(/^g:/),
      group_id: res.body._id,
      member_count: 0,
      group_name: 'GROUP NAME',
      group_external_id: 'GROUP EXTERNAL ID',
      group_management_type: 'company_managed',
      members: [],
    });
    expect(await dropboxGroup(res.body._id)).toMatchObject({
      '.tag': 'group_info', group_name: 'GROUP NAME', group_external_id: 'GROUP EXTERNAL ID', group_management_type: { '.tag': 'company_managed' },
    });
  });

  test('when the groups are listed with query-all-ids, then every group comes back as {_id} only', async () => {
    const res = await send(SEED.getGroups);
    expect(res.status).toBe(200);
    const groups = sandbox.sandbox.state.data.groups.map((g) => g.group_id);
    for (const item of res.body.result) expect(Object.keys(item)).toEqual(['_id']);
    expect(res.body.result.map((o: { _id: string }) => o._id).sort()).toEqual([...groups].sort());
  });

  test('when the new group is updated as the page shows, then names change and the member is added', async () => {
    const created = await send(SEED.createGroup);
    const res = await send(SEED.updateGroup, { GROUP_ID: created.body._id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      _id: created.body._id,
      group_id: created.body._id,
      group_external_id: 'new external id',
      group_name: 'new name',
      member_count: 1,
      group_management_type: 'company_managed',
      members: [{ access_type: 'member', team_member_id: 'TEAM_MEMBER_ID' }],
    });
    expect(await dropboxGroup(created.body._id)).toMatchObject({
      group_name: 'new name', group_external_id: 'new external id', member_count: 1,
      members: [{ profile: { team_member_id: 'TEAM_MEMBER_ID' }, access_type: { '.tag': 'member' } }],
    });
  });

  test('when the literal GROUP_ID is updated as the page shows, then it is renamed and keeps its one member', async () => {
    const res = await send(SEED.updateGroup);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      group_id: 'GROUP_ID', group_name: 'new name', group_external_id: 'new external id', member_count: 1,
      members: [{ access_type: 'member', team_member_id: 'TEAM_MEMBER_ID' }],
    });
  });

  test('when a group is deleted, then the group as it was comes back and Dropbox no longer has it', async () => {
    const res = await send(SEED.deleteGroup);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: 'GROUP_ID', group_name: 'Brand Design' });
    expect(await dropboxGroup('GROUP_ID')).toMatchObject({ '.tag': 'id_not_found' });
  });

  test('when the group created by the page is deleted, then its name comes back', async () => {
    const created = await send(SEED.createGroup);
    const res = await send(SEED.deleteGroup, { GROUP_ID: created.body._id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: created.body._id, group_name: 'GROUP NAME' });
  });
});

describe('Dropbox connector page: roles', () => {
  test('when the roles are queried, then each comes back as {_id, name, description}', async () => {
    const res = await send(SEED.getRoles);
    expect(res.status).toBe(200);
    expect(res.body.result).toContainEqual({ _id: 'ROLE_ID', name: 'Name role', description: 'Description role' });
    expect(res.body.result).toContainEqual({ _id: 'pid_dbtmr:2345', name: 'Team admin', description: 'Manage everything and access all permissions.' });
    expect(res.body.result).toHaveLength(sandbox.sandbox.state.data.roles.length);
    for (const item of res.body.result) expect(Object.keys(item).sort()).toEqual(['_id', 'description', 'name']);
  });
});
