import { supportedOperations } from '../provisioner/capabilities.js';
import type { ProvisionedSystem } from '../provisioner/provisioned-system.js';
import type { OperationName } from '../provisioner/spi.js';
import type { JsonObject, JsonValue } from '../util/json.js';
import { objectTypePathItems, type ObjectTypeSchemaNames } from './object-type-paths.js';
import { openApiBase } from './openapi-base.js';

/** The path of a system's object type in the document (segments percent-encoded: keys are literal URLs). */
export function objectTypePath(systemName: string, typeName: string): string {
  return `/openidm/system/${encodeURIComponent(systemName)}/${encodeURIComponent(typeName)}`;
}

/** Component names and operationIds must be `[A-Za-z0-9._-]+` and unique: clean, then number clashes. */
class UniqueNames {
  private readonly used: Set<string>;
  constructor(existing: Iterable<string>) {
    this.used = new Set(existing);
  }
  /** A free name for `wanted`, and with every `suffixes` appended (all reserved). */
  take(wanted: string, suffixes: readonly string[] = ['']): string {
    const clean = wanted.replace(/[^A-Za-z0-9._-]/g, '_');
    let name = clean;
    for (let n = 2; suffixes.some((s) => this.used.has(name + s)); n++) name = `${clean}.${n}`;
    for (const s of suffixes) this.used.add(name + s);
    return name;
  }
}

const OPERATION_SUFFIXES = ['.query', '.create', '.action', '.read', '.update', '.patch', '.delete'];
const SCHEMA_SUFFIXES = ['.create', '.update', '.read', '.resource', '.query'];

function deniedOperations(system: ProvisionedSystem): Map<OperationName, string> {
  const denied = new Map<OperationName, string>();
  for (const [op, option] of Object.entries(system.config.operationOptions ?? {})) {
    if (option.denied === true) denied.set(op as OperationName, option.onDeny ?? 'DO_NOTHING');
  }
  return denied;
}

/**
 * The complete OpenAPI 3.1 document: the static part (`openapi/openapi-base.json`) plus, for every
 * enabled system, its connector actions and, per object type, the operations its connector
 * supports with request/response schemas taken from `ObjectType.jsonSchema` — never re-derived.
 */
export function openApiDocument(systems: readonly ProvisionedSystem[]): JsonObject {
  const document = openApiBase();
  const paths = document.paths as JsonObject;
  const components = document.components as JsonObject;
  const schemas = components.schemas as JsonObject;
  const tags = (document.tags ?? []) as JsonValue[];
  document.tags = tags;
  const schemaNames = new UniqueNames(Object.keys(schemas));
  const operationIds = new UniqueNames(['ping', 'apiDescriptor', 'systemAction']);

  // A disabled system has no route (IDM registers none), so it has no paths either.
  const enabled = systems.filter((s) => s.enabled).sort((a, b) => a.name.localeCompare(b.name));
  for (const system of enabled) {
    const tag = `system/${system.name}`;
    const displayName = system.connectorType?.connectorRef.displayName ?? system.config.connectorRef.connectorName;
    tags.push({
      name: tag,
      description: system.facade ? displayName : `${displayName} — not available: ${system.unavailableReason ?? 'connector not available'}`,
    });
    paths[`/openidm/system/${encodeURIComponent(system.name)}`] = {
      post: {
        operationId: operationIds.take(`${system.name}.action`),
        tags: [tag],
        summary: `Test ${system.name}`,
        parameters: [{ $ref: '#/components/parameters/connectorAction' }, { $ref: '#/components/parameters/prettyPrint' }],
        responses: {
          200: { description: 'The status of this system', content: { 'application/json': { schema: { $ref: '#/components/schemas/SystemStatus' } } } },
          default: { $ref: '#/components/responses/Error' },
        },
      },
    };
    // Without a connector every object request answers 503: nothing to describe below the system.
    const operations = new Set(system.facade ? supportedOperations(system.facade.connector) : []);
    const denied = deniedOperations(system);
    for (const type of system.objectTypes.values()) {
      const base = schemaNames.take(`${system.name}.${type.name}`, SCHEMA_SUFFIXES);
      const names: ObjectTypeSchemaNames = {
        create: `${base}.create`, update: `${base}.update`, read: `${base}.read`, resource: `${base}.resource`, query: `${base}.query`,
      };
      schemas[names.create] = type.jsonSchema('create');
      schemas[names.update] = type.jsonSchema('update');
      schemas[names.read] = type.jsonSchema('read');
      schemas[names.resource] = { allOf: [{ $ref: '#/components/schemas/CrestResource' }, { $ref: `#/components/schemas/${names.read}` }] };
      schemas[names.query] = {
        allOf: [
          { $ref: '#/components/schemas/QueryResponse' },
          { properties: { result: { items: { $ref: `#/components/schemas/${names.resource}` } } } },
        ],
      };
      const items = objectTypePathItems({
        systemName: system.name, type, operations, denied, schemas: names, operationIdPrefix: operationIds.take(base, OPERATION_SUFFIXES), tag,
      });
      const path = objectTypePath(system.name, type.name);
      if (items.collection) paths[path] = items.collection;
      if (items.instance) paths[`${path}/{id}`] = items.instance;
    }
  }
  return document;
}
