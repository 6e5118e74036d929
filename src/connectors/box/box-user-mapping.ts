import { InvalidAttributeValueError } from '../../provisioner/connector-errors.js';
import { ObjectClass, SpecialAttribute, type AttributeMap, type ConnectorObject } from '../../provisioner/objects.js';
import type { JsonObject, JsonValue } from '../../util/json.js';
import { booleanString, sizeString, toBoxBoolean, toBoxInteger, toBoxString } from './box-values.js';
import type { BoxUser } from './box-wire.js';

/** Box user booleans (shown as "true"/"false"). */
const BOOLEANS = [
  'is_exempt_from_device_limits', 'can_see_managed_users', 'is_external_collab_restricted', 'is_exempt_from_login_verification',
  'is_sync_enabled', 'is_platform_access_only',
] as const;

/** Box user strings copied as they are. */
const TEXTS = ['hostname', 'type', 'job_title', 'phone', 'status', 'language', 'login', 'avatar_url', 'role', 'address', 'timezone'] as const;

/** What `POST /users` accepts besides `name`, with the value converter each needs. */
const WRITABLE: Readonly<Record<string, 'string' | 'boolean' | 'integer'>> = {
  login: 'string', role: 'string', language: 'string', timezone: 'string', job_title: 'string', phone: 'string', address: 'string',
  status: 'string', external_app_user_id: 'string', space_amount: 'integer',
  is_sync_enabled: 'boolean', can_see_managed_users: 'boolean', is_external_collab_restricted: 'boolean',
  is_exempt_from_device_limits: 'boolean', is_exempt_from_login_verification: 'boolean', is_platform_access_only: 'boolean',
};

/** Never sent to Box: read-only there, or (`enterprise`) harmful — a PUT with `enterprise` rolls the user out of it. */
const READ_ONLY = new Set(['hostname', 'type', 'avatar_url', 'max_upload_size', 'enterprise', SpecialAttribute.UID]);

/** A Box user (full field set) and its group ids as a connector object. */
export function userToObject(user: BoxUser, groupIds: readonly string[] | undefined): ConnectorObject {
  const attributes: Record<string, JsonValue> = { [SpecialAttribute.UID]: user.id, [SpecialAttribute.NAME]: str(user.name) };
  for (const name of TEXTS) if (name in user) attributes[name] = str(user[name]);
  for (const name of BOOLEANS) if (name in user) attributes[name] = booleanString(user[name]);
  for (const name of ['space_amount', 'max_upload_size'] as const) if (name in user) attributes[name] = sizeString(user[name]);
  if ('external_app_user_id' in user) attributes.external_app_user_id = str(user.external_app_user_id);
  if ('enterprise' in user) {
    // IDM shows the enterprise object as a one-element array; a free user has none.
    const enterprise = user.enterprise;
    attributes.enterprise = typeof enterprise === 'object' && enterprise !== null ? [enterprise as JsonObject] : [];
  }
  if (groupIds) attributes.groups = [...groupIds];
  return { objectClass: ObjectClass.ACCOUNT, uid: { value: user.id }, attributes };
}

/**
 * The `POST /users` / `PUT /users/{id}` body for native attributes, without `groups` (memberships
 * are separate calls). Nulls are skipped on create; on update a null clears a text field.
 * @throws InvalidAttributeValueError for values Box cannot take.
 */
export function userBody(attributes: AttributeMap, mode: 'create' | 'update'): Record<string, string | number | boolean> {
  const body: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'groups' || READ_ONLY.has(name)) continue;
    if (name === SpecialAttribute.NAME) {
      const text = toBoxString(name, value);
      if (text === null || text.trim() === '') throw new InvalidAttributeValueError('__NAME__ (the Box user name) cannot be empty');
      body.name = text;
      continue;
    }
    const kind = WRITABLE[name];
    if (kind === undefined) throw new InvalidAttributeValueError(`${name} is not an attribute Box users have`);
    if (mode === 'update' && name === 'is_platform_access_only') continue;
    if (value === null || (Array.isArray(value) && value.length === 0)) {
      if (mode === 'update' && kind === 'string' && name !== 'login') body[name] = '';
      else if (mode === 'update') throw new InvalidAttributeValueError(`${name} cannot be cleared on a Box user`);
      continue;
    }
    if (kind === 'boolean') body[name] = toBoxBoolean(name, value);
    else if (kind === 'integer') body[name] = toBoxInteger(name, value);
    else body[name] = toBoxString(name, value) ?? '';
  }
  return body;
}

/** The members of `body` whose value differs from the user Box has (what a PUT needs to send). */
export function changedUserFields(body: Readonly<Record<string, string | number | boolean>>, current: BoxUser): Record<string, string | number | boolean> {
  const changed: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(body)) {
    const now = current[name];
    const same = name === 'login' && typeof now === 'string' && typeof value === 'string' ? now.toLowerCase() === value.toLowerCase() : now === value || (value === '' && (now === null || now === undefined));
    if (!same) changed[name] = value;
  }
  return changed;
}

/** The group ids of a `groups` attribute. @throws InvalidAttributeValueError for anything but ids. */
export function groupIdsOf(value: JsonValue): string[] {
  if (value === null) return [];
  const values = Array.isArray(value) ? value : [value];
  const ids = values.map((v) => (typeof v === 'number' ? String(v) : v));
  for (const id of ids) {
    if (typeof id !== 'string' || !/^\d{1,20}$/.test(id.trim())) {
      throw new InvalidAttributeValueError(`groups must list Box group ids such as "20013904637"; got ${JSON.stringify(id)}`);
    }
  }
  return [...new Set((ids as string[]).map((id) => id.trim()))];
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : value === null || value === undefined ? null : String(value);
}
