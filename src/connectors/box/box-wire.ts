/**
 * Box API payloads as the connector reads and writes them (shared/specs/box/openapi.json):
 * only the members the connector uses; everything arrives as JSON.
 */

/** `User--Full` (with `fields=` naming the full set). */
export interface BoxUser {
  readonly type: 'user';
  readonly id: string;
  readonly name?: string;
  readonly login?: string;
  readonly [field: string]: unknown;
}

/** `Group--Full`. */
export interface BoxGroup {
  readonly type: 'group';
  readonly id: string;
  readonly name?: string;
  readonly [field: string]: unknown;
}

/** `GroupMembership`, as listed by `/users/{id}/memberships`. */
export interface BoxMembership {
  readonly type: 'group_membership';
  readonly id: string;
  readonly user?: { readonly id: string };
  readonly group?: { readonly id: string; readonly name?: string };
  readonly role?: string;
}

/** `Users` in marker mode. */
export interface BoxMarkerPage<T> {
  readonly entries: readonly T[];
  readonly limit?: number;
  readonly next_marker?: string | null;
}

/** `Groups` / `GroupMemberships` (offset mode). */
export interface BoxOffsetPage<T> {
  readonly entries: readonly T[];
  readonly total_count: number;
  readonly offset?: number;
  readonly limit?: number;
}

/** A JSON request body (`POST /users`, `PUT /groups/{id}`…): writable members only. */
export type BoxBody = Readonly<Record<string, string | number | boolean | null>>;

/** The user fields the connector asks for (`fields=`): the standard set has no role, enterprise, flags… */
export const USER_FIELDS = [
  'type', 'id', 'name', 'login', 'language', 'timezone', 'space_amount', 'max_upload_size', 'status', 'job_title', 'phone',
  'address', 'avatar_url', 'role', 'can_see_managed_users', 'is_sync_enabled', 'is_external_collab_restricted',
  'is_exempt_from_device_limits', 'is_exempt_from_login_verification', 'enterprise', 'hostname', 'is_platform_access_only',
  'external_app_user_id',
] as const;

/** The group fields the connector asks for. */
export const GROUP_FIELDS = [
  'type', 'id', 'name', 'group_type', 'provenance', 'external_sync_identifier', 'description', 'invitability_level',
  'member_viewability_level', 'permissions',
] as const;

/** Largest `limit` Box's list endpoints accept. */
export const BOX_MAX_LIMIT = 1000;
