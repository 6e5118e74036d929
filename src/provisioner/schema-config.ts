import type { JsonObject } from '../util/json.js';
import { supportedOperations } from './capabilities.js';
import type { AttributeInfo, Connector, ConnectorSchema, OperationName } from './spi.js';

const DRAFT_03 = 'http://json-schema.org/draft-03/schema';

/** ICF's operations in IDM's OperationType order (the order of `operationOptions`). */
const OPERATIONS: readonly OperationName[] = [
  'CREATE', 'UPDATE', 'DELETE', 'TEST', 'SCRIPT_ON_CONNECTOR', 'SCRIPT_ON_RESOURCE', 'GET',
  'RESOLVEUSERNAME', 'AUTHENTICATE', 'SEARCH', 'VALIDATE', 'SYNC', 'SCHEMA',
];

/** Operations that act on an object class (ICF lists object classes for these only). */
const OBJECT_CLASS_OPERATIONS: ReadonlySet<OperationName> = new Set(['CREATE', 'UPDATE', 'DELETE', 'GET', 'RESOLVEUSERNAME', 'AUTHENTICATE', 'SEARCH', 'SYNC']);

/**
 * `objectTypes` generated from a connector schema, as IDM's createFullConfig does
 * (ConnectorUtil#getObjectClassInfoMap): one type per object class, one property per attribute
 * with `type` (or `items` when multi-valued), `required`, `nativeName`, `nativeType` and the
 * flags other than MULTIVALUED/REQUIRED. Names use the connector's `idmName` when it gives one
 * (e.g. the CSV uid column for `__NAME__`), so the result serves without edits.
 */
export function objectTypesFromSchema(schema: ConnectorSchema): JsonObject {
  const objectTypes: JsonObject = {};
  for (const [nativeClass, info] of Object.entries(schema.objectClasses)) {
    const properties: JsonObject = {};
    for (const attribute of info.attributes) properties[attribute.idmName ?? attribute.name] = propertyOf(attribute);
    objectTypes[info.idmName ?? nativeClass] = {
      $schema: DRAFT_03,
      id: nativeClass,
      type: 'object',
      nativeType: nativeClass,
      properties,
    };
  }
  return objectTypes;
}

function propertyOf(attribute: AttributeInfo): JsonObject {
  const nativeType = attribute.nativeType ?? attribute.type;
  const property: JsonObject = attribute.multivalued
    ? { type: 'array', items: { type: attribute.type, nativeType } }
    : { type: attribute.type };
  if (attribute.required) property.required = true;
  property.nativeName = attribute.name;
  property.nativeType = nativeType;
  const flags = (attribute.flags ?? []).filter((f) => f !== 'MULTIVALUED' && f !== 'REQUIRED');
  if (flags.length > 0) property.flags = flags;
  return property;
}

/**
 * `operationOptions` for a generated configuration (ConnectorUtil#setObjectAndOperationConfiguration):
 * every ICF operation, with an `objectFeatures` entry per object class for the operations the
 * connector supports on object classes. Nothing is denied; the file is the place to deny.
 */
export function operationOptionsFromSchema(connector: Connector, schema: ConnectorSchema): JsonObject {
  const supported = new Set(supportedOperations(connector));
  const classes = Object.keys(schema.objectClasses);
  const options: JsonObject = {};
  for (const operation of OPERATIONS) {
    const objectFeatures: JsonObject = {};
    if (supported.has(operation) && OBJECT_CLASS_OPERATIONS.has(operation)) {
      for (const objectClass of classes) objectFeatures[objectClass] = { denied: false, onDeny: 'DO_NOTHING' };
    }
    options[operation] = { objectFeatures };
  }
  return options;
}
