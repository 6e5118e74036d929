/**
 * Box's representations ("variants") of each resource, in the order Box lists the keys.
 * A `fields=` query returns the mini variant plus the fields asked for (spec, parameter `fields`).
 */
export const USER_MINI_FIELDS = ['type', 'id', 'name', 'login'] as const;
export const USER_STANDARD_FIELDS = [
  ...USER_MINI_FIELDS,
  'created_at', 'modified_at', 'language', 'timezone', 'space_amount', 'space_used', 'max_upload_size', 'status',
  'job_title', 'phone', 'address', 'avatar_url', 'notification_email',
] as const;
export const USER_FULL_FIELDS = [
  ...USER_STANDARD_FIELDS,
  'role', 'tracking_codes', 'can_see_managed_users', 'is_sync_enabled', 'is_external_collab_restricted',
  'is_exempt_from_device_limits', 'is_exempt_from_login_verification', 'enterprise', 'my_tags', 'hostname',
  'is_platform_access_only', 'external_app_user_id',
] as const;

export const GROUP_MINI_FIELDS = ['type', 'id', 'name', 'group_type'] as const;
export const GROUP_STANDARD_FIELDS = [...GROUP_MINI_FIELDS, 'created_at', 'modified_at'] as const;
export const GROUP_FULL_FIELDS = [
  ...GROUP_STANDARD_FIELDS,
  'provenance', 'external_sync_identifier', 'description', 'invitability_level', 'member_viewability_level', 'permissions',
] as const;

export const MEMBERSHIP_BASE_FIELDS = ['type', 'id'] as const;
/** What a membership list entry carries (Box's list fixtures have no timestamps). */
export const MEMBERSHIP_LIST_FIELDS = ['type', 'id', 'user', 'group', 'role'] as const;
export const MEMBERSHIP_FULL_FIELDS = [...MEMBERSHIP_LIST_FIELDS, 'created_at', 'modified_at'] as const;

/** The keys to render: the default variant, or `mini` + requested when `fields` was given. */
export function selectFields(
  requested: readonly string[] | undefined,
  defaults: readonly string[],
  mini: readonly string[],
  all: readonly string[],
): readonly string[] {
  if (!requested) return defaults;
  const wanted = new Set([...mini, ...requested]);
  return all.filter((field) => wanted.has(field));
}

/** Copies `keys` of a full view, in order. */
export function pick(view: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in view) out[key] = view[key];
  return out;
}
