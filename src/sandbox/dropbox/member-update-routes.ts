import { EmailAddress, MemberExternalId, OptionalNamePart, TeamMemberRoleId, UserSelectorArg } from './dropbox-arg-types.js';
import { routeError } from './dropbox-errors.js';
import { rpcRoute } from './dropbox-rpc.js';
import type { RpcRoute } from './dropbox-rpc.js';
import { roleJson, teamMemberInfoV2 } from './dropbox-views.js';
import { TEAM_ADMIN_ROLE_ID } from './example-team.js';
import { holdsIdentity, requireMember } from './member-lookup.js';
import { memberName } from './member-name.js';
import { boolean, list, optional, required, string, struct } from './stone-types.js';

const MembersSetProfileArg = struct({
  user: required(UserSelectorArg),
  new_email: optional(EmailAddress),
  new_external_id: optional(MemberExternalId),
  new_given_name: optional(OptionalNamePart),
  new_surname: optional(OptionalNamePart),
  new_persistent_id: optional(string()),
  new_is_directory_restricted: optional(boolean),
});

/** POST /2/team/members/set_profile_v2: answers `{member_info: TeamMemberInfoV2}`. */
export const setMemberProfileV2 = rpcRoute('team/members/set_profile_v2', 'members.write', MembersSetProfileArg, (ctx, arg) => {
  const { state } = ctx;
  if (arg.user.tag === 'external_id' && arg.new_external_id !== undefined) throw routeError('external_id_and_new_external_id_unsafe');
  const changes = [arg.new_email, arg.new_external_id, arg.new_given_name, arg.new_surname, arg.new_persistent_id, arg.new_is_directory_restricted];
  if (changes.every((c) => c === undefined)) throw routeError('no_new_data_specified');
  const member = requireMember(state, arg.user, 'set_profile_disallowed');
  if (arg.new_email !== undefined) {
    const holder = state.memberByEmail(arg.new_email);
    if (holdsIdentity(holder) && holder !== member) throw routeError('email_reserved_for_other_user');
  }
  if (arg.new_external_id !== undefined && arg.new_external_id !== '') {
    const holder = state.memberByExternalId(arg.new_external_id);
    if (holdsIdentity(holder) && holder !== member) throw routeError('external_id_used_by_other_user');
  }
  if (arg.new_persistent_id !== undefined) throw routeError('persistent_id_disabled');

  if (arg.new_email !== undefined) {
    // A new address has not been verified yet.
    if (arg.new_email.toLowerCase() !== member.email.toLowerCase()) member.email_verified = false;
    state.setEmail(member, arg.new_email);
  }
  if (arg.new_external_id !== undefined) state.setExternalId(member, arg.new_external_id);
  if (arg.new_given_name !== undefined || arg.new_surname !== undefined) {
    member.name = memberName(arg.new_given_name ?? member.name.given_name, arg.new_surname ?? member.name.surname);
  }
  if (arg.new_is_directory_restricted !== undefined) member.is_directory_restricted = arg.new_is_directory_restricted;
  state.changed();
  return { member_info: teamMemberInfoV2(state, member) };
});

/** POST /2/team/members/set_admin_permissions_v2: `new_roles: []` makes the member member-only. */
export const setMemberAdminPermissionsV2 = rpcRoute(
  'team/members/set_admin_permissions_v2',
  'members.write',
  struct({ user: required(UserSelectorArg), new_roles: optional(list(TeamMemberRoleId, 1)) }),
  (ctx, arg) => {
    const { state } = ctx;
    const member = requireMember(state, arg.user);
    const newRoles = arg.new_roles ?? [];
    if (newRoles.some((id) => state.role(id) === undefined)) throw routeError('role_not_found');
    if (member.status === 'suspended') throw routeError('cannot_set_permissions');
    const losesTeamAdmin = member.status === 'active' && state.isTeamAdmin(member) && !newRoles.includes(TEAM_ADMIN_ROLE_ID);
    if (losesTeamAdmin && state.activeTeamAdminCount() <= 1) throw routeError('last_admin');
    if (newRoles.length > 0) member.role_ids = [...newRoles];
    else delete member.role_ids;
    state.changed();
    return { team_member_id: member.team_member_id, roles: state.rolesOf(member).map(roleJson) };
  },
);

export const memberUpdateRoutes: readonly RpcRoute[] = [setMemberProfileV2, setMemberAdminPermissionsV2];
