import { createGroupArg, groupObject, parseGroupMembers } from '../../src/connectors/dropbox/dropbox-group-mapping.js';
import { inviteArg, isRemoved, memberObject } from '../../src/connectors/dropbox/dropbox-member-mapping.js';
import { roleObject } from '../../src/connectors/dropbox/dropbox-roles.js';
import type { GroupSummary, TeamMemberInfoV2 } from '../../src/connectors/dropbox/dropbox-wire.js';
import type { JsonValue } from '../../src/util/json.js';

/** Runs `fn` and returns what it threw, for name/message checks (errors cross jest realms). */
function thrown(fn: () => unknown): { name: string; message: string } {
  try {
    fn();
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected a throw');
}

const admin: TeamMemberInfoV2 = {
  profile: {
    team_member_id: 'dbmid:1', account_id: 'dbid:1', email: 'tami@seagull.com', email_verified: true,
    secondary_emails: [{ email: 'grape@strawberry.com', is_verified: false }],
    status: { '.tag': 'active' },
    name: { given_name: 'Franz', surname: 'Ferdinand', familiar_name: 'Franz', display_name: 'Franz Ferdinand', abbreviated_name: 'FF' },
    membership_type: { '.tag': 'full' },
    joined_on: '2015-05-12T15:50:38Z',
    groups: ['g:1', 'g:2'],
  },
  roles: [{ role_id: 'pid_dbtmr:2345', name: 'Team admin', description: 'Manage everything' }],
};

const invited: TeamMemberInfoV2 = {
  profile: {
    team_member_id: 'dbmid:2', email: 'new@example.com', email_verified: false, status: { '.tag': 'invited' },
    name: { given_name: '', surname: '', familiar_name: '', display_name: '', abbreviated_name: '' },
    membership_type: { '.tag': 'full' }, invited_on: '2025-11-03T09:15:00Z', groups: [],
  },
};

describe('member mapping', () => {
  test('when a Dropbox member is mapped, then the seed\'s __ACCOUNT__ attributes come from profile, name and roles', () => {
    const object = memberObject(admin, [{ access_type: 'owner', group_id: 'g:2' }]);
    expect(object.uid).toEqual({ value: 'dbmid:1' });
    expect(object.objectClass).toBe('__ACCOUNT__');
    expect(object.attributes).toEqual({
      team_member_id: 'dbmid:1', given_name: 'Franz', surname: 'Ferdinand', email: 'tami@seagull.com', member_status: 'active',
      membership_type: 'full', role_id: 'pid_dbtmr:2345', email_verified: true, invited_on: null,
      secondary_emails: ['grape@strawberry.com'], abbreviated_name: 'FF', joined_on: '2015-05-12T15:50:38Z',
      groups: [{ access_type: 'owner', group_id: 'g:2' }],
    });
  });

  test('when a member has no roles key and groups were not resolved, then role_id is null and groups absent', () => {
    const { attributes } = memberObject(invited, undefined);
    expect(attributes.role_id).toBeNull();
    expect(attributes).not.toHaveProperty('groups');
    expect(attributes).toMatchObject({ member_status: 'invited', invited_on: '2025-11-03T09:15:00Z', joined_on: null, secondary_emails: [] });
  });

  test('when a member\'s status is removed, then it counts as removed', () => {
    expect(isRemoved({ ...admin, profile: { ...admin.profile, status: { '.tag': 'removed' } } })).toBe(true);
    expect(isRemoved(admin)).toBe(false);
  });

  test('when an invitation has names and a role, then add_v2 gets member_* fields and one role id', () => {
    expect(inviteArg({ email: 'a@b.c', given_name: 'A', surname: 'B', role_id: 'ROLE ID', member_status: 'invited' }))
      .toEqual({ member_email: 'a@b.c', member_given_name: 'A', member_surname: 'B', role_ids: ['ROLE ID'] });
  });

  test('when an invitation has only __NAME__ and null names, then only the e-mail is sent', () => {
    expect(inviteArg({ __NAME__: 'a@b.c', given_name: null, role_id: null })).toEqual({ member_email: 'a@b.c' });
  });

  test.each<[string, Record<string, JsonValue>, RegExp]>([
    ['no e-mail', { given_name: 'A' }, /'email' is required/],
    ['a read-only attribute', { email: 'a@b.c', joined_on: '2020-01-01T00:00:00Z' }, /'joined_on' cannot be set/],
    ['an active status', { email: 'a@b.c', member_status: 'active' }, /always 'invited'/],
    ['a number as name', { email: 'a@b.c', given_name: 7 }, /'given_name' must be a string/],
  ])('when an invitation has %s, then InvalidAttributeValueError says why', (_label, attributes, message) => {
    const error = thrown(() => inviteArg(attributes));
    expect(error.name).toBe('InvalidAttributeValueError');
    expect(error.message).toMatch(message);
  });
});

describe('group mapping', () => {
  const summary: GroupSummary = { group_name: 'Sales', group_id: 'g:9', member_count: 2, group_management_type: { '.tag': 'user_managed' } };

  test('when a group is mapped with members, then the seed\'s __GROUP__ attributes come back', () => {
    const object = groupObject(summary, [{ team_member_id: 'dbmid:1', access_type: 'owner' }]);
    expect(object).toEqual({
      objectClass: '__GROUP__',
      uid: { value: 'g:9' },
      attributes: {
        group_id: 'g:9', group_name: 'Sales', group_external_id: null, group_management_type: 'user_managed', member_count: 2,
        members: [{ access_type: 'owner', team_member_id: 'dbmid:1' }],
      },
    });
  });

  test('when members were not fetched, then the members attribute is absent', () => {
    expect(groupObject(summary, undefined).attributes).not.toHaveProperty('members');
  });

  test('when a group is created with the seed\'s body, then groups/create gets it and never makes the creator owner', () => {
    expect(createGroupArg({ group_name: 'GROUP NAME', group_management_type: 'company_managed', group_external_id: 'GROUP EXTERNAL ID' })).toEqual({
      arg: { group_name: 'GROUP NAME', group_external_id: 'GROUP EXTERNAL ID', group_management_type: 'company_managed', add_creator_as_owner: false },
      members: [],
    });
  });

  test('when a new group (company-managed by default) lists an owner, then it is refused before any call', () => {
    const error = thrown(() => createGroupArg({ group_name: 'G', members: [{ team_member_id: 'dbmid:1', access_type: 'owner' }] }));
    expect(error.name).toBe('InvalidAttributeValueError');
    expect(error.message).toMatch(/cannot have owners \(dbmid:1\)/);
  });

  test('when members are parsed, then access_type defaults to member and null means none', () => {
    expect(parseGroupMembers([{ team_member_id: 'dbmid:1' }, { team_member_id: 'dbmid:2', access_type: 'owner' }])).toEqual([
      { team_member_id: 'dbmid:1', access_type: 'member' },
      { team_member_id: 'dbmid:2', access_type: 'owner' },
    ]);
    expect(parseGroupMembers(null)).toEqual([]);
  });

  test.each<[string, JsonValue, RegExp]>([
    ['a string entry', ['dbmid:1'], /must be an object/],
    ['no id', [{ access_type: 'member' }], /needs a team_member_id/],
    ['a bad access type', [{ team_member_id: 'dbmid:1', access_type: 'admin' }], /member or owner/],
    ['an unknown key', [{ team_member_id: 'dbmid:1', email: 'x' }], /unknown member 'email'/],
    ['a member twice', [{ team_member_id: 'dbmid:1' }, { team_member_id: 'dbmid:1' }], /listed twice/],
  ])('when members have %s, then InvalidAttributeValueError says why', (_label, value, message) => {
    const error = thrown(() => parseGroupMembers(value));
    expect(error.name).toBe('InvalidAttributeValueError');
    expect(error.message).toMatch(message);
  });
});

describe('role mapping', () => {
  test('when a Dropbox role is mapped, then _id is the role id and name/description follow', () => {
    expect(roleObject({ role_id: 'pid_dbtmr:3456', name: 'User management admin', description: 'Add members' })).toEqual({
      objectClass: 'role', uid: { value: 'pid_dbtmr:3456' }, attributes: { name: 'User management admin', description: 'Add members' },
    });
  });
});
