import { CursorArg, GroupManagementType, GroupSelector, GroupsSelector, PollArg } from './dropbox-arg-types.js';
import { routeError } from './dropbox-errors.js';
import { groupId } from './dropbox-ids.js';
import type { GroupRecord } from './dropbox-model.js';
import { rpcRoute } from './dropbox-rpc.js';
import type { RpcContext, RpcRoute } from './dropbox-rpc.js';
import { indexAfterSeq } from './dropbox-state.js';
import { groupFullInfo, groupSummary } from './dropbox-views.js';
import type { JsonObject } from './dropbox-views.js';
import { isInvalidGroupName, managementType, requireGroup } from './group-lookup.js';
import { boolean, optional, required, string, struct, uint32, withDefault } from './stone-types.js';

const GroupCreateArg = struct({
  group_name: required(string()),
  add_creator_as_owner: withDefault(boolean, false),
  group_external_id: optional(string()),
  group_management_type: optional(GroupManagementType),
});

/** POST /2/team/groups/create: a new empty group (GroupFullInfo); defaults to company-managed. */
export const createGroup = rpcRoute('team/groups/create', 'groups.write', GroupCreateArg, (ctx, arg) => {
  const { state } = ctx;
  const type = managementType(arg.group_management_type?.tag ?? 'company_managed');
  if (isInvalidGroupName(arg.group_name)) throw routeError('group_name_invalid');
  if (type === 'system_managed') throw routeError('system_managed_group_disallowed');
  if (state.groupByName(arg.group_name)) throw routeError('group_name_already_used');
  const externalId = arg.group_external_id === '' ? undefined : arg.group_external_id;
  if (externalId !== undefined && state.groupByExternalId(externalId)) throw routeError('external_id_already_in_use');
  const group: GroupRecord = {
    seq: state.nextSeq(),
    group_id: groupId(),
    group_name: arg.group_name,
    group_management_type: type,
    created: ctx.now().getTime(),
    members: [],
  };
  if (externalId !== undefined) group.group_external_id = externalId;
  state.insertGroup(group);
  if (arg.add_creator_as_owner) {
    // Company-managed groups cannot have owners: the creator joins as a member.
    state.addMembership(group, state.data.team.authorizing_admin_id, type === 'user_managed' ? 'owner' : 'member');
  }
  return groupFullInfo(state, group, true);
});

function groupsPage(ctx: RpcContext, after: number, limit: number): JsonObject {
  const groups = ctx.state.data.groups;
  const start = indexAfterSeq(groups, after);
  const page = groups.slice(start, start + limit);
  const last = page.length > 0 ? page[page.length - 1]!.seq : after;
  return {
    groups: page.map((g) => groupSummary(ctx.state, g)),
    cursor: ctx.cursors.encode({ kind: 'groups', after: last, limit }),
    has_more: start + page.length < groups.length,
  };
}

/** POST /2/team/groups/list */
export const listGroups = rpcRoute('team/groups/list', 'groups.read', struct({ limit: withDefault(uint32(1, 1000), 1000) }), (ctx, arg) =>
  groupsPage(ctx, 0, arg.limit),
);

/** POST /2/team/groups/list/continue */
export const listGroupsContinue = rpcRoute('team/groups/list/continue', 'groups.read', CursorArg, (ctx, arg) => {
  const payload = ctx.cursors.decode(arg.cursor, 'groups');
  if (!payload) throw routeError('invalid_cursor');
  return groupsPage(ctx, payload.after, payload.limit);
});

/** POST /2/team/groups/get_info: the body is the GroupsSelector union; answers a top-level array. */
export const getGroupsInfo = rpcRoute('team/groups/get_info', 'groups.read', GroupsSelector, (ctx, arg) => {
  const { state } = ctx;
  const byExternal = arg.tag === 'group_external_ids';
  return arg.value.map((id): JsonObject => {
    const group = byExternal ? state.groupByExternalId(id) : state.group(id);
    if (!group) return { '.tag': 'id_not_found', id_not_found: id };
    return { '.tag': 'group_info', ...groupFullInfo(state, group, true) };
  });
});

const GroupUpdateArgs = struct({
  return_members: withDefault(boolean, true),
  group: required(GroupSelector),
  new_group_name: optional(string()),
  new_group_external_id: optional(string()),
  new_group_management_type: optional(GroupManagementType),
});

/** POST /2/team/groups/update: `new_group_external_id: ""` clears the external id. */
export const updateGroup = rpcRoute('team/groups/update', 'groups.write', GroupUpdateArgs, (ctx, arg) => {
  const { state } = ctx;
  const group = requireGroup(state, arg.group);
  if (arg.new_group_name !== undefined) {
    if (isInvalidGroupName(arg.new_group_name)) throw routeError('group_name_invalid');
    const holder = state.groupByName(arg.new_group_name);
    if (holder && holder !== group) throw routeError('group_name_already_used');
  }
  if (arg.new_group_external_id !== undefined && arg.new_group_external_id !== '') {
    const holder = state.groupByExternalId(arg.new_group_external_id);
    if (holder && holder !== group) throw routeError('external_id_already_in_use');
  }
  const newType = arg.new_group_management_type && managementType(arg.new_group_management_type.tag);
  if (newType === 'system_managed') throw routeError('system_managed_group_disallowed');

  if (arg.new_group_name !== undefined) group.group_name = arg.new_group_name;
  if (arg.new_group_external_id !== undefined) state.setGroupExternalId(group, arg.new_group_external_id);
  if (newType !== undefined) {
    group.group_management_type = newType;
    // No owners in a company-managed group.
    if (newType === 'company_managed') for (const m of group.members) m.access_type = 'member';
  }
  state.changed();
  return groupFullInfo(state, group, arg.return_members);
});

/** POST /2/team/groups/delete: the body is the GroupSelector union; deleted at once, answers `async_job_id`. */
export const deleteGroup = rpcRoute('team/groups/delete', 'groups.write', GroupSelector, (ctx, arg) => {
  const group = requireGroup(ctx.state, arg, { deletedTag: 'group_already_deleted' });
  ctx.state.deleteGroup(group);
  return { '.tag': 'async_job_id', async_job_id: ctx.jobs.launch('groups/delete') };
});

/** POST /2/team/groups/job_status/get */
export const groupsJobStatus = rpcRoute('team/groups/job_status/get', 'groups.write', PollArg, (ctx, arg) => {
  const outcome = ctx.jobs.poll(arg.async_job_id, 'groups/delete');
  if (!outcome) throw routeError('invalid_async_job_id');
  return { '.tag': outcome.done ? 'complete' : 'in_progress' };
});

export const groupRoutes: readonly RpcRoute[] = [createGroup, listGroups, listGroupsContinue, getGroupsInfo, updateGroup, deleteGroup, groupsJobStatus];
