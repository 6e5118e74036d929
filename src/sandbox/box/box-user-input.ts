import { BoxBodyReader } from './box-body-reader.js';
import type { BoxTrackingCode, BoxUserRecord, BoxUserRole, BoxUserStatus } from './box-state.js';

/** Box's language codes (a modified ISO 639-1, developer.box.com "language codes"). */
export const BOX_LANGUAGES = [
  'bn', 'da', 'de', 'en', 'en-gb', 'en-x-pirate', 'es', 'fi', 'fr', 'fr-ca', 'hi', 'it', 'ja', 'ko', 'nb', 'nl', 'pl', 'pt',
  'ru', 'sv', 'tr', 'zh', 'zh-tw',
] as const;

const ROLES: readonly Exclude<BoxUserRole, 'admin'>[] = ['coadmin', 'user'];
const STATUSES: readonly BoxUserStatus[] = ['active', 'inactive', 'cannot_delete_edit', 'cannot_delete_edit_upload'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The writable user attributes common to `POST /users` and `PUT /users/{id}`. */
export type BoxUserChanges = Partial<Pick<BoxUserRecord,
  'name' | 'login' | 'role' | 'language' | 'is_sync_enabled' | 'job_title' | 'phone' | 'address' | 'space_amount'
  | 'tracking_codes' | 'can_see_managed_users' | 'timezone' | 'is_external_collab_restricted'
  | 'is_exempt_from_device_limits' | 'is_exempt_from_login_verification' | 'status'>> & {
  external_app_user_id?: string;
};

export interface BoxUserCreateInput extends BoxUserChanges {
  name: string;
  is_platform_access_only: boolean;
}

export interface BoxUserUpdateInput extends BoxUserChanges {
  /** `null` rolls the user out of the enterprise. */
  enterprise?: string | null;
  notification_email?: { email: string } | null;
}

function isTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function readChanges(reader: BoxBodyReader): BoxUserChanges {
  const changes: BoxUserChanges = {};
  const name = reader.string('name', { maxLength: 50, nonEmpty: true });
  if (name !== undefined) changes.name = name;
  const login = reader.string('login');
  if (login !== undefined) {
    if (!EMAIL.test(login)) throw reader.invalid('login', "'login' must be a valid email address");
    changes.login = login.toLowerCase();
  }
  const role = reader.oneOf('role', ROLES);
  if (role !== undefined) changes.role = role;
  const language = reader.string('language');
  if (language !== undefined) {
    if (!(BOX_LANGUAGES as readonly string[]).includes(language.toLowerCase())) throw reader.invalid('language');
    changes.language = language.toLowerCase();
  }
  const timezone = reader.string('timezone');
  if (timezone !== undefined) {
    if (!isTimezone(timezone)) throw reader.invalid('timezone');
    changes.timezone = timezone;
  }
  for (const key of ['job_title', 'phone'] as const) {
    const value = reader.string(key, { maxLength: 100 });
    if (value !== undefined) changes[key] = value;
  }
  const address = reader.string('address', { maxLength: 255 });
  if (address !== undefined) changes.address = address;
  const space = reader.integer('space_amount');
  if (space !== undefined) {
    if (space < -1) throw reader.invalid('space_amount', "'space_amount' must be -1 (unlimited) or a number of bytes");
    changes.space_amount = space;
  }
  const booleans = [
    'is_sync_enabled', 'can_see_managed_users', 'is_external_collab_restricted', 'is_exempt_from_device_limits',
    'is_exempt_from_login_verification',
  ] as const;
  for (const key of booleans) {
    const value = reader.boolean(key);
    if (value !== undefined) changes[key] = value;
  }
  const status = reader.oneOf('status', STATUSES);
  if (status !== undefined) changes.status = status;
  const codes = reader.array('tracking_codes');
  if (codes !== undefined) changes.tracking_codes = codes.map((code) => toTrackingCode(reader, code));
  const externalId = reader.string('external_app_user_id');
  if (externalId !== undefined) changes.external_app_user_id = externalId;
  return changes;
}

function toTrackingCode(reader: BoxBodyReader, raw: unknown): BoxTrackingCode {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const code = raw as Record<string, unknown>;
    const typeOk = code.type === undefined || code.type === 'tracking_code';
    if (typeOk && typeof code.name === 'string' && typeof code.value === 'string') {
      return { type: 'tracking_code', name: code.name, value: code.value };
    }
  }
  throw reader.invalid('tracking_codes', "'tracking_codes' entries need a string 'name' and 'value'");
}

/** Reads a `POST /users` body: `name` is required, `login` too unless `is_platform_access_only`. */
export function readUserCreate(raw: unknown): BoxUserCreateInput {
  const reader = new BoxBodyReader(raw);
  const name = reader.string('name', { maxLength: 50, required: true, nonEmpty: true })!;
  const isPlatformAccessOnly = reader.boolean('is_platform_access_only') ?? false;
  if (!isPlatformAccessOnly) reader.string('login', { required: true, nonEmpty: true });
  const changes = readChanges(reader);
  if (isPlatformAccessOnly) delete changes.login;
  return { ...changes, name, is_platform_access_only: isPlatformAccessOnly };
}

/** Reads a `PUT /users/{id}` body (bad values answer `invalid_parameter`, as the spec documents). */
export function readUserUpdate(raw: unknown): BoxUserUpdateInput {
  const reader = new BoxBodyReader(raw, 'invalid_parameter');
  const input: BoxUserUpdateInput = readChanges(reader);
  if (reader.has('enterprise')) {
    const value = reader.body.enterprise;
    if (value !== null && typeof value !== 'string') throw reader.invalid('enterprise', "'enterprise' must be a string or null");
    input.enterprise = value;
  }
  const notification = reader.object('notification_email', true);
  if (notification === null) input.notification_email = null;
  else if (notification !== undefined) {
    if (typeof notification.email !== 'string' || !EMAIL.test(notification.email)) {
      throw reader.invalid('notification_email', "'notification_email.email' must be a valid email address");
    }
    input.notification_email = { email: notification.email.toLowerCase() };
  }
  reader.boolean('notify');
  reader.boolean('is_password_reset_required');
  return input;
}
