import type { GroupRecord, MemberRecord, RoleRecord } from './dropbox-model.js';
import type { DropboxState, GroupMemberEntry } from './dropbox-state.js';

/** A JSON value as the sandbox sends it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A Void union member on the wire: `{".tag": "active"}`. */
export function tag(name: string): JsonObject {
  return { '.tag': name };
}

/** DropboxTimestamp: `%Y-%m-%dT%H:%M:%SZ`, no fractional seconds. */
export function dropboxTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function status(member: MemberRecord): JsonObject {
  if (member.status === 'removed') {
    const removed = member.removed ?? { is_recoverable: false, is_disconnected: false };
    return { '.tag': 'removed', is_recoverable: removed.is_recoverable, is_disconnected: removed.is_disconnected };
  }
  return tag(member.status);
}

/** MemberProfile (group member listings): unset optional fields are omitted, never null. */
export function memberProfile(member: MemberRecord): JsonObject {
  const profile: JsonObject = { team_member_id: member.team_member_id };
  if (member.external_id !== undefined) profile.external_id = member.external_id;
  profile.account_id = member.account_id;
  profile.email = member.email;
  profile.email_verified = member.email_verified;
  profile.secondary_emails = (member.secondary_emails ?? []).map((e) => ({ email: e.email, is_verified: e.is_verified }));
  profile.status = status(member);
  profile.name = { ...member.name };
  profile.membership_type = tag(member.membership_type);
  if (member.status === 'invited' && member.invited_on !== undefined) profile.invited_on = member.invited_on;
  if (member.joined_on !== undefined) profile.joined_on = member.joined_on;
  if (member.status === 'suspended' && member.suspended_on !== undefined) profile.suspended_on = member.suspended_on;
  if (member.is_directory_restricted !== undefined) profile.is_directory_restricted = member.is_directory_restricted;
  if (member.profile_photo_url !== undefined) profile.profile_photo_url = member.profile_photo_url;
  return profile;
}

/** TeamMemberProfile: MemberProfile plus groups, member_folder_id, root_folder_id. */
export function teamMemberProfile(state: DropboxState, member: MemberRecord): JsonObject {
  return {
    ...memberProfile(member),
    groups: state.groupIdsOf(member),
    member_folder_id: member.member_folder_id,
    root_folder_id: member.root_folder_id,
  };
}

/** TeamMemberRole. */
export function roleJson(role: RoleRecord): JsonObject {
  return { role_id: role.role_id, name: role.name, description: role.description };
}

/** TeamMemberInfoV2 fields: `profile`, and `roles` only for members who have one (no key otherwise). */
export function teamMemberInfoV2(state: DropboxState, member: MemberRecord): JsonObject {
  const info: JsonObject = { profile: teamMemberProfile(state, member) };
  const roles = state.rolesOf(member);
  if (roles.length > 0) info.roles = roles.map(roleJson);
  return info;
}

/** The AdminTier of members/list (v1): newer roles "may display as support_admin". */
export function adminTier(state: DropboxState, member: MemberRecord): JsonObject {
  const roleId = member.role_ids?.[0];
  if (roleId === undefined) return tag('member_only');
  const name = state.role(roleId)?.name;
  if (name === 'Team admin') return tag('team_admin');
  if (name === 'User management admin') return tag('user_management_admin');
  return tag('support_admin');
}

/** TeamMemberInfo (v1): profile and role. */
export function teamMemberInfo(state: DropboxState, member: MemberRecord): JsonObject {
  return { profile: teamMemberProfile(state, member), role: adminTier(state, member) };
}

/** GroupSummary. */
export function groupSummary(state: DropboxState, group: GroupRecord): JsonObject {
  const summary: JsonObject = { group_name: group.group_name, group_id: group.group_id };
  if (group.group_external_id !== undefined) summary.group_external_id = group.group_external_id;
  summary.member_count = state.groupMemberCount(group);
  summary.group_management_type = tag(group.group_management_type);
  return summary;
}

/** GroupMemberInfo: MemberProfile (no groups / folder ids) and access type. */
export function groupMemberInfo(entry: GroupMemberEntry): JsonObject {
  return { profile: memberProfile(entry.member), access_type: tag(entry.access_type) };
}

/** GroupFullInfo; `members` is never sent for the system-managed group, nor when not asked for. */
export function groupFullInfo(state: DropboxState, group: GroupRecord, withMembers: boolean): JsonObject {
  const info = groupSummary(state, group);
  if (withMembers && group.group_management_type !== 'system_managed') {
    info.members = state.allGroupMembers(group).map(groupMemberInfo);
  }
  info.created = group.created;
  return info;
}
