import { attribute, type AttributeDef } from './attribute-def.js';
import { EXTERNAL_ID_ATTRIBUTE, ID_ATTRIBUTE, META_ATTRIBUTE } from './common-attributes.js';

/** The Group attributes of RFC 7643 §4.2. */
export const GROUP_ATTRIBUTES: readonly AttributeDef[] = [
  ID_ATTRIBUTE,
  EXTERNAL_ID_ATTRIBUTE,
  attribute('displayName', 'string', 'The group name.', { required: true }),
  attribute('members', 'complex', 'Users and groups in the group.', {
    multiValued: true,
    subAttributes: [
      attribute('value', 'string', 'The member id.', { caseExact: true, mutability: 'immutable', required: true }),
      attribute('$ref', 'reference', 'The member URI.', { caseExact: true, mutability: 'readOnly', referenceTypes: ['User', 'Group'] }),
      attribute('display', 'string', 'The member display name.', { mutability: 'readOnly' }),
      attribute('type', 'string', 'User or Group (set by the server).', { mutability: 'immutable', canonicalValues: ['User', 'Group'] }),
    ],
  }),
  META_ATTRIBUTE,
];
