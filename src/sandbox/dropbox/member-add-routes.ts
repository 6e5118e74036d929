import { EmailAddress, MemberExternalId, OptionalNamePart, PollArg, TeamMemberRoleId } from './dropbox-arg-types.js';
import { routeError } from './dropbox-errors.js';
import { accountId, namespaceId, teamMemberId } from './dropbox-ids.js';
import type { MemberRecord } from './dropbox-model.js';
import { rpcRoute } from './dropbox-rpc.js';
import type { RpcContext, RpcRoute } from './dropbox-rpc.js';
import { dropboxTimestamp, teamMemberInfoV2 } from './dropbox-views.js';
import type { JsonObject } from './dropbox-views.js';
import { holdsIdentity } from './member-lookup.js';
import { memberName } from './member-name.js';
import { StoneValidationError } from './stone-decoder.js';
import { boolean, list, optional, required, string, struct, withDefault } from './stone-types.js';
import type { Infer } from './stone-types.js';

const MemberAddV2Arg = struct({
  member_email: required(EmailAddress),
  member_given_name: optional(OptionalNamePart),
  member_surname: optional(OptionalNamePart),
  member_external_id: optional(MemberExternalId),
  member_persistent_id: optional(string()),
  send_welcome_email: withDefault(boolean, true),
  is_directory_restricted: optional(boolean),
  role_ids: optional(list(TeamMemberRoleId, 1)),
});

const MembersAddV2Arg = struct({
  force_async: withDefault(boolean, false),
  new_members: required(list(MemberAddV2Arg)),
});

/** "A maximum of 20 members can be specified in a single call." */
const MAX_NEW_MEMBERS = 20;

const failure = (tagName: string, email: string): JsonObject => ({ '.tag': tagName, [tagName]: email });

/** One MemberAddV2Result: `success` (flattened TeamMemberInfoV2) or a failure tag carrying the email. */
function addMember(ctx: RpcContext, arg: Infer<typeof MemberAddV2Arg>): JsonObject {
  const { state } = ctx;
  const email = arg.member_email;
  if (holdsIdentity(state.memberByEmail(email))) return failure('user_already_on_team', email);
  if (arg.member_external_id !== undefined && arg.member_external_id !== '' && holdsIdentity(state.memberByExternalId(arg.member_external_id))) {
    return failure('duplicate_external_member_id', email);
  }
  // The example team does not use persistent-ID SAML.
  if (arg.member_persistent_id !== undefined) return failure('persistent_id_disabled', email);
  if (arg.role_ids?.some((id) => state.role(id) === undefined)) return failure('user_creation_failed', email);
  if (state.provisionedCount() >= state.data.team.num_licensed_users) return failure('team_license_limit', email);

  const member: MemberRecord = {
    seq: state.nextSeq(),
    team_member_id: teamMemberId(),
    account_id: accountId(),
    email,
    email_verified: false,
    secondary_emails: [],
    status: 'invited',
    name: memberName(arg.member_given_name ?? '', arg.member_surname ?? ''),
    membership_type: 'full',
    invited_on: dropboxTimestamp(ctx.now()),
    member_folder_id: namespaceId(),
    root_folder_id: namespaceId(),
  };
  if (arg.member_external_id !== undefined && arg.member_external_id !== '') member.external_id = arg.member_external_id;
  if (arg.is_directory_restricted !== undefined) member.is_directory_restricted = arg.is_directory_restricted;
  if (arg.role_ids !== undefined && arg.role_ids.length > 0) member.role_ids = [...arg.role_ids];
  state.insertMember(member);
  return { '.tag': 'success', ...teamMemberInfoV2(state, member) };
}

/** POST /2/team/members/add_v2: completes synchronously unless `force_async`; per-member failures are HTTP 200 items. */
export const addMembersV2 = rpcRoute('team/members/add_v2', 'members.write', MembersAddV2Arg, (ctx, arg): JsonObject => {
  if (arg.new_members.length > MAX_NEW_MEMBERS) {
    throw new StoneValidationError(`list has more than ${MAX_NEW_MEMBERS} items`).addParent('new_members');
  }
  const results = arg.new_members.map((m) => addMember(ctx, m));
  if (arg.force_async) return { '.tag': 'async_job_id', async_job_id: ctx.jobs.launch('members/add', results) };
  return { '.tag': 'complete', complete: results };
});

/** POST /2/team/members/add/job_status/get_v2 */
export const addMembersJobStatusV2 = rpcRoute('team/members/add/job_status/get_v2', 'members.write', PollArg, (ctx, arg): JsonObject => {
  const outcome = ctx.jobs.poll(arg.async_job_id, 'members/add');
  if (!outcome) throw routeError('invalid_async_job_id');
  if (!outcome.done) return { '.tag': 'in_progress' };
  return { '.tag': 'complete', complete: outcome.result ?? [] };
});

export const memberAddRoutes: readonly RpcRoute[] = [addMembersV2, addMembersJobStatusV2];
