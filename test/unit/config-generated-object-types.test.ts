import { objectTypesFromSchema, operationOptionsFromSchema } from '../../src/provisioner/schema-config.js';
import type { Connector, ConnectorSchema, SchemaOp, SearchOp } from '../../src/provisioner/spi.js';
import { ObjectType } from '../../src/provisioner/object-type.js';
import type { ObjectTypeConfig } from '../../src/config/provisioner-config.js';
import { provisionerProblems } from '../../src/config/provisioner-schema.js';

const schema: ConnectorSchema = {
  objectClasses: {
    __ACCOUNT__: {
      attributes: [
        { name: '__NAME__', type: 'string', nativeType: 'string', required: true, idmName: 'uid' },
        { name: '__PASSWORD__', type: 'string', nativeType: 'JAVA_TYPE_GUARDEDSTRING', flags: ['NOT_READABLE', 'NOT_RETURNED_BY_DEFAULT'], idmName: 'password' },
        { name: 'groups', type: 'string', multivalued: true, flags: ['MULTIVALUED'] },
        { name: 'age', type: 'integer' },
      ],
    },
    __GROUP__: { idmName: 'group', attributes: [{ name: '__NAME__', type: 'string', required: true, idmName: 'name' }] },
  },
};

/** A read-only connector: search and schema only. */
const readOnly: Connector & SearchOp & SchemaOp = {
  dispose: async () => undefined,
  search: async () => ({ objects: [] }),
  schema: async () => schema,
};

describe('objectTypes generated from a connector schema', () => {
  test('when a schema is converted, then each class becomes an IDM object type with the connector\'s names', () => {
    const types = objectTypesFromSchema(schema);
    expect(Object.keys(types)).toEqual(['__ACCOUNT__', 'group']);
    expect(types.__ACCOUNT__).toEqual({
      $schema: 'http://json-schema.org/draft-03/schema',
      id: '__ACCOUNT__',
      type: 'object',
      nativeType: '__ACCOUNT__',
      properties: {
        uid: { type: 'string', required: true, nativeName: '__NAME__', nativeType: 'string' },
        password: { type: 'string', nativeName: '__PASSWORD__', nativeType: 'JAVA_TYPE_GUARDEDSTRING', flags: ['NOT_READABLE', 'NOT_RETURNED_BY_DEFAULT'] },
        groups: { type: 'array', items: { type: 'string', nativeType: 'string' }, nativeName: 'groups', nativeType: 'string' },
        age: { type: 'integer', nativeName: 'age', nativeType: 'integer' },
      },
    });
  });

  test('when the generated types are loaded, then they pass the provisioner schema and build object types', () => {
    const types = objectTypesFromSchema(schema);
    expect(provisionerProblems({ name: 'x', connectorRef: { connectorName: 'c' }, objectTypes: types, operationOptions: operationOptionsFromSchema(readOnly, schema) })).toEqual([]);
    const account = new ObjectType('__ACCOUNT__', types.__ACCOUNT__ as unknown as ObjectTypeConfig);
    expect(account.nameProperty?.idmName).toBe('uid');
  });

  test('when operation options are generated, then every ICF operation is listed and classes only where supported', () => {
    const options = operationOptionsFromSchema(readOnly, schema);
    expect(Object.keys(options)).toEqual(['CREATE', 'UPDATE', 'DELETE', 'TEST', 'SCRIPT_ON_CONNECTOR', 'SCRIPT_ON_RESOURCE', 'GET',
      'RESOLVEUSERNAME', 'AUTHENTICATE', 'SEARCH', 'VALIDATE', 'SYNC', 'SCHEMA']);
    expect(options.CREATE).toEqual({ objectFeatures: {} });
    expect(options.SCHEMA).toEqual({ objectFeatures: {} });
    expect(options.SEARCH).toEqual({ objectFeatures: { __ACCOUNT__: { denied: false, onDeny: 'DO_NOTHING' }, __GROUP__: { denied: false, onDeny: 'DO_NOTHING' } } });
    expect(options.GET).toEqual(options.SEARCH);
  });
});
