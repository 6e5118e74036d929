/**
 * The Dropbox team API's JSON shapes the connector reads and writes (Stone specs in
 * shared/specs/dropbox/team.stone), in Dropbox's own vocabulary. Unions use the `.tag`
 * encoding; unset optional fields are absent, never null.
 */

/** A union value as Dropbox sends it: `{".tag": "active"}`, other members flattened beside the tag. */
export interface Tagged<T extends string = string> {
  readonly '.tag': T;
}

/** users.Name: all five parts are present, possibly empty strings. */
export interface DropboxName {
  readonly given_name: string;
  readonly surname: string;
  readonly familiar_name?: string;
  readonly display_name?: string;
  readonly abbreviated_name?: string;
}

/** MemberProfile (group member listings). */
export interface MemberProfile {
  readonly team_member_id: string;
  readonly external_id?: string;
  readonly account_id?: string;
  readonly email: string;
  readonly email_verified: boolean;
  readonly secondary_emails?: readonly { readonly email: string; readonly is_verified: boolean }[];
  /** `active`, `invited`, `suspended` or `removed`. */
  readonly status: Tagged;
  readonly name: DropboxName;
  /** `full` or `limited`. */
  readonly membership_type: Tagged;
  readonly invited_on?: string;
  readonly joined_on?: string;
  readonly suspended_on?: string;
}

/** TeamMemberProfile: MemberProfile plus the ids of the member's groups. */
export interface TeamMemberProfile extends MemberProfile {
  readonly groups: readonly string[];
}

/** TeamMemberRole. */
export interface TeamMemberRole {
  readonly role_id: string;
  readonly name: string;
  readonly description: string;
}

/** TeamMemberInfoV2: `roles` is absent for members without an admin role. */
export interface TeamMemberInfoV2 {
  readonly profile: TeamMemberProfile;
  readonly roles?: readonly TeamMemberRole[];
}

/** `members/list_v2` and `list/continue_v2`. */
export interface MembersListV2Result {
  readonly members: readonly TeamMemberInfoV2[];
  readonly cursor: string;
  readonly has_more: boolean;
}

/** One item of `members/get_info_v2`: `member_info` (flattened) or `id_not_found`. */
export type MembersGetInfoItemV2 =
  | (Tagged<'member_info'> & TeamMemberInfoV2)
  | (Tagged<'id_not_found'> & { readonly id_not_found: string });

/** UserSelectorArg. */
export type UserSelector =
  | { readonly '.tag': 'team_member_id'; readonly team_member_id: string }
  | { readonly '.tag': 'email'; readonly email: string };

/** MemberAddV2Arg. */
export interface MemberAddV2Arg {
  readonly member_email: string;
  readonly member_given_name?: string;
  readonly member_surname?: string;
  readonly role_ids?: readonly string[];
}

/** MemberAddV2Result: `success` (flattened TeamMemberInfoV2) or a failure tag carrying the email. */
export type MemberAddV2Result = Tagged & Partial<TeamMemberInfoV2> & { readonly [tag: string]: unknown };

/** The async pattern: a launch answers `complete` (maybe with a payload) or `async_job_id`. */
export type LaunchResult<T = undefined> =
  | (Tagged<'complete'> & { readonly complete?: T })
  | (Tagged<'async_job_id'> & { readonly async_job_id: string });

/** A poll answers `in_progress`, `complete` (maybe with a payload) or `failed` with a message. */
export type PollResult<T = undefined> =
  | Tagged<'in_progress'>
  | (Tagged<'complete'> & { readonly complete?: T })
  | (Tagged<'failed'> & { readonly failed?: string });

/** `members/set_profile_v2` arguments beside the user. */
export interface ProfileChanges {
  readonly new_email?: string;
  readonly new_given_name?: string;
  readonly new_surname?: string;
}

/** GroupSummary. */
export interface GroupSummary {
  readonly group_name: string;
  readonly group_id: string;
  readonly group_external_id?: string;
  readonly member_count?: number;
  /** `user_managed`, `company_managed` or `system_managed`. */
  readonly group_management_type: Tagged;
}

/** GroupMemberInfo. */
export interface GroupMemberInfo {
  readonly profile: MemberProfile;
  /** `member` or `owner`. */
  readonly access_type: Tagged;
}

/** GroupFullInfo: `members` is never sent for system-managed groups. */
export interface GroupFullInfo extends GroupSummary {
  readonly members?: readonly GroupMemberInfo[];
  readonly created?: number;
}

/** One item of `groups/get_info` (a top-level array). */
export type GroupsGetInfoItem =
  | (Tagged<'group_info'> & GroupFullInfo)
  | (Tagged<'id_not_found'> & { readonly id_not_found: string });

/** `groups/list` and `list/continue`. */
export interface GroupsListResult {
  readonly groups: readonly GroupSummary[];
  readonly cursor: string;
  readonly has_more: boolean;
}

/** `groups/members/list` and `list/continue`. */
export interface GroupsMembersListResult {
  readonly members: readonly GroupMemberInfo[];
  readonly cursor: string;
  readonly has_more: boolean;
}

/** `groups/create` arguments. */
export interface GroupCreateArg {
  readonly group_name: string;
  readonly group_external_id?: string;
  readonly group_management_type?: string;
  readonly add_creator_as_owner: false;
}

/** `groups/update` arguments beside the group; `new_group_external_id: ""` clears it. */
export interface GroupUpdateChanges {
  readonly new_group_name?: string;
  readonly new_group_external_id?: string;
  readonly new_group_management_type?: string;
}

/** A member and access type for `groups/members/add`. */
export interface GroupMemberAccess {
  readonly team_member_id: string;
  readonly access_type: GroupAccessType;
}

/** GroupAccessType. */
export type GroupAccessType = 'member' | 'owner';

/** The `.tag` of a union value, also for the compact string form Stone accepts on input. */
export function tagOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { '.tag'?: unknown })['.tag'] === 'string') {
    return (value as Tagged)['.tag'];
  }
  return undefined;
}

/** Selects a member by team member id. */
export function byMemberId(teamMemberId: string): UserSelector {
  return { '.tag': 'team_member_id', team_member_id: teamMemberId };
}

/** Selects a member by e-mail (Dropbox matches it case-insensitively). */
export function byEmail(email: string): UserSelector {
  return { '.tag': 'email', email };
}

/** GroupSelector by group id. */
export function byGroupId(groupId: string): Tagged<'group_id'> & { readonly group_id: string } {
  return { '.tag': 'group_id', group_id: groupId };
}
