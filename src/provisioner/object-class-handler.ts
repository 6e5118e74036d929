import type { CrestRequest } from '../crest/parse-request.js';
import { applyPatch, parsePatch, type PatchOperation } from '../crest/patch.js';
import { JsonPointer } from '../crest/json-pointer.js';
import { parseQueryFilter, QueryFilterParseError } from '../crest/query-filter.js';
import { ResourceError } from '../crest/resource-error.js';
import type { JsonObject, JsonValue } from '../util/json.js';
import { jsonEquals } from '../util/json.js';
import { SKIPPED, type CallerGone, type ConnectorFacade } from './connector-facade.js';
import { UnknownUidError } from './connector-errors.js';
import type { ConnectorObject, Uid } from './objects.js';
import type { ObjectType } from './object-type.js';
import type { ProvisionedSystem } from './provisioned-system.js';
import type { OperationContext, OperationName } from './spi.js';
import { toResourceError } from './to-resource-error.js';

const ALL_FIELDS = JsonPointer.parse('*');

/** What the route renders for a query: results are streamed through `write`. */
export interface QueryOutcome {
  readonly pagedResultsCookie: string | null;
  readonly totalPagedResults: number;
}

/**
 * CREST operations on `/system/<name>/<type>[/<id>]` (IDM's ObjectClassResourceProvider):
 * translate between CREST and the provisioner, call the facade, map connector errors once.
 */
export class ObjectClassHandler {
  private readonly facade: ConnectorFacade;

  constructor(
    private readonly system: ProvisionedSystem,
    private readonly type: ObjectType,
    private readonly callerGone?: CallerGone,
  ) {
    if (!system.facade) throw ResourceError.unavailable(`System ${system.name} is not available: ${system.unavailableReason ?? 'connector not available'}`);
    this.facade = system.facade;
  }

  private get container(): string {
    return `system/${this.system.name}/${this.type.name}`;
  }

  private async run<T>(op: OperationName, requestType: string, id: string | null, request: CrestRequest,
    fn: (ctx: OperationContext) => Promise<T>): Promise<T | typeof SKIPPED> {
    try {
      return await this.facade.run(op, this.type.nativeType, request.additionalParameters, fn, this.callerGone);
    } catch (error) {
      // The connector's words (detail.reason) may quote what the backend echoed, its credentials included.
      throw toResourceError(error, { requestType, id, container: this.container }).masked(this.system.redact);
    }
  }

  /** Create (POST, `_action=create`, or PUT with a client id): 201 with a fresh read. */
  async create(request: CrestRequest, clientId?: string): Promise<{ status: number; resource: JsonObject }> {
    const body = request.content as JsonObject;
    const attributes = this.type.createAttributes(body, clientId);
    const id = typeof attributes.__NAME__ === 'string' ? attributes.__NAME__ : clientId ?? null;
    const uid = await this.run('CREATE', 'CREATE', id, request, (ctx) => this.facade.create(this.type.nativeType, attributes, ctx));
    if (uid === SKIPPED) return { status: 200, resource: { ...body } };
    const created = await this.readUid(uid, request, 'CREATE');
    return { status: 201, resource: created ?? { _id: uid.value } };
  }

  /** Read one object; 404 with IDM's message when absent. */
  async read(id: string, request: CrestRequest): Promise<JsonObject> {
    const resource = await this.readUid({ value: id }, request, 'READ');
    if (!resource) throw ResourceError.notFound(`Object ${id} not found on ${this.container}`);
    return resource;
  }

  private async readUid(uid: Uid, request: CrestRequest, requestType: string): Promise<JsonObject | null> {
    const attributesToGet = this.type.attributesToGet(request.fields);
    const object = await this.run('GET', requestType, uid.value, request, (ctx) =>
      this.facade.get(this.type.nativeType, { value: uid.value }, attributesToGet, ctx));
    if (object === SKIPPED || object === null) return null;
    return this.type.toResource(object, request.fields);
  }

  /** PUT with If-Match (or without conditional headers): partial replace, then a fresh read. */
  async update(id: string, request: CrestRequest): Promise<JsonObject> {
    const attributes = this.type.updateAttributes(request.content as JsonObject);
    return this.applyUpdate(id, request, attributes, request.revision);
  }

  private async applyUpdate(id: string, request: CrestRequest, attributes: Record<string, JsonValue>, revision: string | undefined): Promise<JsonObject> {
    const uid: Uid = revision === undefined ? { value: id } : { value: id, revision };
    const requestType = request.type.toUpperCase();
    const newUid = Object.keys(attributes).length === 0
      ? uid
      : await this.run('UPDATE', requestType, id, request, (ctx) => this.facade.update(this.type.nativeType, uid, attributes, ctx));
    const finalId = newUid === SKIPPED ? id : newUid.value;
    const resource = await this.readUid({ value: finalId }, request, requestType);
    if (!resource) throw ResourceError.notFound(`Object ${finalId} not found on ${this.container}`);
    return resource;
  }

  /**
   * PATCH: applied to the current object, then the changed properties are sent as one update
   * guarded by the revision read, so a concurrent change is never silently overwritten.
   */
  async patch(id: string, request: CrestRequest): Promise<JsonObject> {
    const operations = parsePatch(request.content);
    // Every returned-by-default property, whatever `_fields` says: the patch applies to the whole object.
    const current = await this.readUid({ value: id }, { ...request, fields: [ALL_FIELDS] }, 'PATCH');
    if (!current) {
      throw toResourceError(new UnknownUidError(id), { requestType: 'PATCH', id, container: this.container });
    }
    if (request.revision !== undefined && current._rev !== undefined && current._rev !== request.revision) {
      throw ResourceError.preconditionFailed(`The resource version for ${id} does not match the version provided on operation PATCH for system object: ${this.container}`);
    }
    const patched = applyPatch(current, operations.map((op) => this.systemPatchOperation(op, current)));
    const changed: JsonObject = {};
    for (const def of this.type.properties.values()) {
      const before = current[def.idmName];
      const after = patched[def.idmName];
      if (!jsonEquals(before, after)) changed[def.idmName] = after === undefined ? null : after;
    }
    const attributes = this.type.updateAttributes(changed, { includeNotUpdateable: true });
    const revision = request.revision ?? (typeof current._rev === 'string' ? current._rev : undefined);
    return this.applyUpdate(id, request, attributes, revision);
  }

  /** IDM system-object PATCH: `add` to a multi-valued attribute appends its values (deduplicated). */
  private systemPatchOperation(op: PatchOperation, current: JsonObject): PatchOperation {
    const def = this.type.patchProperty(op.field);
    if (!def || op.operation !== 'add' || !def.multivalued || op.field.tokens.length !== 1) return op;
    const existing = Array.isArray(current[def.idmName]) ? (current[def.idmName] as JsonValue[]) : [];
    const additions = Array.isArray(op.value) ? op.value : [op.value ?? null];
    const merged = [...existing];
    for (const v of additions) if (!merged.some((e) => jsonEquals(e, v))) merged.push(v);
    return { operation: 'replace', field: op.field, value: merged };
  }

  /** DELETE: reads first, deletes, returns the object as it was (research §1.4). */
  async delete(id: string, request: CrestRequest): Promise<JsonObject> {
    const before = await this.readUid({ value: id }, { ...request, fields: [ALL_FIELDS] }, 'DELETE');
    const uid: Uid = request.revision === undefined ? { value: id } : { value: id, revision: request.revision };
    const done = await this.run('DELETE', 'DELETE', id, request, (ctx) => this.facade.delete(this.type.nativeType, uid, ctx));
    if (done === SKIPPED) return before ?? { _id: id };
    if (!before) return { _id: id };
    return request.revision !== undefined ? { ...before, _rev: request.revision } : before;
  }

  /** Query by `_queryFilter`, `_queryExpression` or `_queryId=query-all-ids`; results go to `write`. */
  async query(request: CrestRequest, write: (resource: JsonObject) => Promise<void> | void): Promise<QueryOutcome> {
    let filterText: string;
    let fields = request.fields;
    let idsOnly = false;
    if (request.queryId !== undefined) {
      if (request.queryId !== 'query-all-ids') throw ResourceError.badRequest(`Unsupported _queryId: ${request.queryId}`);
      filterText = 'true';
      // IDM asks only for __UID__; connectors that always return __NAME__ (ICF's CSV) add the name property.
      fields = this.type.nameProperty ? [JsonPointer.parse(this.type.nameProperty.idmName)] : [];
      idsOnly = true;
    } else {
      filterText = request.queryFilter ?? request.queryExpression ?? 'true';
    }
    let parsed;
    try {
      parsed = parseQueryFilter(filterText);
    } catch (error) {
      if (error instanceof QueryFilterParseError) {
        const name = request.queryFilter !== undefined ? '_queryFilter' : '_queryExpression';
        throw name === '_queryFilter' || error.kind === 'pointer'
          ? ResourceError.badRequest(`The value '${filterText}' for parameter '${name}' could not be parsed as a valid query filter`)
          : ResourceError.badRequest(error.message);
      }
      throw error;
    }
    const filter = this.type.translateFilter(parsed);
    if (filter === false) return { pagedResultsCookie: null, totalPagedResults: -1 };
    const attributesToGet = idsOnly ? [] : this.type.attributesToGet(fields);
    const sortKeys = request.sortKeys ? this.type.sortKeys(request.sortKeys) : undefined;
    const toResource = this.type.resourceBuilder(fields);
    const result = await this.run('SEARCH', 'QUERY', null, request, (ctx) =>
      this.facade.query(this.type.nativeType, {
        filter,
        attributesToGet,
        ...(request.pageSize !== undefined ? { pageSize: request.pageSize } : {}),
        ...(request.pagedResultsCookie !== undefined ? { pagedResultsCookie: request.pagedResultsCookie } : {}),
        ...(request.pagedResultsOffset !== undefined ? { pagedResultsOffset: request.pagedResultsOffset } : {}),
        ...(sortKeys ? { sortKeys } : {}),
      }, ctx, (object: ConnectorObject) => write(toResource(object))));
    if (result === SKIPPED) return { pagedResultsCookie: null, totalPagedResults: -1 };
    return { pagedResultsCookie: result.pagedResultsCookie, totalPagedResults: -1 };
  }

  /** `_action=authenticate&username=…&password=…` → `{_id}` (research §1.4.1). */
  async authenticate(request: CrestRequest): Promise<JsonObject> {
    const { username, password } = request.additionalParameters;
    if (username === undefined || password === undefined) {
      throw ResourceError.badRequest(`Expecting a value: the query parameters 'username' and 'password' are required`);
    }
    const uid = await this.run('AUTHENTICATE', 'ACTION', null, request, (ctx) =>
      this.facade.authenticate(this.type.nativeType, username, password, ctx));
    if (uid === SKIPPED) throw ResourceError.forbidden('Operation AUTHENTICATE is denied');
    return uid.revision === undefined ? { _id: uid.value } : { _id: uid.value, _rev: uid.revision };
  }
}
