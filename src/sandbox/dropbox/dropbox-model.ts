/**
 * The Dropbox sandbox's persisted state (one lowdb JSON document). Field names follow the
 * Dropbox wire format so the views stay thin; lists are kept in ascending `seq`, the order
 * Dropbox lists them in and the key cursors remember.
 */

export type MemberStatus = 'active' | 'invited' | 'suspended' | 'removed';
export type GroupManagement = 'user_managed' | 'company_managed' | 'system_managed';
export type AccessType = 'member' | 'owner';

export interface NameRecord {
  given_name: string;
  surname: string;
  familiar_name: string;
  display_name: string;
  abbreviated_name: string;
}

export interface SecondaryEmailRecord {
  email: string;
  is_verified: boolean;
}

export interface MemberRecord {
  /** Insertion order; list order and cursor key. */
  seq: number;
  team_member_id: string;
  account_id: string;
  email: string;
  email_verified: boolean;
  external_id?: string;
  secondary_emails?: SecondaryEmailRecord[];
  status: MemberStatus;
  /** Set when status is `removed`. */
  removed?: { is_recoverable: boolean; is_disconnected: boolean; removed_on: string };
  name: NameRecord;
  membership_type: 'full' | 'limited';
  invited_on?: string;
  joined_on?: string;
  suspended_on?: string;
  is_directory_restricted?: boolean;
  profile_photo_url?: string;
  member_folder_id: string;
  root_folder_id: string;
  /** At most one TeamMemberRole id (Dropbox allows one). Absent = member only. */
  role_ids?: string[];
}

export interface GroupMembershipRecord {
  team_member_id: string;
  access_type: AccessType;
  /** Order within the group; group-member cursors remember it. */
  seq: number;
}

export interface GroupRecord {
  seq: number;
  group_id: string;
  group_name: string;
  group_external_id?: string;
  group_management_type: GroupManagement;
  /** Milliseconds since the epoch, as GroupFullInfo.created. */
  created: number;
  /** Explicit members; the system-managed group's members are implicit (every member not removed). */
  members: GroupMembershipRecord[];
}

export interface RoleRecord {
  role_id: string;
  name: string;
  description: string;
}

export interface TeamRecord {
  name: string;
  team_id: string;
  num_licensed_users: number;
  /** The team admin who authorized the sandbox app (token/get_authenticated_admin, group creator). */
  authorizing_admin_id: string;
}

export interface RefreshTokenRecord {
  refresh_token: string;
  client_id: string;
  revoked: boolean;
}

export interface OAuthClientRecord {
  client_id: string;
  client_secret: string;
}

export interface DropboxData {
  schema: 1;
  team: TeamRecord;
  roles: RoleRecord[];
  members: MemberRecord[];
  groups: GroupRecord[];
  /** Ids of deleted groups (`group_already_deleted`). */
  deleted_group_ids: string[];
  clients: OAuthClientRecord[];
  refresh_tokens: RefreshTokenRecord[];
  /** Authorization codes the token endpoint accepts (grant_type=authorization_code). */
  authorization_codes: string[];
  /** HMAC key for cursors, so they survive restarts and garbage is detected. */
  cursor_secret: string;
  next_seq: number;
}
