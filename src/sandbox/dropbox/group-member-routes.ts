import { CursorArg, GroupAccessType, GroupSelector, UserSelectorArg } from './dropbox-arg-types.js';
import type { UserSelector } from './dropbox-arg-types.js';
import { routeError } from './dropbox-errors.js';
import type { AccessType, GroupRecord, MemberRecord } from './dropbox-model.js';
import { rpcRoute } from './dropbox-rpc.js';
import type { RpcContext, RpcRoute } from './dropbox-rpc.js';
import { groupFullInfo, groupMemberInfo } from './dropbox-views.js';
import type { JsonObject } from './dropbox-views.js';
import { requireGroup } from './group-lookup.js';
import { boolean, list, required, struct, uint32, withDefault } from './stone-types.js';

/**
 * Resolves the users of a group member change: unknown → `users_not_found` (list), removed →
 * `members_not_in_team` (list), both echoing the identifiers as sent.
 */
function resolveUsers(ctx: RpcContext, selectors: UserSelector[]): MemberRecord[] {
  const notFound: string[] = [];
  const notInTeam: string[] = [];
  const members: MemberRecord[] = [];
  for (const selector of selectors) {
    const member = ctx.state.resolveUser(selector);
    if (!member) notFound.push(selector.value);
    else if (member.status === 'removed') notInTeam.push(selector.value);
    else members.push(member);
  }
  if (notFound.length > 0) throw routeError('users_not_found', notFound);
  if (notInTeam.length > 0) throw routeError('members_not_in_team', notInTeam);
  return members;
}

/** GroupMembersChangeResult: `async_job_id` is always one space (legacy). */
function changeResult(ctx: RpcContext, group: GroupRecord, returnMembers: boolean): JsonObject {
  return { group_info: groupFullInfo(ctx.state, group, returnMembers), async_job_id: ' ' };
}

const MemberAccess = struct({ user: required(UserSelectorArg), access_type: required(GroupAccessType) });

/** POST /2/team/groups/members/add */
export const addGroupMembers = rpcRoute(
  'team/groups/members/add',
  'groups.write',
  struct({ return_members: withDefault(boolean, true), group: required(GroupSelector), members: required(list(MemberAccess)) }),
  (ctx, arg) => {
    const { state } = ctx;
    const group = requireGroup(state, arg.group);
    const members = resolveUsers(ctx, arg.members.map((m) => m.user));
    const access = arg.members.map((m) => m.access_type.tag);
    const owners = arg.members.filter((m) => m.access_type.tag === 'owner').map((m) => m.user.value);
    if (group.group_management_type === 'company_managed' && owners.length > 0) {
      throw routeError('user_cannot_be_manager_of_company_managed_group', owners);
    }
    if (members.some((member, i) => access[i] === 'owner' && member.status === 'suspended')) throw routeError('user_must_be_active_to_be_owner');
    const seen = new Set<string>();
    for (const member of members) {
      if (seen.has(member.team_member_id) || state.membership(group, member.team_member_id)) throw routeError('duplicate_user');
      seen.add(member.team_member_id);
    }
    members.forEach((member, i) => state.addMembership(group, member.team_member_id, access[i]!));
    state.changed();
    return changeResult(ctx, group, arg.return_members);
  },
);

/** POST /2/team/groups/members/remove: removing the only owner is allowed. */
export const removeGroupMembers = rpcRoute(
  'team/groups/members/remove',
  'groups.write',
  struct({ return_members: withDefault(boolean, true), group: required(GroupSelector), users: required(list(UserSelectorArg)) }),
  (ctx, arg) => {
    const { state } = ctx;
    const group = requireGroup(state, arg.group);
    const members = resolveUsers(ctx, arg.users);
    if (members.some((member) => !state.membership(group, member.team_member_id))) throw routeError('member_not_in_group');
    for (const member of members) state.removeMembership(group, member.team_member_id);
    state.changed();
    return changeResult(ctx, group, arg.return_members);
  },
);

function groupMembersPage(ctx: RpcContext, group: GroupRecord, after: number, limit: number): JsonObject {
  const { entries, hasMore } = ctx.state.groupMembersPage(group, after, limit);
  const last = entries.length > 0 ? entries[entries.length - 1]!.seq : after;
  return {
    members: entries.map(groupMemberInfo),
    cursor: ctx.cursors.encode({ kind: 'group_members', after: last, limit, groupId: group.group_id }),
    has_more: hasMore,
  };
}

/** POST /2/team/groups/members/list: members with MemberProfile and access type (system group allowed). */
export const listGroupMembers = rpcRoute(
  'team/groups/members/list',
  'groups.read',
  struct({ group: required(GroupSelector), limit: withDefault(uint32(1, 1000), 1000) }),
  (ctx, arg) => groupMembersPage(ctx, requireGroup(ctx.state, arg.group, { allowSystem: true }), 0, arg.limit),
);

/** POST /2/team/groups/members/list/continue */
export const listGroupMembersContinue = rpcRoute('team/groups/members/list/continue', 'groups.read', CursorArg, (ctx, arg) => {
  const payload = ctx.cursors.decode(arg.cursor, 'group_members');
  const group = payload?.groupId === undefined ? undefined : ctx.state.group(payload.groupId);
  if (!payload || !group) throw routeError('invalid_cursor');
  return groupMembersPage(ctx, group, payload.after, payload.limit);
});

/** POST /2/team/groups/members/set_access_type: answers a GroupsGetInfoResult array. */
export const setGroupMemberAccessType = rpcRoute(
  'team/groups/members/set_access_type',
  'groups.write',
  struct({
    group: required(GroupSelector),
    user: required(UserSelectorArg),
    access_type: required(GroupAccessType),
    return_members: withDefault(boolean, true),
  }),
  (ctx, arg) => {
    const { state } = ctx;
    const group = requireGroup(state, arg.group);
    const member = state.resolveUser(arg.user);
    const membership = member && state.membership(group, member.team_member_id);
    if (!membership) throw routeError('member_not_in_group');
    const accessType: AccessType = arg.access_type.tag;
    if (accessType === 'owner' && group.group_management_type === 'company_managed') {
      throw routeError('user_cannot_be_manager_of_company_managed_group');
    }
    membership.access_type = accessType;
    state.changed();
    return [{ '.tag': 'group_info', ...groupFullInfo(state, group, arg.return_members) }];
  },
);

export const groupMemberRoutes: readonly RpcRoute[] = [
  addGroupMembers,
  removeGroupMembers,
  listGroupMembers,
  listGroupMembersContinue,
  setGroupMemberAccessType,
];
