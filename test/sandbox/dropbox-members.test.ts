import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_IDS } from '../../src/sandbox/dropbox/dropbox-sandbox.js';
import { startDropboxSandboxServer } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import type { RunningDropboxSandbox, SandboxAnswer } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';

interface Tagged {
  '.tag': string;
}
interface Profile {
  team_member_id: string;
  email: string;
  email_verified: boolean;
  status: Tagged & { is_recoverable?: boolean; is_disconnected?: boolean };
  name: { given_name: string; surname: string; familiar_name: string; display_name: string; abbreviated_name: string };
  groups: string[];
  invited_on?: string;
  joined_on?: string;
  suspended_on?: string;
  external_id?: string;
}
interface Role {
  role_id: string;
  name: string;
  description: string;
}
interface MemberInfo {
  profile: Profile;
  roles?: Role[];
}
interface MembersPage {
  members: MemberInfo[];
  cursor: string;
  has_more: boolean;
}
type InfoItem = Tagged & Partial<MemberInfo> & { id_not_found?: string };
type AddResult = Tagged & Partial<MemberInfo> & Record<string, unknown>;

const TEAM_SIZE = 36;
const NOT_REMOVED = 34;

describe('Dropbox sandbox team members', () => {
  let s: RunningDropboxSandbox;

  beforeAll(async () => {
    s = await startDropboxSandboxServer({ dataFile: join(mkdtempSync(join(tmpdir(), 'dropbox-members-')), 'dropbox.json') });
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
  const byId = (id: string) => ({ '.tag': 'team_member_id', team_member_id: id });
  const info = async (id: string): Promise<InfoItem> =>
    ((await ok('team/members/get_info_v2', { members: [byId(id)] })).json as { members_info: InfoItem[] }).members_info[0]!;
  const listAll = async (limit: number, includeRemoved = false): Promise<{ members: MemberInfo[]; pages: number }> => {
    let page = (await ok('team/members/list_v2', { limit, include_removed: includeRemoved })).json as MembersPage;
    const members = [...page.members];
    let pages = 1;
    while (page.has_more) {
      page = (await ok('team/members/list/continue_v2', { cursor: page.cursor })).json as MembersPage;
      members.push(...page.members);
      pages++;
    }
    return { members, pages };
  };
  const add = async (member: Record<string, unknown>): Promise<AddResult> => {
    const got = await ok('team/members/add_v2', { new_members: [member] });
    const body = got.json as { '.tag': string; complete: AddResult[] };
    expect(body['.tag']).toBe('complete');
    return body.complete[0]!;
  };

  describe('members/list_v2 and list/continue_v2', () => {
    test('when paging with limit 7, then every current member comes once and has_more ends false', async () => {
      const { members, pages } = await listAll(7);
      expect(pages).toBe(Math.ceil(NOT_REMOVED / 7));
      expect(members).toHaveLength(NOT_REMOVED);
      expect(new Set(members.map((m) => m.profile.team_member_id)).size).toBe(NOT_REMOVED);
      expect(members.every((m) => m.profile.status['.tag'] !== 'removed')).toBe(true);
    });

    test('when include_removed is true, then removed members come with their RemovedStatus', async () => {
      const { members } = await listAll(1000, true);
      expect(members).toHaveLength(TEAM_SIZE);
      const removed = members.find((m) => m.profile.team_member_id === EXAMPLE_IDS.removedMemberId)!;
      expect(removed.profile.status).toEqual({ '.tag': 'removed', is_recoverable: true, is_disconnected: false });
      expect(removed.profile.groups).toEqual([]);
    });

    test('when listing, then admins carry roles and other members have no roles key', async () => {
      const { members } = await listAll(1000);
      const admin = members.find((m) => m.profile.team_member_id === EXAMPLE_IDS.adminMemberId)!;
      expect(admin.roles).toEqual([{ role_id: 'pid_dbtmr:2345', name: 'Team admin', description: 'Manage everything and access all permissions.' }]);
      const plain = members.find((m) => m.profile.team_member_id === EXAMPLE_IDS.activeMemberId)!;
      expect('roles' in plain).toBe(false);
      expect(plain.profile.groups[0]).toBe(EXAMPLE_IDS.everyoneGroupId);
    });

    test('when a member is added while a client pages, then no member is skipped or repeated and the new one comes last', async () => {
      const first = (await ok('team/members/list_v2', { limit: 5 })).json as MembersPage;
      const added = await add({ member_email: 'late.joiner@acme.example.com' });
      let page = first;
      const seen = [...first.members];
      while (page.has_more) {
        page = (await ok('team/members/list/continue_v2', { cursor: page.cursor })).json as MembersPage;
        seen.push(...page.members);
      }
      const ids = seen.map((m) => m.profile.team_member_id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(NOT_REMOVED + 1);
      expect(ids[ids.length - 1]).toBe(added.profile!.team_member_id);
    });

    test('when the cursor is garbage, then 409 invalid_cursor', async () => {
      await expect409('team/members/list/continue_v2', { cursor: 'ZtkX9_EHj3x7PMkVuFIhwKYXEpwpLwyxp9vMKomUhllil9q7eWiAu' }, { '.tag': 'invalid_cursor' });
    });

    test('when a groups cursor is used for members, then 409 invalid_cursor', async () => {
      const groups = (await ok('team/groups/list', { limit: 1 })).json as { cursor: string };
      await expect409('team/members/list/continue_v2', { cursor: groups.cursor }, { '.tag': 'invalid_cursor' });
    });

    test('when listing with v1 members/list and list/continue, then each member has an AdminTier role', async () => {
      const page = (await ok('team/members/list', { limit: 4 })).json as { members: { profile: Profile; role: Tagged }[]; cursor: string; has_more: boolean };
      expect(page.members.map((m) => m.role['.tag'])).toEqual(['team_admin', 'user_management_admin', 'support_admin', 'support_admin']);
      const next = (await ok('team/members/list/continue', { cursor: page.cursor })).json as { members: { role: Tagged }[] };
      expect(next.members[0]!.role).toEqual({ '.tag': 'support_admin' });
      expect(next.members[1]!.role).toEqual({ '.tag': 'member_only' });
    });
  });

  describe('members/get_info_v2', () => {
    test('when asked for the seed member TEAM_MEMBER_ID, then its profile matches the product page example', async () => {
      const item = await info('TEAM_MEMBER_ID');
      expect(item['.tag']).toBe('member_info');
      expect(item.profile).toMatchObject({
        team_member_id: 'TEAM_MEMBER_ID',
        email: 'test@email.com',
        email_verified: true,
        status: { '.tag': 'active' },
        name: { given_name: 'givenname', surname: 'surname', abbreviated_name: 'gs' },
        membership_type: { '.tag': 'full' },
        joined_on: '2023-01-01T00:00:00Z',
      });
      expect(item.profile!.groups).toContain('GROUP_ID');
      expect(item.roles).toEqual([{ role_id: 'ROLE_ID', name: 'Name role', description: 'Description role' }]);
    });

    test('when selecting by email (any case), external id and unknown id, then items come in order, unknown as id_not_found', async () => {
      const got = await ok('team/members/get_info_v2', {
        members: [
          { '.tag': 'email', email: 'Dana.Whitfield@ACME.example.com' },
          { '.tag': 'external_id', external_id: 'E1010' },
          byId('dbmid:nobody'),
        ],
      });
      const items = (got.json as { members_info: InfoItem[] }).members_info;
      expect(items.map((i) => i['.tag'])).toEqual(['member_info', 'member_info', 'id_not_found']);
      expect(items[0]!.profile!.team_member_id).toBe(EXAMPLE_IDS.adminMemberId);
      expect(items[1]!.profile!.team_member_id).toBe(EXAMPLE_IDS.activeMemberId);
      expect(items[2]).toEqual({ '.tag': 'id_not_found', id_not_found: 'dbmid:nobody' });
    });

    test('when asked for an invited member, then it has invited_on, no joined_on, unverified email and empty names', async () => {
      const item = await info(EXAMPLE_IDS.invitedMemberId);
      expect(item.profile).toMatchObject({ status: { '.tag': 'invited' }, email_verified: false, invited_on: expect.any(String) });
      expect(item.profile!.joined_on).toBeUndefined();
      expect(item.profile!.name).toEqual({ given_name: '', surname: '', familiar_name: '', display_name: '', abbreviated_name: '' });
    });
  });

  test('when get_available_team_member_roles is called, then the Dropbox roles and the seed placeholders come back', async () => {
    const roles = ((await ok('team/members/get_available_team_member_roles')).json as { roles: Role[] }).roles;
    expect(roles.map((r) => r.role_id)).toEqual(['pid_dbtmr:2345', 'pid_dbtmr:3456', 'pid_dbtmr:4567', 'pid_dbtmr:5678', 'ROLE_ID', 'ROLE ID']);
    expect(roles[1]).toEqual({ role_id: 'pid_dbtmr:3456', name: 'User management admin', description: 'Add, remove, and manage member accounts.' });
  });

  describe('members/add_v2', () => {
    test('when a member is invited, then the success item is a flattened TeamMemberInfoV2 and the member is listed', async () => {
      const result = await add({ member_email: 'tom.s@company.com', member_given_name: 'Tom', member_surname: 'Silverstone', member_external_id: 'company_id:342432', role_ids: ['pid_dbtmr:3456'] });
      expect(result['.tag']).toBe('success');
      expect(result.profile).toMatchObject({
        team_member_id: expect.stringMatching(/^dbmid:/),
        account_id: expect.stringMatching(/^dbid:.{35}$/),
        email: 'tom.s@company.com',
        email_verified: false,
        status: { '.tag': 'invited' },
        name: { given_name: 'Tom', surname: 'Silverstone', familiar_name: 'Tom', display_name: 'Tom Silverstone', abbreviated_name: 'TS' },
        membership_type: { '.tag': 'full' },
        invited_on: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        groups: [EXAMPLE_IDS.everyoneGroupId],
        external_id: 'company_id:342432',
        member_folder_id: expect.stringMatching(/^\d+$/),
        root_folder_id: expect.stringMatching(/^\d+$/),
      });
      expect(result.roles).toEqual([expect.objectContaining({ role_id: 'pid_dbtmr:3456' })]);
      const fetched = await info(result.profile!.team_member_id);
      expect(fetched.profile!.email).toBe('tom.s@company.com');
    });

    test('when the product page invite example runs (role "ROLE ID"), then the member is invited with that role', async () => {
      const result = await add({ member_email: 'NEW.MEMBER@EMAIL.COM', member_given_name: 'GIVENNAME', member_surname: 'SURNAME', role_ids: ['ROLE ID'] });
      expect(result['.tag']).toBe('success');
      expect(result.roles![0]!.role_id).toBe('ROLE ID');
      expect(result.profile!.email).toBe('NEW.MEMBER@EMAIL.COM');
    });

    test('when the email is already on the team (or removed but recoverable), then the item is user_already_on_team with HTTP 200', async () => {
      const got = await ok('team/members/add_v2', {
        new_members: [{ member_email: 'test@email.com' }, { member_email: 'carl.jensen@acme.example.com' }, { member_email: 'fresh@acme.example.com' }],
        force_async: false,
      });
      const items = (got.json as { complete: AddResult[] }).complete;
      expect(items[0]).toEqual({ '.tag': 'user_already_on_team', user_already_on_team: 'test@email.com' });
      expect(items[1]).toEqual({ '.tag': 'user_already_on_team', user_already_on_team: 'carl.jensen@acme.example.com' });
      expect(items[2]!['.tag']).toBe('success');
    });

    test('when the external id is taken, the role is unknown or licenses run out, then the item says so', async () => {
      expect(await add({ member_email: 'a1@acme.example.com', member_external_id: 'E1001' })).toEqual({ '.tag': 'duplicate_external_member_id', duplicate_external_member_id: 'a1@acme.example.com' });
      expect(await add({ member_email: 'a2@acme.example.com', role_ids: ['pid_dbtmr:9999'] })).toEqual({ '.tag': 'user_creation_failed', user_creation_failed: 'a2@acme.example.com' });
      expect(await add({ member_email: 'a3@acme.example.com', member_persistent_id: 'p-1' })).toEqual({ '.tag': 'persistent_id_disabled', persistent_id_disabled: 'a3@acme.example.com' });
      expect((await s.admin('licenses', { num_licensed_users: NOT_REMOVED })).status).toBe(204);
      expect(await add({ member_email: 'a4@acme.example.com' })).toEqual({ '.tag': 'team_license_limit', team_license_limit: 'a4@acme.example.com' });
    });

    test('when role_ids has two items or new_members has 21, then 400', async () => {
      const two = await s.call('team/members/add_v2', { new_members: [{ member_email: 'a@acme.example.com', role_ids: ['pid_dbtmr:2345', 'pid_dbtmr:3456'] }] });
      expect(two.status).toBe(400);
      expect(two.text).toBe(`Error in call to API function "team/members/add_v2": request body: new_members.role_ids: ['pid_dbtmr:2345', 'pid_dbtmr:3456'] has more than 1 items`);
      const many = Array.from({ length: 21 }, (_, i) => ({ member_email: `m${i}@acme.example.com` }));
      const tooMany = await s.call('team/members/add_v2', { new_members: many });
      expect(tooMany.status).toBe(400);
      expect(((await listAll(1000)).members)).toHaveLength(NOT_REMOVED);
    });

    test('when force_async is set, then add/job_status/get_v2 answers in_progress, then complete with the results', async () => {
      const launch = (await ok('team/members/add_v2', { new_members: [{ member_email: 'async@acme.example.com' }], force_async: true })).json as { '.tag': string; async_job_id: string };
      expect(launch['.tag']).toBe('async_job_id');
      const first = await ok('team/members/add/job_status/get_v2', { async_job_id: launch.async_job_id });
      expect(first.json).toEqual({ '.tag': 'in_progress' });
      const second = (await ok('team/members/add/job_status/get_v2', { async_job_id: launch.async_job_id })).json as { '.tag': string; complete: AddResult[] };
      expect(second['.tag']).toBe('complete');
      expect(second.complete[0]!.profile!.email).toBe('async@acme.example.com');
    });

    test('when the async job id is unknown, then 409 invalid_async_job_id', async () => {
      await expect409('team/members/add/job_status/get_v2', { async_job_id: 'dbjid:nope' }, { '.tag': 'invalid_async_job_id' });
    });
  });

  describe('members/remove and remove/job_status/get', () => {
    test('when a member is removed, then the job completes and the member is removed, out of groups and unlisted', async () => {
      const launch = (await ok('team/members/remove', { user: byId('TEAM_MEMBER_ID'), wipe_data: true })).json as { '.tag': string; async_job_id: string };
      expect(launch['.tag']).toBe('async_job_id');
      expect((await ok('team/members/remove/job_status/get', { async_job_id: launch.async_job_id })).json).toEqual({ '.tag': 'in_progress' });
      expect((await ok('team/members/remove/job_status/get', { async_job_id: launch.async_job_id })).json).toEqual({ '.tag': 'complete' });

      const item = await info('TEAM_MEMBER_ID');
      expect(item.profile!.status).toEqual({ '.tag': 'removed', is_recoverable: true, is_disconnected: false });
      expect(item.profile!.groups).toEqual([]);
      expect('roles' in item).toBe(false);
      expect((await listAll(1000)).members.map((m) => m.profile.team_member_id)).not.toContain('TEAM_MEMBER_ID');
      const group = (await ok('team/groups/get_info', { '.tag': 'group_ids', group_ids: ['GROUP_ID'] })).json as { member_count: number }[];
      expect(group[0]!.member_count).toBe(0);
    });

    test('when an invited member is removed, then the invitation is gone and the email can be invited again', async () => {
      const invited = await add({ member_email: 'NEW.MEMBER@EMAIL.COM', member_given_name: 'GIVENNAME', member_surname: 'SURNAME' });
      const id = invited.profile!.team_member_id;
      expect((await s.call('team/members/remove', { user: byId(id) })).status).toBe(200);
      expect((await info(id)).profile!.status).toEqual({ '.tag': 'removed', is_recoverable: false, is_disconnected: false });
      const again = await add({ member_email: 'new.member@email.com' });
      expect(again['.tag']).toBe('success');
      expect(again.profile!.team_member_id).not.toBe(id);
      const byEmail = await ok('team/members/get_info_v2', { members: [{ '.tag': 'email', email: 'NEW.MEMBER@EMAIL.COM' }] });
      expect((byEmail.json as { members_info: InfoItem[] }).members_info[0]!.profile!.team_member_id).toBe(again.profile!.team_member_id);
    });

    test('when an active member is removed, then re-adding the email answers user_already_on_team (recoverable for 7 days)', async () => {
      await ok('team/members/remove', { user: byId(EXAMPLE_IDS.activeMemberId) });
      expect(await add({ member_email: 'jamal.baker@acme.example.com' })).toEqual({ '.tag': 'user_already_on_team', user_already_on_team: 'jamal.baker@acme.example.com' });
    });

    test('when the member is unknown or already removed, then 409 user_not_found / user_not_in_team', async () => {
      await expect409('team/members/remove', { user: byId('dbmid:nobody') }, { '.tag': 'user_not_found' });
      await expect409('team/members/remove', { user: byId(EXAMPLE_IDS.removedMemberId) }, { '.tag': 'user_not_in_team' });
    });

    test('when the last team admin is removed, then 409 remove_last_admin', async () => {
      await expect409('team/members/remove', { user: byId(EXAMPLE_IDS.adminMemberId) }, { '.tag': 'remove_last_admin' });
    });

    test('when the email is too long to disable, then 409 email_address_too_long_to_be_disabled', async () => {
      await expect409('team/members/remove', { user: byId(EXAMPLE_IDS.longEmailMemberId) }, { '.tag': 'email_address_too_long_to_be_disabled' });
      const kept = await s.call('team/members/remove', { user: byId(EXAMPLE_IDS.longEmailMemberId), wipe_data: false, keep_account: true });
      expect(kept.status).toBe(200);
      expect((await info(EXAMPLE_IDS.longEmailMemberId)).profile!.status).toEqual({ '.tag': 'removed', is_recoverable: false, is_disconnected: true });
    });

    test('when keep_account contradicts the other options, then the matching 409', async () => {
      await expect409('team/members/remove', { user: byId(EXAMPLE_IDS.activeMemberId), keep_account: true }, { '.tag': 'cannot_keep_account_and_delete_data' });
      await expect409('team/members/remove', { user: byId(EXAMPLE_IDS.invitedMemberId), keep_account: true, wipe_data: false }, { '.tag': 'cannot_keep_invited_user_account' });
      await expect409('team/members/remove', { user: byId(EXAMPLE_IDS.activeMemberId), retain_team_shares: true, wipe_data: false }, { '.tag': 'cannot_retain_shares_when_no_account_kept' });
      await expect409(
        'team/members/remove',
        { user: byId(EXAMPLE_IDS.activeMemberId), transfer_dest_id: byId(EXAMPLE_IDS.adminMemberId) },
        { '.tag': 'unspecified_transfer_admin_id' },
      );
      await expect409(
        'team/members/remove',
        { user: byId(EXAMPLE_IDS.activeMemberId), transfer_dest_id: byId(EXAMPLE_IDS.adminMemberId), transfer_admin_id: byId('TEAM_MEMBER_ID') },
        { '.tag': 'transfer_admin_is_not_admin' },
      );
    });

    test('when the job id belongs to another kind of job, then 409 invalid_async_job_id', async () => {
      const launch = (await ok('team/members/add_v2', { new_members: [{ member_email: 'j@acme.example.com' }], force_async: true })).json as { async_job_id: string };
      await expect409('team/members/remove/job_status/get', { async_job_id: launch.async_job_id }, { '.tag': 'invalid_async_job_id' });
    });
  });

  describe('members/suspend and unsuspend', () => {
    test('when an active member is suspended and unsuspended, then the status and suspended_on follow and both answer null', async () => {
      const suspended = await ok('team/members/suspend', { user: byId(EXAMPLE_IDS.activeMemberId), wipe_data: false });
      expect(suspended.json).toBeNull();
      const after = await info(EXAMPLE_IDS.activeMemberId);
      expect(after.profile!.status).toEqual({ '.tag': 'suspended' });
      expect(after.profile!.suspended_on).toMatch(/Z$/);
      await expect409('team/members/suspend', { user: byId(EXAMPLE_IDS.activeMemberId) }, { '.tag': 'suspend_inactive_user' });

      expect((await ok('team/members/unsuspend', { user: byId(EXAMPLE_IDS.activeMemberId) })).json).toBeNull();
      const back = await info(EXAMPLE_IDS.activeMemberId);
      expect(back.profile!.status).toEqual({ '.tag': 'active' });
      expect(back.profile!.suspended_on).toBeUndefined();
    });

    test('when the member is invited, active already, the last admin or unknown, then the matching 409', async () => {
      await expect409('team/members/suspend', { user: byId(EXAMPLE_IDS.invitedMemberId) }, { '.tag': 'suspend_inactive_user' });
      await expect409('team/members/unsuspend', { user: byId(EXAMPLE_IDS.activeMemberId) }, { '.tag': 'unsuspend_non_suspended_member' });
      await expect409('team/members/suspend', { user: byId(EXAMPLE_IDS.adminMemberId) }, { '.tag': 'suspend_last_admin' });
      await expect409('team/members/suspend', { user: { '.tag': 'email', email: 'ghost@acme.example.com' } }, { '.tag': 'user_not_found' });
      await expect409('team/members/unsuspend', { user: byId(EXAMPLE_IDS.removedMemberId) }, { '.tag': 'user_not_in_team' });
    });
  });

  describe('members/set_profile_v2', () => {
    test('when names, email and external id change, then member_info carries the new profile', async () => {
      const got = await ok('team/members/set_profile_v2', {
        user: byId(EXAMPLE_IDS.activeMemberId),
        new_given_name: 'Jamie',
        new_surname: 'Baker-Lee',
        new_email: 'jamie.baker@acme.example.com',
        new_external_id: 'E9999',
      });
      const body = got.json as { member_info: MemberInfo };
      expect(body.member_info.profile).toMatchObject({
        email: 'jamie.baker@acme.example.com',
        email_verified: false,
        external_id: 'E9999',
        name: { given_name: 'Jamie', surname: 'Baker-Lee', familiar_name: 'Jamie', display_name: 'Jamie Baker-Lee', abbreviated_name: 'JB' },
      });
      const byEmail = await ok('team/members/get_info_v2', { members: [{ '.tag': 'email', email: 'jamie.baker@acme.example.com' }, { '.tag': 'email', email: 'jamal.baker@acme.example.com' }] });
      expect((byEmail.json as { members_info: InfoItem[] }).members_info.map((i) => i['.tag'])).toEqual(['member_info', 'id_not_found']);
    });

    test('when the change is empty, taken or not allowed, then the matching 409', async () => {
      await expect409('team/members/set_profile_v2', { user: byId(EXAMPLE_IDS.activeMemberId) }, { '.tag': 'no_new_data_specified' });
      await expect409('team/members/set_profile_v2', { user: byId(EXAMPLE_IDS.activeMemberId), new_email: 'test@email.com' }, { '.tag': 'email_reserved_for_other_user' });
      await expect409('team/members/set_profile_v2', { user: byId(EXAMPLE_IDS.activeMemberId), new_external_id: 'E1001' }, { '.tag': 'external_id_used_by_other_user' });
      await expect409('team/members/set_profile_v2', { user: { '.tag': 'external_id', external_id: 'E1010' }, new_external_id: 'E2' }, { '.tag': 'external_id_and_new_external_id_unsafe' });
      await expect409('team/members/set_profile_v2', { user: byId(EXAMPLE_IDS.removedMemberId), new_given_name: 'X' }, { '.tag': 'set_profile_disallowed' });
      await expect409('team/members/set_profile_v2', { user: byId(EXAMPLE_IDS.activeMemberId), new_persistent_id: 'p' }, { '.tag': 'persistent_id_disabled' });
      await expect409('team/members/set_profile_v2', { user: byId('dbmid:nobody'), new_given_name: 'X' }, { '.tag': 'user_not_found' });
    });
  });

  describe('members/set_admin_permissions_v2', () => {
    test('when a role is granted and then cleared, then roles follow and the member returns to no roles key', async () => {
      const granted = await ok('team/members/set_admin_permissions_v2', { user: byId(EXAMPLE_IDS.activeMemberId), new_roles: ['pid_dbtmr:4567'] });
      expect(granted.json).toEqual({ team_member_id: EXAMPLE_IDS.activeMemberId, roles: [{ role_id: 'pid_dbtmr:4567', name: 'Support admin', description: 'Help members with limited tasks, including password reset.' }] });
      expect((await info(EXAMPLE_IDS.activeMemberId)).roles).toHaveLength(1);
      const cleared = await ok('team/members/set_admin_permissions_v2', { user: byId(EXAMPLE_IDS.activeMemberId), new_roles: [] });
      expect(cleared.json).toEqual({ team_member_id: EXAMPLE_IDS.activeMemberId, roles: [] });
      expect('roles' in (await info(EXAMPLE_IDS.activeMemberId))).toBe(false);
    });

    test('when demoting the last team admin, using an unknown role or a suspended member, then the matching 409', async () => {
      await expect409('team/members/set_admin_permissions_v2', { user: byId(EXAMPLE_IDS.adminMemberId), new_roles: [] }, { '.tag': 'last_admin' });
      await expect409('team/members/set_admin_permissions_v2', { user: byId(EXAMPLE_IDS.activeMemberId), new_roles: ['pid_dbtmr:0000'] }, { '.tag': 'role_not_found' });
      await expect409('team/members/set_admin_permissions_v2', { user: byId(EXAMPLE_IDS.suspendedMemberId), new_roles: ['pid_dbtmr:4567'] }, { '.tag': 'cannot_set_permissions' });
      await expect409('team/members/set_admin_permissions_v2', { user: byId(EXAMPLE_IDS.removedMemberId), new_roles: [] }, { '.tag': 'user_not_in_team' });
    });

    test('when a second team admin exists, then the first can be demoted', async () => {
      await ok('team/members/set_admin_permissions_v2', { user: byId(EXAMPLE_IDS.activeMemberId), new_roles: ['pid_dbtmr:2345'] });
      const demoted = await ok('team/members/set_admin_permissions_v2', { user: byId(EXAMPLE_IDS.adminMemberId), new_roles: ['pid_dbtmr:3456'] });
      expect((demoted.json as { roles: Role[] }).roles[0]!.role_id).toBe('pid_dbtmr:3456');
    });
  });
});
