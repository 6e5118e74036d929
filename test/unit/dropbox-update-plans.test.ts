import { diffMembers, planGroupUpdate } from '../../src/connectors/dropbox/dropbox-group-update.js';
import { planMemberUpdate } from '../../src/connectors/dropbox/dropbox-member-update.js';
import type { GroupMemberAccess, GroupSummary, TeamMemberInfoV2 } from '../../src/connectors/dropbox/dropbox-wire.js';
import type { JsonValue } from '../../src/util/json.js';

function thrown(fn: () => unknown): { name: string; message: string } {
  try {
    fn();
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected a throw');
}

function member(status: string, roleId?: string): TeamMemberInfoV2 {
  return {
    profile: {
      team_member_id: 'dbmid:1', email: 'a@example.com', email_verified: true, status: { '.tag': status },
      name: { given_name: 'Ann', surname: 'Lee', abbreviated_name: 'AL' }, membership_type: { '.tag': 'full' },
      joined_on: '2020-01-01T00:00:00Z', groups: [],
    },
    ...(roleId ? { roles: [{ role_id: roleId, name: 'R', description: 'D' }] } : {}),
  };
}

describe('member update plan', () => {
  test('when nothing differs, then no Dropbox call is planned', () => {
    expect(planMemberUpdate(member('active', 'r1'), { email: 'a@example.com', given_name: 'Ann', role_id: 'r1', member_status: 'active', joined_on: '2020-01-01T00:00:00Z' }))
      .toEqual({ unsuspend: false, profile: undefined, roles: undefined, suspend: false });
  });

  test('when names and e-mail change, then set_profile_v2 gets only the changed fields; a null name clears it', () => {
    expect(planMemberUpdate(member('active'), { email: 'b@example.com', given_name: 'Ann', surname: null }).profile)
      .toEqual({ new_email: 'b@example.com', new_surname: '' });
  });

  test('when a configuration maps the e-mail to __NAME__, then __NAME__ changes the e-mail', () => {
    expect(planMemberUpdate(member('active'), { __NAME__: 'c@example.com' }).profile).toEqual({ new_email: 'c@example.com' });
  });

  test('when role_id is set or cleared, then the new roles are [id] or []', () => {
    expect(planMemberUpdate(member('active'), { role_id: 'r2' }).roles).toEqual(['r2']);
    expect(planMemberUpdate(member('active', 'r1'), { role_id: null }).roles).toEqual([]);
    expect(planMemberUpdate(member('active', 'r1'), { role_id: '' }).roles).toEqual([]);
  });

  test('when an active member is suspended, then suspend comes last; a suspended one is unsuspended first', () => {
    expect(planMemberUpdate(member('active'), { member_status: 'suspended', role_id: 'r2' })).toMatchObject({ unsuspend: false, roles: ['r2'], suspend: true });
    expect(planMemberUpdate(member('suspended'), { member_status: 'active' })).toMatchObject({ unsuspend: true, suspend: false });
  });

  test.each<[string, string, Record<string, JsonValue>, RegExp]>([
    ['invited → active', 'invited', { member_status: 'active' }, /cannot change from 'invited' to 'active'/],
    ['active → removed', 'active', { member_status: 'removed' }, /removal is a DELETE/],
    ['a cleared e-mail', 'active', { email: null }, /'email' of a Dropbox member cannot be cleared/],
    ['a changed read-only value', 'active', { membership_type: 'limited' }, /'membership_type' of a Dropbox member is read-only/],
    ['groups', 'active', { groups: [{ group_id: 'g:1', access_type: 'member' }] }, /through the members of __GROUP__/],
    ['an unknown attribute', 'active', { nickname: 'x' }, /'nickname' is not an attribute/],
  ])('when an update has %s, then InvalidAttributeValueError explains', (_label, status, attributes, message) => {
    const error = thrown(() => planMemberUpdate(member(status), attributes, []));
    expect(error.name).toBe('InvalidAttributeValueError');
    expect(error.message).toMatch(message);
  });
});

describe('group update plan', () => {
  const group: GroupSummary = { group_name: 'Eng', group_id: 'g:1', group_external_id: 'eng', member_count: 2, group_management_type: { '.tag': 'user_managed' } };
  const members: GroupMemberAccess[] = [
    { team_member_id: 'a', access_type: 'owner' },
    { team_member_id: 'b', access_type: 'member' },
  ];

  test('when only the name changes, then groups/update gets only the new name', () => {
    expect(planGroupUpdate(group, members, { group_name: 'Engineering', group_external_id: 'eng', group_management_type: 'user_managed' }))
      .toEqual({ changes: { new_group_name: 'Engineering' }, remove: [], add: [], setAccess: [] });
  });

  test('when a configuration maps the group name to __NAME__, then __NAME__ renames the group', () => {
    expect(planGroupUpdate(group, members, { __NAME__: 'Platform' }).changes).toEqual({ new_group_name: 'Platform' });
  });

  test('when the external id is cleared, then Dropbox is sent an empty external id', () => {
    expect(planGroupUpdate(group, members, { group_external_id: null }).changes).toEqual({ new_group_external_id: '' });
  });

  test('when members change, then removals, additions and access changes are planned', () => {
    const plan = planGroupUpdate(group, members, {
      members: [{ team_member_id: 'a', access_type: 'member' }, { team_member_id: 'c', access_type: 'owner' }],
    });
    expect(plan).toEqual({
      changes: undefined,
      remove: ['b'],
      add: [{ team_member_id: 'c', access_type: 'owner' }],
      setAccess: [{ team_member_id: 'a', access_type: 'member' }],
    });
  });

  test('when the group becomes company-managed and keeps an owner, then it is refused before any call', () => {
    const error = thrown(() => planGroupUpdate(group, members, { group_management_type: 'company_managed', members: members as unknown as JsonValue }));
    expect(error.name).toBe('InvalidAttributeValueError');
    expect(error.message).toMatch(/cannot have owners \(a\)/);
  });

  test('when the system-managed group is updated, then InvalidArgumentError says the default group cannot be updated', () => {
    const error = thrown(() => planGroupUpdate({ ...group, group_name: 'Everyone', group_management_type: { '.tag': 'system_managed' } }, [], { group_name: 'x' }));
    expect(error.name).toBe('InvalidArgumentError');
    expect(error.message).toBe("The default group 'Everyone' is managed by Dropbox and cannot be updated");
  });

  test('when read-only values are repeated unchanged, then they are accepted; changed, they are refused', () => {
    expect(planGroupUpdate(group, members, { group_id: 'g:1', member_count: 2 }).changes).toBeUndefined();
    expect(thrown(() => planGroupUpdate(group, members, { member_count: 3 })).message).toMatch(/'member_count' of a Dropbox group is read-only/);
  });

  test('when the desired list equals the current one in another order, then nothing changes', () => {
    expect(diffMembers(members, [...members].reverse())).toEqual({ remove: [], add: [], setAccess: [] });
  });
});
