import type { JsonObject } from '../util/json.js';
import type { PropertyDef } from './property-def.js';

/** What a JSON schema is generated for. */
export type SchemaMode = 'create' | 'update' | 'read';

function valueSchema(type: string, items: JsonObject | undefined): JsonObject {
  switch (type) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
    case 'object':
      return { type };
    case 'array': {
      const itemType = typeof items?.type === 'string' ? items.type : undefined;
      return itemType && itemType !== 'any' ? { type: 'array', items: valueSchema(itemType, undefined) } : { type: 'array' };
    }
    default:
      return {};
  }
}

/** The JSON schema of one property's value (null allowed unless required on create). */
export function propertySchema(property: PropertyDef, mode: SchemaMode): JsonObject {
  let schema = valueSchema(property.type, property.items);
  if (property.multivalued && property.type !== 'array') schema = { type: 'array', items: schema };
  if (mode === 'create' && property.required) return schema;
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  return schema;
}

/**
 * objectTypes → JSON schema: the ONE conversion used by the provisioner's validators (and by the
 * generated API description). `_`-prefixed members (e.g. `_id`) are always allowed.
 */
export function objectTypeSchema(properties: readonly PropertyDef[], mode: SchemaMode): JsonObject {
  const props: JsonObject = {};
  const required: string[] = [];
  for (const p of properties) {
    if (mode === 'read' && !p.readable) continue;
    props[p.idmName] = propertySchema(p, mode);
    if (mode === 'create' && p.required && p.creatable && !p.isName) required.push(p.idmName);
  }
  return {
    type: 'object',
    properties: props,
    ...(required.length > 0 ? { required } : {}),
    patternProperties: { '^_': {} },
    additionalProperties: mode === 'read',
  };
}
