import { attribute } from './attribute-def.js';

/** `id`: assigned by the sandbox, always returned, compared case-exactly. */
export const ID_ATTRIBUTE = attribute('id', 'string', 'Unique identifier assigned by the service provider.', {
  caseExact: true,
  mutability: 'readOnly',
  returned: 'always',
  uniqueness: 'server',
});

/** `externalId`: the provisioning client's identifier, compared case-exactly. */
export const EXTERNAL_ID_ATTRIBUTE = attribute('externalId', 'string', 'Identifier defined by the provisioning client.', {
  caseExact: true,
});

/** `meta`: resource metadata, read-only. */
export const META_ATTRIBUTE = attribute('meta', 'complex', 'Resource metadata.', {
  mutability: 'readOnly',
  subAttributes: [
    attribute('resourceType', 'string', 'The resource type name.', { caseExact: true, mutability: 'readOnly' }),
    attribute('created', 'dateTime', 'When the resource was added.', { mutability: 'readOnly' }),
    attribute('lastModified', 'dateTime', 'When the resource was last changed.', { mutability: 'readOnly' }),
    attribute('location', 'reference', 'The URI of the resource.', { caseExact: true, mutability: 'readOnly', referenceTypes: ['uri'] }),
    attribute('version', 'string', 'The version (weak ETag) of the resource.', { caseExact: true, mutability: 'readOnly' }),
  ],
});
