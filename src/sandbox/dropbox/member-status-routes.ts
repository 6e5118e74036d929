import { PollArg, UserSelectorArg } from './dropbox-arg-types.js';
import { routeError } from './dropbox-errors.js';
import type { MemberRecord } from './dropbox-model.js';
import { rpcRoute } from './dropbox-rpc.js';
import type { RpcContext, RpcRoute } from './dropbox-rpc.js';
import { dropboxTimestamp } from './dropbox-views.js';
import { requireMember } from './member-lookup.js';
import { boolean, optional, required, struct, withDefault } from './stone-types.js';
import type { Infer } from './stone-types.js';

/**
 * An email this long cannot be disabled: removing a member rewrites its address (assumed
 * threshold; Dropbox documents only the error, `email_address_too_long_to_be_disabled`).
 */
export const MAX_DISABLEABLE_EMAIL_LENGTH = 200;

const MembersRemoveArg = struct({
  user: required(UserSelectorArg),
  wipe_data: withDefault(boolean, true),
  transfer_dest_id: optional(UserSelectorArg),
  transfer_admin_id: optional(UserSelectorArg),
  keep_account: withDefault(boolean, false),
  retain_team_shares: withDefault(boolean, false),
  permanently_delete_files: withDefault(boolean, false),
});

/** The MembersRemoveError checks, in the order the union documents them. */
function checkRemoval(ctx: RpcContext, member: MemberRecord, arg: Infer<typeof MembersRemoveArg>): void {
  const { state } = ctx;
  if (arg.transfer_dest_id !== undefined) {
    const dest = state.resolveUser(arg.transfer_dest_id);
    if (!dest) throw routeError('transfer_dest_user_not_found');
    if (dest.status === 'removed') throw routeError('transfer_dest_user_not_in_team');
    if (dest === member) throw routeError('removed_and_transfer_dest_should_differ');
    if (arg.transfer_admin_id === undefined) throw routeError('unspecified_transfer_admin_id');
  }
  if (arg.transfer_admin_id !== undefined) {
    const admin = state.resolveUser(arg.transfer_admin_id);
    if (!admin) throw routeError('transfer_admin_user_not_found');
    if (admin.status === 'removed') throw routeError('transfer_admin_user_not_in_team');
    if (admin === member) throw routeError('removed_and_transfer_admin_should_differ');
    if (!state.isTeamAdmin(admin)) throw routeError('transfer_admin_is_not_admin');
  }
  if (member.status === 'active' && state.isTeamAdmin(member) && state.activeTeamAdminCount() <= 1) throw routeError('remove_last_admin');
  if (arg.keep_account && arg.transfer_dest_id !== undefined) throw routeError('cannot_keep_account_and_transfer');
  if (arg.keep_account && arg.wipe_data) throw routeError('cannot_keep_account_and_delete_data');
  if (arg.keep_account && arg.permanently_delete_files) throw routeError('cannot_keep_account_and_permanently_delete');
  if (arg.permanently_delete_files && arg.transfer_dest_id !== undefined) throw routeError('cannot_permanently_delete_and_transfer');
  if (!arg.keep_account && [...member.email].length > MAX_DISABLEABLE_EMAIL_LENGTH) throw routeError('email_address_too_long_to_be_disabled');
  if (arg.keep_account && member.status === 'invited') throw routeError('cannot_keep_invited_user_account');
  if (arg.retain_team_shares && arg.wipe_data) throw routeError('cannot_retain_shares_when_data_wiped');
  if (arg.retain_team_shares && !arg.keep_account) throw routeError('cannot_retain_shares_when_no_account_kept');
}

/** POST /2/team/members/remove: removes at once and answers `async_job_id` (poll remove/job_status/get). */
export const removeMember = rpcRoute('team/members/remove', 'members.delete', MembersRemoveArg, (ctx, arg) => {
  const { state } = ctx;
  const member = requireMember(state, arg.user);
  checkRemoval(ctx, member, arg);
  // A cancelled invitation leaves nothing to recover, so the email can be invited again at once.
  const recoverable = member.status !== 'invited' && !arg.keep_account && !arg.permanently_delete_files;
  member.status = 'removed';
  member.removed = {
    is_recoverable: recoverable,
    is_disconnected: arg.keep_account,
    removed_on: dropboxTimestamp(ctx.now()),
  };
  delete member.suspended_on;
  delete member.role_ids;
  state.leaveAllGroups(member);
  state.changed();
  return { '.tag': 'async_job_id', async_job_id: ctx.jobs.launch('members/remove') };
});

/** POST /2/team/members/remove/job_status/get */
export const removeMemberJobStatus = rpcRoute('team/members/remove/job_status/get', 'members.delete', PollArg, (ctx, arg) => {
  const outcome = ctx.jobs.poll(arg.async_job_id, 'members/remove');
  if (!outcome) throw routeError('invalid_async_job_id');
  return { '.tag': outcome.done ? 'complete' : 'in_progress' };
});

/** POST /2/team/members/suspend: only an active member; Void result (`null`). */
export const suspendMember = rpcRoute(
  'team/members/suspend',
  'members.write',
  struct({ user: required(UserSelectorArg), wipe_data: withDefault(boolean, true) }),
  (ctx, arg) => {
    const { state } = ctx;
    const member = requireMember(state, arg.user);
    if (member.status !== 'active') throw routeError('suspend_inactive_user');
    if (state.isTeamAdmin(member) && state.activeTeamAdminCount() <= 1) throw routeError('suspend_last_admin');
    member.status = 'suspended';
    member.suspended_on = dropboxTimestamp(ctx.now());
    state.changed();
    return null;
  },
);

/** POST /2/team/members/unsuspend: only a suspended member, back to active; Void result (`null`). */
export const unsuspendMember = rpcRoute(
  'team/members/unsuspend',
  'members.write',
  struct({ user: required(UserSelectorArg) }),
  (ctx, arg) => {
    const { state } = ctx;
    const member = requireMember(state, arg.user);
    if (member.status !== 'suspended') throw routeError('unsuspend_non_suspended_member');
    member.status = 'active';
    delete member.suspended_on;
    state.changed();
    return null;
  },
);

export const memberStatusRoutes: readonly RpcRoute[] = [removeMember, removeMemberJobStatus, suspendMember, unsuspendMember];
