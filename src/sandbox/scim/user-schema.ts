import { attribute, type AttributeDef } from './attribute-def.js';
import { EXTERNAL_ID_ATTRIBUTE, ID_ATTRIBUTE, META_ATTRIBUTE } from './common-attributes.js';

const typedValue = (what: string, types: readonly string[]): AttributeDef[] => [
  attribute('value', 'string', `The ${what}.`),
  attribute('display', 'string', 'A human-readable name.'),
  attribute('type', 'string', `The kind of ${what}.`, { canonicalValues: types }),
  attribute('primary', 'boolean', 'Whether this is the primary value.'),
];

/**
 * The User attributes: RFC 7643 §4.1 core attributes, plus two sandbox additions a SaaS directory
 * commonly has and the SaaS REST seed reads: `description` and `status` ("active" | "inactive",
 * mirrors `active`; writing it sets `active`).
 */
export const USER_ATTRIBUTES: readonly AttributeDef[] = [
  ID_ATTRIBUTE,
  EXTERNAL_ID_ATTRIBUTE,
  attribute('userName', 'string', 'Unique login name.', { required: true, uniqueness: 'server' }),
  attribute('name', 'complex', "The components of the user's name.", {
    subAttributes: [
      attribute('formatted', 'string', 'The full name (derived from the parts when not set).'),
      attribute('familyName', 'string', 'The family name.'),
      attribute('givenName', 'string', 'The given name.'),
      attribute('middleName', 'string', 'The middle name(s).'),
      attribute('honorificPrefix', 'string', 'The honorific prefix, e.g. Ms.'),
      attribute('honorificSuffix', 'string', 'The honorific suffix, e.g. III.'),
    ],
  }),
  attribute('displayName', 'string', 'The name displayed to end users.'),
  attribute('nickName', 'string', 'The casual name.'),
  attribute('title', 'string', "The user's job title."),
  attribute('userType', 'string', 'The relationship to the organization, e.g. Employee or Contractor.'),
  attribute('preferredLanguage', 'string', 'Preferred language, e.g. en-US.'),
  attribute('locale', 'string', 'Default location for localization, e.g. en-US.'),
  attribute('timezone', 'string', 'Time zone, e.g. America/Los_Angeles.'),
  attribute('active', 'boolean', 'Whether the account is active (defaults to true).'),
  attribute('password', 'string', 'The clear-text password; never returned.', { mutability: 'writeOnly', returned: 'never' }),
  attribute('emails', 'complex', 'Email addresses.', {
    multiValued: true,
    subAttributes: typedValue('email address', ['work', 'home', 'other']),
  }),
  attribute('phoneNumbers', 'complex', 'Phone numbers.', {
    multiValued: true,
    subAttributes: typedValue('phone number', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
  }),
  attribute('description', 'string', 'Free-text description (sandbox addition).'),
  attribute('status', 'string', 'Sandbox addition: "active" or "inactive", mirrors active.', {
    canonicalValues: ['active', 'inactive'],
  }),
  attribute('groups', 'complex', 'Groups the user belongs to (read-only; change Group.members).', {
    multiValued: true,
    mutability: 'readOnly',
    subAttributes: [
      attribute('value', 'string', 'The group id.', { caseExact: true, mutability: 'readOnly' }),
      attribute('$ref', 'reference', 'The group URI.', { caseExact: true, mutability: 'readOnly', referenceTypes: ['Group'] }),
      attribute('display', 'string', 'The group displayName.', { mutability: 'readOnly' }),
      attribute('type', 'string', 'direct or indirect.', { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
    ],
  }),
  META_ATTRIBUTE,
];
