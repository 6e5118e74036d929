import { SpecialAttribute } from '../../provisioner/objects.js';
import type { AttributeInfo, ConnectorSchema } from '../../provisioner/spi.js';
import type { FieldConfig, FieldType, RestConfiguration } from './rest-config-types.js';

/** The seed's value types → IDM's JSON type and nativeType. */
const TYPE_OF: Readonly<Record<FieldType, { type: AttributeInfo['type']; nativeType: string }>> = {
  STRING: { type: 'string', nativeType: 'string' },
  BOOLEAN: { type: 'boolean', nativeType: 'boolean' },
  INTEGER: { type: 'integer', nativeType: 'integer' },
  DECIMAL: { type: 'number', nativeType: 'number' },
  COMPLEX: { type: 'object', nativeType: 'object' },
  DATETIME: { type: 'string', nativeType: 'string' },
  REFERENCE: { type: 'string', nativeType: 'string' },
  BINARY: { type: 'string', nativeType: 'JAVA_TYPE_BYTE_ARRAY' },
};

/**
 * The connector schema from `objectTypes.<type>.schema`: `__NAME__` plus one attribute per
 * field, with its type, REQUIRED / MULTIVALUED and the other flags. createFullConfig turns it
 * into the `objectTypes` whose JSON schema checks the gateway's writes.
 */
export function restSchema(config: RestConfiguration): ConnectorSchema {
  const objectClasses: Record<string, { attributes: AttributeInfo[] }> = {};
  for (const [name, type] of config.objectTypes) {
    const attributes: AttributeInfo[] = [];
    if (!type.schema.some((f) => f.fieldName === SpecialAttribute.NAME)) {
      attributes.push({ name: SpecialAttribute.NAME, type: 'string', nativeType: 'string' });
    }
    for (const field of type.schema) attributes.push(attributeOf(field));
    objectClasses[name] = { attributes };
  }
  return { objectClasses };
}

function attributeOf(field: FieldConfig): AttributeInfo {
  const { type, nativeType } = TYPE_OF[field.type];
  return {
    name: field.fieldName,
    type,
    nativeType,
    ...(field.flags.includes('REQUIRED') ? { required: true } : {}),
    ...(field.flags.includes('MULTIVALUED') ? { multivalued: true } : {}),
    ...(field.flags.length > 0 ? { flags: field.flags } : {}),
  };
}
