import { ObjectClass, SpecialAttribute } from '../../provisioner/objects.js';
import type { AttributeInfo, ConnectorSchema } from '../../provisioner/spi.js';

const READ_ONLY = ['NOT_CREATABLE', 'NOT_UPDATEABLE'] as const;

const text = (name: string, extra: Partial<AttributeInfo> = {}): AttributeInfo => ({ name, type: 'string', nativeType: 'string', ...extra });

/** Box booleans and sizes travel as strings (`"false"`, `"5.36870912E10"`), as the seed's outputs show. */
const stringified = text;

/** `__ACCOUNT__`: a Box managed user, in the order of the seed's outputs. */
export const USER_ATTRIBUTES: readonly AttributeInfo[] = [
  text('hostname', { flags: READ_ONLY }),
  text(SpecialAttribute.NAME, { required: true }),
  stringified('is_exempt_from_device_limits'),
  text('type', { flags: READ_ONLY }),
  text('job_title'),
  stringified('space_amount'),
  text('phone'),
  text('status'),
  { name: 'enterprise', type: 'object', nativeType: 'object', multivalued: true, flags: READ_ONLY },
  stringified('can_see_managed_users'),
  stringified('is_external_collab_restricted'),
  text('external_app_user_id'),
  stringified('is_exempt_from_login_verification'),
  stringified('is_sync_enabled'),
  text('groups', { multivalued: true }),
  stringified('max_upload_size', { flags: READ_ONLY }),
  text('language'),
  text('login', { required: true }),
  text('avatar_url', { flags: READ_ONLY }),
  text('role'),
  text('address'),
  stringified('is_platform_access_only', { flags: ['NOT_UPDATEABLE'] }),
  text('timezone', { flags: ['NOT_RETURNED_BY_DEFAULT'] }),
];

/** `__GROUP__`: a Box group. `name` is accepted as a synonym of `__NAME__` (the seed's update example sends it). */
export const GROUP_ATTRIBUTES: readonly AttributeInfo[] = [
  text('provenance'),
  text('description'),
  text('group_type', { flags: READ_ONLY }),
  text('invitability_level'),
  text('member_viewability_level'),
  text(SpecialAttribute.NAME, { required: true }),
  text('type', { flags: READ_ONLY }),
  text('external_sync_identifier'),
  text('name', { flags: ['NOT_RETURNED_BY_DEFAULT'] }),
  { name: 'permissions', type: 'object', nativeType: 'object', flags: [...READ_ONLY, 'NOT_RETURNED_BY_DEFAULT'] },
];

/** The schema `createFullConfig` turns into objectTypes (the same as conf/provisioner.openicf-box.json). */
export const BOX_SCHEMA: ConnectorSchema = {
  objectClasses: {
    [ObjectClass.ACCOUNT]: { attributes: USER_ATTRIBUTES },
    [ObjectClass.GROUP]: { attributes: GROUP_ATTRIBUTES },
  },
};
