/** A Box tracking code (`TrackingCode` in the spec). */
export interface BoxTrackingCode {
  type: 'tracking_code';
  name: string;
  value: string;
}

export type BoxUserStatus = 'active' | 'inactive' | 'cannot_delete_edit' | 'cannot_delete_edit_upload';
export type BoxUserRole = 'admin' | 'coadmin' | 'user';
/** managed: an enterprise user; app: an App User (`is_platform_access_only`); external: a collaborator from
 * outside the enterprise; service: the application's Service Account (what an enterprise token acts as). */
export type BoxUserKind = 'managed' | 'app' | 'external' | 'service';
export type BoxGroupLevel = 'admins_only' | 'admins_and_members' | 'all_managed_users';

/** One user as stored (computed fields such as `avatar_url`, `hostname`, `enterprise` are not stored). */
export interface BoxUserRecord {
  id: string;
  kind: BoxUserKind;
  name: string;
  login: string;
  created_at: string;
  modified_at: string;
  language: string;
  timezone: string;
  space_amount: number;
  /** Bytes of content the user owns; a user with content cannot be deleted without `force`. */
  space_used: number;
  max_upload_size: number;
  status: BoxUserStatus;
  job_title: string;
  phone: string;
  address: string;
  notification_email: { email: string; is_confirmed: boolean } | null;
  role: BoxUserRole;
  tracking_codes: BoxTrackingCode[];
  can_see_managed_users: boolean;
  is_sync_enabled: boolean;
  is_external_collab_restricted: boolean;
  is_exempt_from_device_limits: boolean;
  is_exempt_from_login_verification: boolean;
  my_tags: string[];
  is_platform_access_only: boolean;
  external_app_user_id: string | null;
  /** Whether the user confirmed their login email (Box refuses login changes before that). */
  login_confirmed: boolean;
  /** External users only: the enterprise they belong to (absent for free accounts). */
  external_enterprise?: { id: string; name: string };
}

export interface BoxGroupRecord {
  id: string;
  name: string;
  group_type: 'managed_group' | 'all_users_group';
  created_at: string;
  modified_at: string;
  provenance: string | null;
  external_sync_identifier: string | null;
  description: string | null;
  invitability_level: BoxGroupLevel;
  member_viewability_level: BoxGroupLevel;
}

export interface BoxMembershipRecord {
  id: string;
  user_id: string;
  group_id: string;
  role: 'member' | 'admin';
  configurable_permissions: Record<string, boolean> | null;
  created_at: string;
  modified_at: string;
}

/** Id allocation: queued ids are handed out first (so the seed's examples get the seed's ids), then last + step. */
export interface BoxIdCounters {
  queuedUserIds: string[];
  queuedGroupIds: string[];
  lastUserId: number;
  lastGroupId: number;
  lastMembershipId: number;
  /** Number of ids allocated so far (drives the pseudo-random step). */
  allocations: number;
}

/** The whole sandbox document persisted by lowdb. */
export interface BoxState {
  version: 1;
  enterprise: { id: string; name: string };
  serviceAccountId: string;
  users: Record<string, BoxUserRecord>;
  groups: Record<string, BoxGroupRecord>;
  memberships: Record<string, BoxMembershipRecord>;
  ids: BoxIdCounters;
}

/** What Box reports as `space_amount` for unlimited storage (requests use -1). */
export const BOX_UNLIMITED_SPACE = 999_999_999_999_999;
/** The enterprise's default quota for new users (as in the seed's outputs: "1.000000456753152E15"). */
export const BOX_DEFAULT_SPACE_AMOUNT = 1_000_000_456_753_152;
/** 50 GB (the seed's "5.36870912E10"). */
export const BOX_DEFAULT_MAX_UPLOAD_SIZE = 53_687_091_200;
export const BOX_HOSTNAME = 'https://app.box.com/';
export const BOX_DEFAULT_TIMEZONE = 'America/Los_Angeles';
