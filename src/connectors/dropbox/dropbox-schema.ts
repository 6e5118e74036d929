import { ObjectClass, SpecialAttribute } from '../../provisioner/objects.js';
import type { AttributeInfo, ConnectorSchema } from '../../provisioner/spi.js';

/** The object class of Dropbox's admin roles (the seed's "Role" type). */
export const ROLE_CLASS = 'role';

const READ_ONLY = ['NOT_CREATABLE', 'NOT_UPDATEABLE'] as const;

const text = (name: string, extra: Partial<AttributeInfo> = {}): AttributeInfo => ({ name, type: 'string', nativeType: 'string', ...extra });

/** `__ACCOUNT__`: a team member (the seed's first table, in its order). */
export const MEMBER_ATTRIBUTES: readonly AttributeInfo[] = [
  text('team_member_id', { flags: READ_ONLY }),
  text('given_name'),
  text('surname'),
  text('email', { required: true }),
  text('member_status'),
  text('membership_type', { flags: READ_ONLY }),
  text('role_id'),
  { name: 'email_verified', type: 'boolean', nativeType: 'boolean', flags: READ_ONLY },
  text('invited_on', { flags: READ_ONLY }),
  { name: 'groups', type: 'object', nativeType: 'object', multivalued: true, flags: READ_ONLY },
  text('secondary_emails', { multivalued: true, flags: READ_ONLY }),
  text('abbreviated_name', { flags: READ_ONLY }),
  text('joined_on', { flags: READ_ONLY }),
];

/** `__GROUP__`: a team group (the seed's second table). */
export const GROUP_ATTRIBUTES: readonly AttributeInfo[] = [
  text('group_id', { flags: READ_ONLY }),
  text('group_name', { required: true }),
  text('group_external_id', { required: true }),
  { name: 'members', type: 'object', nativeType: 'object', multivalued: true },
  text('group_management_type'),
  { name: 'member_count', type: 'integer', nativeType: 'integer', flags: READ_ONLY },
];

/** `role`: a Dropbox admin role (the seed's "Role" table); `_id` is the role id. */
export const ROLE_ATTRIBUTES: readonly AttributeInfo[] = [
  text('name', { flags: READ_ONLY }),
  text('description', { flags: READ_ONLY }),
  text(SpecialAttribute.UID, { idmName: '_id', flags: READ_ONLY }),
];

/** The schema `createFullConfig` turns into objectTypes (the same as conf/provisioner.openicf-dropbox.json). */
export const DROPBOX_SCHEMA: ConnectorSchema = {
  objectClasses: {
    [ObjectClass.GROUP]: { attributes: GROUP_ATTRIBUTES },
    [ROLE_CLASS]: { attributes: ROLE_ATTRIBUTES },
    [ObjectClass.ACCOUNT]: { attributes: MEMBER_ATTRIBUTES },
  },
};

/** Names of the attributes of `attributes` that cannot be written. */
export function readOnlyNames(attributes: readonly AttributeInfo[]): ReadonlySet<string> {
  return new Set(attributes.filter((a) => a.flags?.includes('NOT_UPDATEABLE')).map((a) => a.name));
}
