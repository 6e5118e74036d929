import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDropboxSandbox, EXAMPLE_IDS, generateMembers } from '../../src/sandbox/dropbox/dropbox-sandbox.js';
import { startDropboxSandboxServer } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';

interface Page {
  members: { profile: { team_member_id: string; email: string } }[];
  cursor: string;
  has_more: boolean;
}

const dataFile = (): string => join(mkdtempSync(join(tmpdir(), 'dropbox-state-')), 'dropbox.json');

describe('Dropbox sandbox state', () => {
  test('when the sandbox is reopened on its file after flush, then members, groups and cursors survive', async () => {
    const file = dataFile();
    const first = await startDropboxSandboxServer({ dataFile: file });
    const added = await first.call('team/members/add_v2', { new_members: [{ member_email: 'persisted@acme.example.com', member_given_name: 'Per', member_surname: 'Sisted' }] });
    const id = (added.json as { complete: { profile: { team_member_id: string } }[] }).complete[0]!.profile.team_member_id;
    const group = await first.call('team/groups/create', { group_name: 'Persisted group' });
    const groupId = (group.json as { group_id: string }).group_id;
    await first.call('team/groups/members/add', { group: { '.tag': 'group_id', group_id: groupId }, members: [{ user: { '.tag': 'team_member_id', team_member_id: id }, access_type: 'member' }] });
    await first.call('team/members/suspend', { user: { '.tag': 'team_member_id', team_member_id: EXAMPLE_IDS.activeMemberId } });
    const page = (await first.call('team/members/list_v2', { limit: 10 })).json as Page;
    await first.sandbox.flush();
    await first.close();

    const second = await startDropboxSandboxServer({ dataFile: file });
    try {
      const info = await second.call('team/members/get_info_v2', { members: [{ '.tag': 'team_member_id', team_member_id: id }, { '.tag': 'team_member_id', team_member_id: EXAMPLE_IDS.activeMemberId }] });
      const items = (info.json as { members_info: { profile: { email: string; groups: string[]; status: { '.tag': string } } }[] }).members_info;
      expect(items[0]!.profile.email).toBe('persisted@acme.example.com');
      expect(items[0]!.profile.groups).toEqual([EXAMPLE_IDS.everyoneGroupId, groupId]);
      expect(items[1]!.profile.status['.tag']).toBe('suspended');
      const next = await second.call('team/members/list/continue_v2', { cursor: page.cursor });
      expect(next.status).toBe(200);
      expect((next.json as Page).members[0]!.profile.team_member_id).not.toBe(page.members[9]!.profile.team_member_id);
      const dup = await second.call('team/groups/create', { group_name: 'Persisted group' });
      expect((dup.json as { error: { '.tag': string } }).error['.tag']).toBe('group_name_already_used');
    } finally {
      await second.close();
    }
  });

  test('when the sandbox is reset (method or POST /__admin/reset), then the example team returns and is written', async () => {
    const file = dataFile();
    const s = await startDropboxSandboxServer({ dataFile: file });
    try {
      await s.call('team/groups/delete', { '.tag': 'group_id', group_id: 'GROUP_ID' });
      await s.call('team/members/remove', { user: { '.tag': 'team_member_id', team_member_id: 'TEAM_MEMBER_ID' } });
      expect((await s.admin('reset')).status).toBe(204);
      const info = await s.call('team/groups/get_info', { '.tag': 'group_ids', group_ids: ['GROUP_ID'] });
      expect((info.json as { '.tag': string }[])[0]!['.tag']).toBe('group_info');
      await s.call('team/groups/delete', { '.tag': 'group_id', group_id: 'GROUP_ID' });
      await s.sandbox.reset();
      const reopened = await createDropboxSandbox({ dataFile: file });
      expect(reopened.state.group('GROUP_ID')?.group_name).toBe('Brand Design');
      expect(reopened.state.member('TEAM_MEMBER_ID')?.status).toBe('active');
    } finally {
      await s.close();
    }
  });

  test('when the file holds something else, then the sandbox starts from the example team', async () => {
    const file = dataFile();
    writeFileSync(file, JSON.stringify({ unrelated: true }));
    const sandbox = await createDropboxSandbox({ dataFile: file });
    expect(sandbox.name).toBe('dropbox');
    expect(sandbox.state.member(EXAMPLE_IDS.adminMemberId)?.email).toBe('dana.whitfield@acme.example.com');
  });

  test('when team/get_info and token/get_authenticated_admin are called, then the team and its admin come back', async () => {
    const s = await startDropboxSandboxServer({ dataFile: dataFile() });
    try {
      const team = await s.call('team/get_info');
      expect(team.json).toMatchObject({
        name: 'Acme Inc.',
        team_id: EXAMPLE_IDS.teamId,
        num_licensed_users: 250,
        num_provisioned_users: 34,
        num_used_licenses: 34,
        policies: { sharing: { group_creation_policy: { '.tag': 'admins_only' } }, emm_state: { '.tag': 'disabled' } },
      });
      const admin = await s.call('team/token/get_authenticated_admin');
      expect(admin.json).toMatchObject({ admin_profile: { team_member_id: EXAMPLE_IDS.adminMemberId, email: 'dana.whitfield@acme.example.com' } });
    } finally {
      await s.close();
    }
  });

  test('when an invitation is accepted through the admin endpoint, then the member is active and can be suspended', async () => {
    const s = await startDropboxSandboxServer({ dataFile: dataFile() });
    try {
      expect((await s.admin('accept-invite', { team_member_id: EXAMPLE_IDS.invitedMemberId })).status).toBe(200);
      const suspended = await s.call('team/members/suspend', { user: { '.tag': 'team_member_id', team_member_id: EXAMPLE_IDS.invitedMemberId } });
      expect(suspended.status).toBe(200);
      expect((await s.admin('accept-invite', { team_member_id: EXAMPLE_IDS.activeMemberId })).status).toBe(404);
    } finally {
      await s.close();
    }
  });
});

describe('Dropbox sandbox benchmark members', () => {
  test('when 100,000 members are generated, then it takes a few seconds at most and ids and emails are unique', () => {
    const started = Date.now();
    const members = generateMembers(100_000);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(members).toHaveLength(100_000);
    expect(new Set(members.map((m) => m.team_member_id)).size).toBe(100_000);
    expect(new Set(members.map((m) => m.email)).size).toBe(100_000);
    expect(members[0]).toMatchObject({ email: 'member000001@bench.example.com', status: 'active', team_member_id: expect.stringMatching(/^dbmid:AA.{33}$/) });
    expect(members[0]!.account_id).toHaveLength(40);
    expect(members[49]!.status).toBe('invited');
  });

  test('when 100,000 members are seeded, then list_v2 pages through all of them and the file reopens', async () => {
    const file = dataFile();
    const s = await startDropboxSandboxServer({ dataFile: file });
    try {
      const started = Date.now();
      expect(await s.sandbox.seedMembers(100_000)).toBe(100_000);
      expect(Date.now() - started).toBeLessThan(10_000);
      let page = (await s.call('team/members/list_v2', { limit: 1000 })).json as Page;
      let count = page.members.length;
      while (page.has_more) {
        page = (await s.call('team/members/list/continue_v2', { cursor: page.cursor })).json as Page;
        count += page.members.length;
      }
      expect(count).toBe(100_034);
      const everyone = await s.call('team/groups/get_info', { '.tag': 'group_ids', group_ids: [EXAMPLE_IDS.everyoneGroupId] });
      expect((everyone.json as { member_count: number }[])[0]!.member_count).toBe(100_034);
      const byEmail = await s.call('team/members/get_info_v2', { members: [{ '.tag': 'email', email: 'member054321@bench.example.com' }] });
      expect((byEmail.json as { members_info: { '.tag': string }[] }).members_info[0]!['.tag']).toBe('member_info');
    } finally {
      await s.close();
    }
    const reopened = await createDropboxSandbox({ dataFile: file });
    expect(reopened.state.data.members).toHaveLength(100_036);
  }, 60_000);

  test('when members are seeded through POST /__admin/seed-members, then each is added once', async () => {
    const s = await startDropboxSandboxServer({ dataFile: dataFile() });
    try {
      const got = await s.admin('seed-members', { count: 50 });
      expect(got.status).toBe(201);
      expect(got.json).toEqual({ added: 50, members: 86 });
      expect((await s.admin('seed-members', { count: 60 })).json).toEqual({ added: 10, members: 96 });
      expect((await s.admin('seed-members', { count: 0 })).status).toBe(400);
    } finally {
      await s.close();
    }
  });
});
