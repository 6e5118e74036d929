import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { middleware } from 'express-openapi-validator';
import type { ProvisionerConfig } from '../../src/config/provisioner-config.js';
import { propertyResolver } from '../../src/config/substitute.js';
import { csvConnectorType } from '../../src/connectors/csv/index.js';
import { openApiDocument } from '../../src/openapi/openapi-document.js';
import { validatorView } from '../../src/openapi/validator-view.js';
import { ProvisionedSystem } from '../../src/provisioner/provisioned-system.js';
import type { Connector, ConnectorType, GetOp, SearchOp, TestOp } from '../../src/provisioner/spi.js';
import type { JsonObject } from '../../src/util/json.js';
import { REPO } from '../support/gateway-harness.js';

const resolver = propertyResolver({ 'idm.instance.dir': REPO });
const csvConf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-csv.json'), 'utf8')) as ProvisionerConfig;

/** A connector that can only read and query (no CreateOp, UpdateOp, DeleteOp, AuthenticateOp). */
const readOnlyType: ConnectorType = {
  connectorRef: { bundleName: 'test.readonly', bundleVersion: '1.0', connectorName: 'test.ReadOnlyConnector', displayName: 'Read only' },
  defaultConfigurationProperties: {},
  confidentialProperties: [],
  validate: () => [],
  create: (): Connector & SearchOp & GetOp & TestOp => ({
    search: async () => ({ objects: [] }),
    get: async () => null,
    test: async () => undefined,
  }),
};

function readOnlySystem(changes: Partial<ProvisionerConfig> = {}): ProvisionedSystem {
  const config: ProvisionerConfig = {
    name: 'ro',
    connectorRef: { connectorName: 'test.ReadOnlyConnector' },
    objectTypes: {
      account: {
        nativeType: '__ACCOUNT__',
        properties: { name: { type: 'string', nativeName: '__NAME__', required: true }, age: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } },
      },
    },
    ...changes,
  };
  return new ProvisionedSystem('ro', config, readOnlyType, resolver);
}

function csvSystem(changes: Partial<ProvisionerConfig> = {}): ProvisionedSystem {
  return new ProvisionedSystem('csv', { ...csvConf, ...changes }, csvConnectorType, resolver);
}

const paths = (document: JsonObject): JsonObject => document.paths as JsonObject;
const schemas = (document: JsonObject): JsonObject => (document.components as JsonObject).schemas as JsonObject;
const methods = (item: unknown): string[] => Object.keys(item as JsonObject).filter((k) => k !== 'parameters').sort();

describe('the generated document', () => {
  test('when a system is configured, then each object type has a collection and an instance path with the connector\'s operations', () => {
    const document = openApiDocument([csvSystem()]);
    expect(document.openapi).toBe('3.1.0');
    expect(methods(paths(document)['/openidm/system/csv/__ACCOUNT__'])).toEqual(['get', 'post']);
    expect(methods(paths(document)['/openidm/system/csv/__ACCOUNT__/{id}'])).toEqual(['delete', 'get', 'patch', 'put']);
    expect(methods(paths(document)['/openidm/system/csv'])).toEqual(['post']);
    expect(Object.keys(paths(document))).toEqual(expect.arrayContaining(['/openidm/info/ping', '/openidm/system', '/openidm/']));
    expect(document.tags).toContainEqual({ name: 'system/csv', description: 'CSV File Connector' });
  });

  test('when the connector cannot create, update, delete or authenticate, then only query and read are described', () => {
    const document = openApiDocument([readOnlySystem()]);
    expect(methods(paths(document)['/openidm/system/ro/account'])).toEqual(['get']);
    expect(methods(paths(document)['/openidm/system/ro/account/{id}'])).toEqual(['get']);
    expect(validatorView(document).createBodies.size).toBe(0);
  });

  test('when schemas are generated, then they are exactly ObjectType.jsonSchema of each mode', () => {
    const system = csvSystem();
    const type = system.objectTypes.get('__ACCOUNT__')!;
    const document = openApiDocument([system]);
    for (const mode of ['create', 'update', 'read'] as const) expect(schemas(document)[`csv.__ACCOUNT__.${mode}`]).toEqual(type.jsonSchema(mode));
    const post = (paths(document)['/openidm/system/csv/__ACCOUNT__'] as JsonObject).post as JsonObject;
    expect(post.requestBody).toEqual({ required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/csv.__ACCOUNT__.create' } } } });
    const action = (post.parameters as JsonObject[])[0]!;
    expect(action).toMatchObject({ name: '_action', schema: { enum: ['create', 'authenticate'] } });
  });

  test('when a system is disabled, then it has no paths; when its connector is missing, then only its action path', () => {
    const disabled = openApiDocument([csvSystem({ enabled: false })]);
    expect(Object.keys(paths(disabled)).filter((p) => p.startsWith('/openidm/system/'))).toEqual([]);
    const missing = new ProvisionedSystem('gone', { ...csvConf, name: 'gone', connectorRef: { connectorName: 'x.Missing' } }, undefined, resolver);
    const document = openApiDocument([missing]);
    expect(Object.keys(paths(document)).filter((p) => p.startsWith('/openidm/system/'))).toEqual(['/openidm/system/gone']);
    expect(document.tags).toContainEqual(expect.objectContaining({ name: 'system/gone', description: expect.stringContaining('not available') }));
  });

  test('when an operation is denied by operationOptions, then its description says so', () => {
    const document = openApiDocument([csvSystem({ operationOptions: { DELETE: { denied: true, onDeny: 'THROW_EXCEPTION' } } })]);
    const del = (paths(document)['/openidm/system/csv/__ACCOUNT__/{id}'] as JsonObject).delete as JsonObject;
    expect(del.description).toContain('Denied by this system\'s operationOptions (onDeny THROW_EXCEPTION)');
  });

  test('when names clash after cleaning, then schema names and operationIds stay unique', () => {
    const a = readOnlySystem({ name: 'ro', objectTypes: { 'a b': { nativeType: 'x', properties: {} }, a_b: { nativeType: 'y', properties: {} } } });
    const document = openApiDocument([a]);
    expect(Object.keys(schemas(document)).filter((n) => n.endsWith('.read')).sort()).toEqual(['ro.a_b.2.read', 'ro.a_b.read']);
    expect(paths(document)).toHaveProperty(['/openidm/system/ro/a%20b']);
    const ids = Object.values(paths(document)).flatMap((item) => Object.values(item as JsonObject))
      .filter((op): op is JsonObject => typeof op === 'object' && op !== null && !Array.isArray(op) && 'operationId' in op)
      .map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('when the document is loaded by express-openapi-validator with spec validation, then it is a valid OpenAPI 3.1 document', async () => {
    const document = openApiDocument([csvSystem(), readOnlySystem()]);
    const [pathParams] = middleware({ apiSpec: document as never, validateApiSpec: true, validateSecurity: false, ignoreUndocumented: true });
    const outcome = await new Promise<unknown>((resolve) => {
      void pathParams!({ app: { param: () => undefined } } as unknown as Request, {} as Response, resolve);
    });
    expect(outcome).toBeUndefined();
  });
});

describe('the validator\'s view of the document', () => {
  test('when the view is derived, then only create and update bodies remain, below the mount, without CREST parameters', () => {
    const view = validatorView(openApiDocument([csvSystem()]));
    expect(Object.keys(view.document.paths as JsonObject).sort()).toEqual(['/csv/__ACCOUNT__', '/csv/__ACCOUNT__/{id}']);
    const post = ((view.document.paths as JsonObject)['/csv/__ACCOUNT__'] as JsonObject).post as JsonObject;
    expect((post.parameters as JsonObject[]).map((p) => p.name)).toEqual(['username', 'password']);
    const put = ((view.document.paths as JsonObject)['/csv/__ACCOUNT__/{id}'] as JsonObject).put as JsonObject;
    expect(put.parameters).toEqual([]);
    expect([...view.createBodies]).toEqual(['csv/__ACCOUNT__']);
    expect([...view.updateBodies]).toEqual(['csv/__ACCOUNT__']);
  });

  test('when a type name cannot be a route pattern, then the view leaves it to the provisioner', () => {
    const system = new ProvisionedSystem('odd', { ...csvConf, name: 'odd', objectTypes: { 'a(b)': (csvConf.objectTypes as JsonObject).__ACCOUNT__ as never } }, csvConnectorType, resolver);
    const view = validatorView(openApiDocument([system]));
    expect(view.createBodies.size).toBe(0);
  });
});
