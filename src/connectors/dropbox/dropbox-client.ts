import { ConnectorIOError } from '../../provisioner/connector-errors.js';
import type { OperationContext } from '../../provisioner/spi.js';
import type { HttpClient } from '../shared/http-client.js';
import {
  byGroupId, byMemberId,
  type GroupCreateArg, type GroupFullInfo, type GroupMemberAccess, type GroupsGetInfoItem, type GroupsListResult,
  type GroupsMembersListResult, type GroupUpdateChanges, type LaunchResult, type MemberAddV2Arg, type MemberAddV2Result,
  type MembersGetInfoItemV2, type MembersListV2Result, type PollResult, type ProfileChanges, type TeamMemberRole,
  type UserSelector,
} from './dropbox-wire.js';

/** Largest `limit` Dropbox's list routes accept (also their default). */
export const DROPBOX_MAX_LIMIT = 1000;

/**
 * Typed calls of the Dropbox team API: one method per RPC route (`POST <serviceUri>/<route>`,
 * JSON in and out), I/O only. Read-only routes are marked idempotent so the shared layer may
 * retry them; errors arrive as ConnectorErrors (dropbox-errors.ts).
 */
export class DropboxClient {
  constructor(private readonly http: HttpClient) {}

  /** POST /2/team/get_info (Void argument: the connection test). */
  getTeamInfo(ctx: OperationContext): Promise<{ name: string; team_id: string }> {
    return this.read('team/get_info', null, ctx, (b) => typeof b.team_id === 'string');
  }

  /** POST /2/team/members/list_v2 */
  listMembersV2(limit: number, ctx: OperationContext): Promise<MembersListV2Result> {
    return this.read('team/members/list_v2', { limit: clampLimit(limit), include_removed: false }, ctx, (b) => Array.isArray(b.members));
  }

  /** POST /2/team/members/list/continue_v2 */
  listMembersContinueV2(cursor: string, ctx: OperationContext): Promise<MembersListV2Result> {
    return this.read('team/members/list/continue_v2', { cursor }, ctx, (b) => Array.isArray(b.members));
  }

  /** POST /2/team/members/get_info_v2: one item per selector, unknown ones as `id_not_found`. */
  async getMembersInfoV2(members: readonly UserSelector[], ctx: OperationContext): Promise<readonly MembersGetInfoItemV2[]> {
    const body = await this.read<{ members_info: MembersGetInfoItemV2[] }>('team/members/get_info_v2', { members }, ctx, (b) => Array.isArray(b.members_info));
    return body.members_info;
  }

  /** POST /2/team/members/add_v2 (synchronous unless Dropbox decides otherwise). */
  addMembersV2(newMembers: readonly MemberAddV2Arg[], ctx: OperationContext): Promise<LaunchResult<readonly MemberAddV2Result[]>> {
    return this.write('team/members/add_v2', { new_members: newMembers, force_async: false }, ctx);
  }

  /** POST /2/team/members/add/job_status/get_v2 */
  addMembersJobStatusV2(asyncJobId: string, ctx: OperationContext): Promise<PollResult<readonly MemberAddV2Result[]>> {
    return this.read('team/members/add/job_status/get_v2', { async_job_id: asyncJobId }, ctx);
  }

  /** POST /2/team/members/remove (Dropbox's defaults: wipe_data true, keep_account false). */
  removeMember(teamMemberId: string, ctx: OperationContext): Promise<LaunchResult> {
    return this.write('team/members/remove', { user: byMemberId(teamMemberId) }, ctx);
  }

  /** POST /2/team/members/remove/job_status/get */
  removeMemberJobStatus(asyncJobId: string, ctx: OperationContext): Promise<PollResult> {
    return this.read('team/members/remove/job_status/get', { async_job_id: asyncJobId }, ctx);
  }

  /** POST /2/team/members/suspend; devices are not wiped (Dropbox's default would wipe them). */
  async suspendMember(teamMemberId: string, ctx: OperationContext): Promise<void> {
    await this.write('team/members/suspend', { user: byMemberId(teamMemberId), wipe_data: false }, ctx, true);
  }

  /** POST /2/team/members/unsuspend */
  async unsuspendMember(teamMemberId: string, ctx: OperationContext): Promise<void> {
    await this.write('team/members/unsuspend', { user: byMemberId(teamMemberId) }, ctx, true);
  }

  /** POST /2/team/members/set_profile_v2 */
  async setMemberProfileV2(teamMemberId: string, changes: ProfileChanges, ctx: OperationContext): Promise<void> {
    await this.write('team/members/set_profile_v2', { user: byMemberId(teamMemberId), ...changes }, ctx);
  }

  /** POST /2/team/members/set_admin_permissions_v2: `[]` makes the member member-only. */
  async setMemberAdminPermissionsV2(teamMemberId: string, newRoles: readonly string[], ctx: OperationContext): Promise<void> {
    await this.write('team/members/set_admin_permissions_v2', { user: byMemberId(teamMemberId), new_roles: newRoles }, ctx);
  }

  /** POST /2/team/members/get_available_team_member_roles (Void argument). */
  async getAvailableTeamMemberRoles(ctx: OperationContext): Promise<readonly TeamMemberRole[]> {
    const body = await this.read<{ roles: TeamMemberRole[] }>('team/members/get_available_team_member_roles', null, ctx, (b) => Array.isArray(b.roles));
    return body.roles;
  }

  /** POST /2/team/groups/create */
  createGroup(arg: GroupCreateArg, ctx: OperationContext): Promise<GroupFullInfo> {
    return this.write('team/groups/create', arg, ctx);
  }

  /** POST /2/team/groups/list */
  listGroups(limit: number, ctx: OperationContext): Promise<GroupsListResult> {
    return this.read('team/groups/list', { limit: clampLimit(limit) }, ctx, (b) => Array.isArray(b.groups));
  }

  /** POST /2/team/groups/list/continue */
  listGroupsContinue(cursor: string, ctx: OperationContext): Promise<GroupsListResult> {
    return this.read('team/groups/list/continue', { cursor }, ctx, (b) => Array.isArray(b.groups));
  }

  /** POST /2/team/groups/get_info (the body is the GroupsSelector union; the answer a top-level array). */
  getGroupsInfo(selector: { readonly ids: readonly string[] } | { readonly externalIds: readonly string[] }, ctx: OperationContext): Promise<readonly GroupsGetInfoItem[]> {
    const arg = 'ids' in selector
      ? { '.tag': 'group_ids', group_ids: selector.ids }
      : { '.tag': 'group_external_ids', group_external_ids: selector.externalIds };
    return this.read('team/groups/get_info', arg, ctx, Array.isArray);
  }

  /** POST /2/team/groups/update (members are not echoed back). */
  async updateGroup(groupId: string, changes: GroupUpdateChanges, ctx: OperationContext): Promise<void> {
    await this.write('team/groups/update', { group: byGroupId(groupId), ...changes, return_members: false }, ctx);
  }

  /** POST /2/team/groups/delete (the body is the GroupSelector union). */
  deleteGroup(groupId: string, ctx: OperationContext): Promise<LaunchResult> {
    return this.write('team/groups/delete', byGroupId(groupId), ctx);
  }

  /** POST /2/team/groups/job_status/get */
  groupsJobStatus(asyncJobId: string, ctx: OperationContext): Promise<PollResult> {
    return this.read('team/groups/job_status/get', { async_job_id: asyncJobId }, ctx);
  }

  /** POST /2/team/groups/members/add (its `async_job_id` is always " ": nothing to poll). */
  async addGroupMembers(groupId: string, members: readonly GroupMemberAccess[], ctx: OperationContext): Promise<void> {
    const entries = members.map((m) => ({ user: byMemberId(m.team_member_id), access_type: m.access_type }));
    await this.write('team/groups/members/add', { group: byGroupId(groupId), members: entries, return_members: false }, ctx);
  }

  /** POST /2/team/groups/members/remove */
  async removeGroupMembers(groupId: string, teamMemberIds: readonly string[], ctx: OperationContext): Promise<void> {
    await this.write('team/groups/members/remove', { group: byGroupId(groupId), users: teamMemberIds.map(byMemberId), return_members: false }, ctx);
  }

  /** POST /2/team/groups/members/set_access_type */
  async setGroupMemberAccessType(groupId: string, member: GroupMemberAccess, ctx: OperationContext): Promise<void> {
    const arg = { group: byGroupId(groupId), user: byMemberId(member.team_member_id), access_type: member.access_type, return_members: false };
    await this.write('team/groups/members/set_access_type', arg, ctx, true);
  }

  /** POST /2/team/groups/members/list */
  listGroupMembers(groupId: string, limit: number, ctx: OperationContext): Promise<GroupsMembersListResult> {
    return this.read('team/groups/members/list', { group: byGroupId(groupId), limit: clampLimit(limit) }, ctx, (b) => Array.isArray(b.members));
  }

  /** POST /2/team/groups/members/list/continue */
  listGroupMembersContinue(cursor: string, ctx: OperationContext): Promise<GroupsMembersListResult> {
    return this.read('team/groups/members/list/continue', { cursor }, ctx, (b) => Array.isArray(b.members));
  }

  /** A route that changes nothing: safe to repeat after a reset or a 5xx. */
  private read<T>(route: string, arg: unknown, ctx: OperationContext, check?: (body: Record<string, unknown>) => boolean): Promise<T> {
    return this.call<T>(route, arg, ctx, true, check);
  }

  /** A route that changes the team; `idempotent` when repeating it cannot do harm (suspend, set access). */
  private write<T>(route: string, arg: unknown, ctx: OperationContext, idempotent = false): Promise<T> {
    return this.call<T>(route, arg, ctx, idempotent);
  }

  private async call<T>(route: string, arg: unknown, ctx: OperationContext, idempotent: boolean, check?: (body: Record<string, unknown>) => boolean): Promise<T> {
    const what = `Dropbox ${route}`;
    const result = await this.http.request({ method: 'POST', path: `/${route}`, route: `/2/${route}`, json: arg, idempotent, what }, ctx);
    const body = result.body;
    // Void results (suspend, unsuspend) are `null`; everything else is a JSON object or array.
    if (check && (typeof body !== 'object' || body === null || !check(body as Record<string, unknown>))) {
      throw new ConnectorIOError(`${what} answered an unexpected body (status ${result.status})`);
    }
    return body as T;
  }
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.min(DROPBOX_MAX_LIMIT, Math.floor(limit)));
}
