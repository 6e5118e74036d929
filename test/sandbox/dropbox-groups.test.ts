import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_IDS } from '../../src/sandbox/dropbox/dropbox-sandbox.js';
import { startDropboxSandboxServer } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import type { RunningDropboxSandbox, SandboxAnswer } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';

interface Tagged {
  '.tag': string;
}
interface GroupMember {
  profile: { team_member_id: string; email: string; status: Tagged } & Record<string, unknown>;
  access_type: Tagged;
}
interface Group {
  group_name: string;
  group_id: string;
  group_external_id?: string;
  member_count: number;
  group_management_type: Tagged;
  members?: GroupMember[];
  created?: number;
}
type InfoItem = Tagged & Partial<Group> & { id_not_found?: string };
interface GroupsPage {
  groups: Group[];
  cursor: string;
  has_more: boolean;
}
interface MembersPage {
  members: GroupMember[];
  cursor: string;
  has_more: boolean;
}

const GROUP_COUNT = 9;
const CURRENT_MEMBERS = 34;

describe('Dropbox sandbox groups', () => {
  let s: RunningDropboxSandbox;

  beforeAll(async () => {
    s = await startDropboxSandboxServer({ dataFile: join(mkdtempSync(join(tmpdir(), 'dropbox-groups-')), 'dropbox.json') });
  });
  afterAll(() => s.close());
  beforeEach(() => s.sandbox.reset());

  const ok = async (route: string, body?: unknown): Promise<SandboxAnswer> => {
    const got = await s.call(route, body);
    if (got.status !== 200) throw new Error(`${route} answered ${got.status}: ${got.text}`);
    return got;
  };
  const expect409 = async (route: string, body: unknown, error: Record<string, unknown>): Promise<void> => {
    const got = await s.call(route, body);
    expect(got.status).toBe(409);
    expect(got.json).toEqual({ error_summary: `${String(error['.tag'])}/...`, error });
  };
  const gid = (id: string) => ({ '.tag': 'group_id', group_id: id });
  const uid = (id: string) => ({ '.tag': 'team_member_id', team_member_id: id });
  const getInfo = async (...ids: string[]): Promise<InfoItem[]> => (await ok('team/groups/get_info', { '.tag': 'group_ids', group_ids: ids })).json as InfoItem[];
  const memberGroups = async (id: string): Promise<string[]> => {
    const got = await ok('team/members/get_info_v2', { members: [uid(id)] });
    return (got.json as { members_info: { profile: { groups: string[] } }[] }).members_info[0]!.profile.groups;
  };
  const create = async (body: Record<string, unknown>): Promise<Group> => (await ok('team/groups/create', body)).json as Group;

  describe('groups/list and list/continue', () => {
    test('when paging with limit 4, then every group comes once, the system group first', async () => {
      let page = (await ok('team/groups/list', { limit: 4 })).json as GroupsPage;
      const groups = [...page.groups];
      while (page.has_more) {
        page = (await ok('team/groups/list/continue', { cursor: page.cursor })).json as GroupsPage;
        groups.push(...page.groups);
      }
      expect(groups).toHaveLength(GROUP_COUNT);
      expect(groups[0]).toEqual({
        group_name: 'Everyone at Acme Inc.',
        group_id: EXAMPLE_IDS.everyoneGroupId,
        member_count: CURRENT_MEMBERS,
        group_management_type: { '.tag': 'system_managed' },
      });
      expect(groups.find((g) => g.group_id === 'GROUP_ID')).toEqual({ group_name: 'Brand Design', group_id: 'GROUP_ID', member_count: 1, group_management_type: { '.tag': 'company_managed' } });
      expect(groups.find((g) => g.group_id === EXAMPLE_IDS.engineeringGroupId)).toMatchObject({ group_external_id: 'grp-engineering', group_management_type: { '.tag': 'user_managed' } });
    });

    test('when the cursor is garbage, then 409 invalid_cursor', async () => {
      await expect409('team/groups/list/continue', { cursor: 'AAnotacursor0000000000000000000' }, { '.tag': 'invalid_cursor' });
    });
  });

  describe('groups/get_info', () => {
    test('when asked by ids, then group_info items with members come in order, the system group without members, unknown as id_not_found', async () => {
      const items = await getInfo('GROUP_ID', EXAMPLE_IDS.everyoneGroupId, 'g:00000000000000000000000000000000');
      expect(items[0]).toMatchObject({ '.tag': 'group_info', group_id: 'GROUP_ID', group_name: 'Brand Design', member_count: 1, created: Date.parse('2023-01-01T00:00:00Z') });
      expect(items[0]!.members).toEqual([{ profile: expect.objectContaining({ team_member_id: 'TEAM_MEMBER_ID', email: 'test@email.com' }), access_type: { '.tag': 'member' } }]);
      expect(items[0]!.members![0]!.profile.groups).toBeUndefined();
      expect(items[1]).toMatchObject({ '.tag': 'group_info', group_management_type: { '.tag': 'system_managed' } });
      expect('members' in items[1]!).toBe(false);
      expect(items[2]).toEqual({ '.tag': 'id_not_found', id_not_found: 'g:00000000000000000000000000000000' });
    });

    test('when asked by external ids, then they resolve', async () => {
      const items = (await ok('team/groups/get_info', { '.tag': 'group_external_ids', group_external_ids: ['grp-sales-emea', 'nope'] })).json as InfoItem[];
      expect(items.map((i) => i['.tag'])).toEqual(['group_info', 'id_not_found']);
      expect(items[0]!.group_id).toBe(EXAMPLE_IDS.salesGroupId);
    });
  });

  describe('groups/create', () => {
    test('when the product page example group is created, then GroupFullInfo comes back empty and company-managed', async () => {
      const group = await create({ group_name: 'GROUP NAME', group_management_type: 'company_managed', group_external_id: 'GROUP EXTERNAL ID', add_creator_as_owner: false });
      expect(group).toEqual({
        group_name: 'GROUP NAME',
        group_id: expect.stringMatching(/^g:[0-9a-f]{32}$/),
        group_external_id: 'GROUP EXTERNAL ID',
        member_count: 0,
        group_management_type: { '.tag': 'company_managed' },
        members: [],
        created: expect.any(Number),
      });
      expect((await getInfo(group.group_id))[0]!['.tag']).toBe('group_info');
    });

    test('when no management type is given, then the group is company-managed and has no external id key', async () => {
      const group = await create({ group_name: 'Interns' });
      expect(group.group_management_type).toEqual({ '.tag': 'company_managed' });
      expect('group_external_id' in group).toBe(false);
    });

    test('when add_creator_as_owner is set on a user-managed group, then the authorizing admin is its owner', async () => {
      const group = await create({ group_name: 'Book club', group_management_type: { '.tag': 'user_managed' }, add_creator_as_owner: true });
      expect(group.member_count).toBe(1);
      expect(group.members![0]).toMatchObject({ profile: { team_member_id: EXAMPLE_IDS.adminMemberId }, access_type: { '.tag': 'owner' } });
    });

    test('when the name or external id is taken, the name is blank or system_managed is asked, then the matching 409', async () => {
      await expect409('team/groups/create', { group_name: 'engineering' }, { '.tag': 'group_name_already_used' });
      await expect409('team/groups/create', { group_name: 'New', group_external_id: 'grp-finance' }, { '.tag': 'external_id_already_in_use' });
      await expect409('team/groups/create', { group_name: '   ' }, { '.tag': 'group_name_invalid' });
      await expect409('team/groups/create', { group_name: 'Sys', group_management_type: 'system_managed' }, { '.tag': 'system_managed_group_disallowed' });
    });
  });

  describe('groups/update', () => {
    test('when the product page update runs on GROUP_ID, then name, external id and members end as the example shows', async () => {
      const updated = (await ok('team/groups/update', {
        group: gid('GROUP_ID'),
        new_group_name: 'new name',
        new_group_external_id: 'new external id',
        new_group_management_type: 'company_managed',
        return_members: false,
      })).json as Group;
      expect(updated).toEqual({
        group_name: 'new name',
        group_id: 'GROUP_ID',
        group_external_id: 'new external id',
        member_count: 1,
        group_management_type: { '.tag': 'company_managed' },
        created: expect.any(Number),
      });
      const [item] = await getInfo('GROUP_ID');
      expect(item!.members!.map((m) => [m.profile.team_member_id, m.access_type['.tag']])).toEqual([['TEAM_MEMBER_ID', 'member']]);
      const byExternal = (await ok('team/groups/get_info', { '.tag': 'group_external_ids', group_external_ids: ['new external id'] })).json as InfoItem[];
      expect(byExternal[0]!.group_id).toBe('GROUP_ID');
    });

    test('when the new external id is empty, then it is cleared; when return_members is true, then members come back', async () => {
      const updated = (await ok('team/groups/update', { group: { '.tag': 'group_external_id', group_external_id: 'grp-sales-emea' }, new_group_external_id: '' })).json as Group;
      expect('group_external_id' in updated).toBe(false);
      expect(updated.members).toHaveLength(6);
    });

    test('when a user-managed group becomes company-managed, then its owners become members', async () => {
      const updated = (await ok('team/groups/update', { group: gid(EXAMPLE_IDS.engineeringGroupId), new_group_management_type: 'company_managed' })).json as Group;
      expect(updated.members!.every((m) => m.access_type['.tag'] === 'member')).toBe(true);
    });

    test('when the group is the default group, unknown, or the name is taken, then the matching 409', async () => {
      await expect409('team/groups/update', { group: gid(EXAMPLE_IDS.everyoneGroupId), new_group_name: 'All' }, { '.tag': 'system_managed_group_disallowed' });
      await expect409('team/groups/update', { group: gid('g:ffffffffffffffffffffffffffffffff'), new_group_name: 'X' }, { '.tag': 'group_not_found' });
      await expect409('team/groups/update', { group: gid('GROUP_ID'), new_group_name: 'Finance' }, { '.tag': 'group_name_already_used' });
      await expect409('team/groups/update', { group: gid('GROUP_ID'), new_group_external_id: 'grp-marketing' }, { '.tag': 'external_id_already_in_use' });
      await expect409('team/groups/update', { group: gid('GROUP_ID'), new_group_name: '' }, { '.tag': 'group_name_invalid' });
    });
  });

  describe('groups/delete and job_status/get', () => {
    test('when GROUP_ID is deleted, then the job completes and the group is gone everywhere', async () => {
      const launch = (await ok('team/groups/delete', { '.tag': 'group_id', group_id: 'GROUP_ID' })).json as { '.tag': string; async_job_id: string };
      expect(launch['.tag']).toBe('async_job_id');
      expect((await ok('team/groups/job_status/get', { async_job_id: launch.async_job_id })).json).toEqual({ '.tag': 'in_progress' });
      expect((await ok('team/groups/job_status/get', { async_job_id: launch.async_job_id })).json).toEqual({ '.tag': 'complete' });
      expect((await getInfo('GROUP_ID'))[0]).toEqual({ '.tag': 'id_not_found', id_not_found: 'GROUP_ID' });
      expect(await memberGroups('TEAM_MEMBER_ID')).toEqual([EXAMPLE_IDS.everyoneGroupId]);
      await expect409('team/groups/delete', { '.tag': 'group_id', group_id: 'GROUP_ID' }, { '.tag': 'group_already_deleted' });
    });

    test('when the group is the default group or unknown, or the job id is bad, then the matching 409', async () => {
      await expect409('team/groups/delete', { '.tag': 'group_id', group_id: EXAMPLE_IDS.everyoneGroupId }, { '.tag': 'system_managed_group_disallowed' });
      await expect409('team/groups/delete', { '.tag': 'group_external_id', group_external_id: 'nope' }, { '.tag': 'group_not_found' });
      await expect409('team/groups/job_status/get', { async_job_id: 'dbjid:nope' }, { '.tag': 'invalid_async_job_id' });
    });
  });

  describe('groups/members/add, remove, set_access_type', () => {
    test('when members are added (compact and tagged access types), then group_info and the legacy async_job_id " " come back', async () => {
      const got = await ok('team/groups/members/add', {
        group: gid(EXAMPLE_IDS.engineeringGroupId),
        members: [
          { user: uid('TEAM_MEMBER_ID'), access_type: 'member' },
          { user: { '.tag': 'email', email: 'omar.haddad@acme.example.com' }, access_type: { '.tag': 'owner' } },
        ],
        return_members: true,
      });
      const body = got.json as { group_info: Group; async_job_id: string };
      expect(body.async_job_id).toBe(' ');
      expect(body.group_info.member_count).toBe(9);
      expect(body.group_info.members!.slice(-2).map((m) => m.access_type['.tag'])).toEqual(['member', 'owner']);
      expect(await memberGroups('TEAM_MEMBER_ID')).toEqual([EXAMPLE_IDS.everyoneGroupId, 'GROUP_ID', EXAMPLE_IDS.engineeringGroupId]);
    });

    test('when return_members is false, then group_info has no members key', async () => {
      const got = await ok('team/groups/members/add', { group: gid('GROUP_ID'), members: [{ user: uid(EXAMPLE_IDS.activeMemberId), access_type: 'member' }], return_members: false });
      const body = got.json as { group_info: Group };
      expect(body.group_info.member_count).toBe(2);
      expect('members' in body.group_info).toBe(false);
    });

    test('when adding breaks a rule, then the matching 409 (lists echo the identifiers)', async () => {
      const add = (group: string, members: unknown[]) => ({ group: gid(group), members, return_members: false });
      await expect409('team/groups/members/add', add('GROUP_ID', [{ user: uid('TEAM_MEMBER_ID'), access_type: 'member' }]), { '.tag': 'duplicate_user' });
      await expect409('team/groups/members/add', add('GROUP_ID', [{ user: uid(EXAMPLE_IDS.activeMemberId), access_type: 'owner' }]), {
        '.tag': 'user_cannot_be_manager_of_company_managed_group',
        user_cannot_be_manager_of_company_managed_group: [EXAMPLE_IDS.activeMemberId],
      });
      await expect409('team/groups/members/add', add('GROUP_ID', [{ user: uid('dbmid:ghost'), access_type: 'member' }]), { '.tag': 'users_not_found', users_not_found: ['dbmid:ghost'] });
      await expect409('team/groups/members/add', add('GROUP_ID', [{ user: uid(EXAMPLE_IDS.removedMemberId), access_type: 'member' }]), {
        '.tag': 'members_not_in_team',
        members_not_in_team: [EXAMPLE_IDS.removedMemberId],
      });
      await expect409('team/groups/members/add', add(EXAMPLE_IDS.engineeringGroupId, [{ user: uid(EXAMPLE_IDS.suspendedMemberId), access_type: 'owner' }]), { '.tag': 'user_must_be_active_to_be_owner' });
      await expect409('team/groups/members/add', add(EXAMPLE_IDS.everyoneGroupId, [{ user: uid(EXAMPLE_IDS.removedMemberId), access_type: 'member' }]), { '.tag': 'system_managed_group_disallowed' });
      await expect409('team/groups/members/add', add('g:ffffffffffffffffffffffffffffffff', []), { '.tag': 'group_not_found' });
    });

    test('when a member is removed from a group, then the group and the profile no longer list it', async () => {
      const got = await ok('team/groups/members/remove', { group: gid('GROUP_ID'), users: [uid('TEAM_MEMBER_ID')], return_members: true });
      expect((got.json as { group_info: Group; async_job_id: string })).toEqual({ group_info: expect.objectContaining({ member_count: 0, members: [] }), async_job_id: ' ' });
      expect(await memberGroups('TEAM_MEMBER_ID')).toEqual([EXAMPLE_IDS.everyoneGroupId]);
      await expect409('team/groups/members/remove', { group: gid('GROUP_ID'), users: [uid('TEAM_MEMBER_ID')] }, { '.tag': 'member_not_in_group' });
      await expect409('team/groups/members/remove', { group: gid(EXAMPLE_IDS.everyoneGroupId), users: [uid('TEAM_MEMBER_ID')] }, { '.tag': 'system_managed_group_disallowed' });
    });

    test('when an access type changes, then the GroupsGetInfoResult array shows it; owners stay out of company-managed groups', async () => {
      const got = await ok('team/groups/members/set_access_type', { group: gid(EXAMPLE_IDS.engineeringGroupId), user: uid('dbmid:AA0ojQxVQVfNdEW_SAvLAsme4HV-5VmlF4d'), access_type: 'owner', return_members: true });
      const items = got.json as InfoItem[];
      expect(items[0]!['.tag']).toBe('group_info');
      expect(items[0]!.members!.find((m) => m.profile.team_member_id === 'dbmid:AA0ojQxVQVfNdEW_SAvLAsme4HV-5VmlF4d')!.access_type).toEqual({ '.tag': 'owner' });
      await expect409('team/groups/members/set_access_type', { group: gid('GROUP_ID'), user: uid('TEAM_MEMBER_ID'), access_type: 'owner' }, { '.tag': 'user_cannot_be_manager_of_company_managed_group' });
      await expect409('team/groups/members/set_access_type', { group: gid('GROUP_ID'), user: uid(EXAMPLE_IDS.activeMemberId), access_type: 'member' }, { '.tag': 'member_not_in_group' });
    });
  });

  describe('groups/members/list and list/continue', () => {
    test('when paging a group with limit 3, then every member comes once with MemberProfile and access type', async () => {
      let page = (await ok('team/groups/members/list', { group: gid(EXAMPLE_IDS.engineeringGroupId), limit: 3 })).json as MembersPage;
      const members = [...page.members];
      while (page.has_more) {
        page = (await ok('team/groups/members/list/continue', { cursor: page.cursor })).json as MembersPage;
        members.push(...page.members);
      }
      expect(members).toHaveLength(7);
      expect(members[0]).toMatchObject({ profile: { team_member_id: EXAMPLE_IDS.activeMemberId }, access_type: { '.tag': 'owner' } });
      expect(members.some((m) => m.profile.status['.tag'] === 'suspended')).toBe(true);
      expect(members[0]!.profile.groups).toBeUndefined();
    });

    test('when listing the system group, then every current member is listed as member', async () => {
      let page = (await ok('team/groups/members/list', { group: gid(EXAMPLE_IDS.everyoneGroupId), limit: 10 })).json as MembersPage;
      const members = [...page.members];
      while (page.has_more) {
        page = (await ok('team/groups/members/list/continue', { cursor: page.cursor })).json as MembersPage;
        members.push(...page.members);
      }
      expect(members).toHaveLength(CURRENT_MEMBERS);
      expect(members.every((m) => m.access_type['.tag'] === 'member')).toBe(true);
    });

    test('when the group is empty, unknown, or the cursor garbage, then an empty page / 409', async () => {
      expect((await ok('team/groups/members/list', { group: gid(EXAMPLE_IDS.contractorsGroupId) })).json).toMatchObject({ members: [], has_more: false });
      await expect409('team/groups/members/list', { group: gid('g:ffffffffffffffffffffffffffffffff') }, { '.tag': 'group_not_found' });
      await expect409('team/groups/members/list/continue', { cursor: 'garbage' }, { '.tag': 'invalid_cursor' });
    });

    test('when the group is deleted while paging, then continue answers invalid_cursor', async () => {
      const page = (await ok('team/groups/members/list', { group: gid(EXAMPLE_IDS.salesGroupId), limit: 2 })).json as MembersPage;
      await ok('team/groups/delete', { '.tag': 'group_id', group_id: EXAMPLE_IDS.salesGroupId });
      await expect409('team/groups/members/list/continue', { cursor: page.cursor }, { '.tag': 'invalid_cursor' });
    });
  });
});
