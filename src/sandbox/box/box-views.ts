import {
  GROUP_FULL_FIELDS, GROUP_MINI_FIELDS, MEMBERSHIP_BASE_FIELDS, MEMBERSHIP_FULL_FIELDS, USER_FULL_FIELDS, USER_MINI_FIELDS,
  pick, selectFields,
} from './box-fields.js';
import type { BoxGroupRecord, BoxMembershipRecord, BoxState, BoxUserRecord } from './box-state.js';
import { BOX_HOSTNAME } from './box-state.js';

/** The wire form of a user with every field of the full variant. */
export function fullUserView(user: BoxUserRecord, enterprise: BoxState['enterprise']): Record<string, unknown> {
  const ownEnterprise = user.kind === 'external' ? user.external_enterprise : enterprise;
  const view: Record<string, unknown> = {
    type: 'user',
    id: user.id,
    name: user.name,
    login: user.login,
    created_at: user.created_at,
    modified_at: user.modified_at,
    language: user.language,
    timezone: user.timezone,
    space_amount: user.space_amount,
    space_used: user.space_used,
    max_upload_size: user.max_upload_size,
    status: user.status,
    job_title: user.job_title,
    phone: user.phone,
    address: user.address,
    avatar_url: `https://app.box.com/api/avatar/large/${user.id}`,
    notification_email: user.notification_email,
    role: user.role,
    tracking_codes: user.tracking_codes,
    can_see_managed_users: user.can_see_managed_users,
    is_sync_enabled: user.is_sync_enabled,
    is_external_collab_restricted: user.is_external_collab_restricted,
    is_exempt_from_device_limits: user.is_exempt_from_device_limits,
    is_exempt_from_login_verification: user.is_exempt_from_login_verification,
    my_tags: user.my_tags,
    hostname: BOX_HOSTNAME,
    is_platform_access_only: user.is_platform_access_only,
    external_app_user_id: user.external_app_user_id,
  };
  if (ownEnterprise) view.enterprise = { type: 'enterprise', id: ownEnterprise.id, name: ownEnterprise.name };
  return view;
}

/** A user in the variant given by `defaults`, or mini + `fields`. */
export function userView(
  user: BoxUserRecord,
  enterprise: BoxState['enterprise'],
  fields: readonly string[] | undefined,
  defaults: readonly string[],
): Record<string, unknown> {
  return pick(fullUserView(user, enterprise), selectFields(fields, defaults, USER_MINI_FIELDS, USER_FULL_FIELDS));
}

/** The mini user nested in memberships. */
export function miniUserView(user: BoxUserRecord): Record<string, unknown> {
  return { type: 'user', id: user.id, name: user.name, login: user.login };
}

/** The wire form of a group with every field of the full variant. */
export function fullGroupView(group: BoxGroupRecord, canInvite: boolean): Record<string, unknown> {
  return {
    type: 'group',
    id: group.id,
    name: group.name,
    group_type: group.group_type,
    created_at: group.created_at,
    modified_at: group.modified_at,
    provenance: group.provenance,
    external_sync_identifier: group.external_sync_identifier,
    description: group.description,
    invitability_level: group.invitability_level,
    member_viewability_level: group.member_viewability_level,
    permissions: { can_invite_as_collaborator: canInvite },
  };
}

export function groupView(
  group: BoxGroupRecord,
  fields: readonly string[] | undefined,
  defaults: readonly string[],
  canInvite = true,
): Record<string, unknown> {
  return pick(fullGroupView(group, canInvite), selectFields(fields, defaults, GROUP_MINI_FIELDS, GROUP_FULL_FIELDS));
}

/** The mini group nested in memberships. */
export function miniGroupView(group: BoxGroupRecord): Record<string, unknown> {
  return { type: 'group', id: group.id, name: group.name, group_type: group.group_type };
}

export function membershipView(
  membership: BoxMembershipRecord,
  user: BoxUserRecord,
  group: BoxGroupRecord,
  fields: readonly string[] | undefined,
  defaults: readonly string[],
): Record<string, unknown> {
  const full: Record<string, unknown> = {
    type: 'group_membership',
    id: membership.id,
    user: miniUserView(user),
    group: miniGroupView(group),
    role: membership.role,
    created_at: membership.created_at,
    modified_at: membership.modified_at,
  };
  return pick(full, selectFields(fields, defaults, MEMBERSHIP_BASE_FIELDS, MEMBERSHIP_FULL_FIELDS));
}
