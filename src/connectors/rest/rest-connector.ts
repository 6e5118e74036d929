import { ConfigurationError, PartialWriteError, UnknownUidError, UnsupportedOperationError } from '../../provisioner/connector-errors.js';
import type { Filter } from '../../provisioner/filter.js';
import type { AttributeMap, ConnectorObject, Uid } from '../../provisioner/objects.js';
import type {
  Connector, ConnectorInit, ConnectorSchema, CreateOp, DeleteOp, GetOp, NativeQuery, OperationContext, SchemaOp, SearchOp,
  SearchOptions, SearchPage, TestOp, UpdateOp,
} from '../../provisioner/spi.js';
import type { JsonValue } from '../../util/json.js';
import { mapConcurrently } from '../../util/map-concurrently.js';
import { HttpClient } from '../shared/http-client.js';
import { readPath, plainName } from './json-path.js';
import { RestClient, type RestRequest } from './rest-client.js';
import type { CallTemplate, ObjectTypeConfig, ReadOperation, RestConfiguration, WriteOperation, WriteStep } from './rest-config-types.js';
import { translateRestFilter } from './rest-filter.js';
import { backendPath, buildRequestBody, extractRecords, stepApplies, toConnectorObject, typed } from './rest-mapping.js';
import { nextCookie, pageRequest, pagingStyle, positionOf } from './rest-paging.js';
import { restSchema } from './rest-schema.js';
import { substituteJson, substituteMap, type Variables } from './template.js';

/** How many objects of one page get their additionalStep calls at once. */
const STEP_CONCURRENCY = 4;

/**
 * The SaaS REST connector (org.forgerock.openicf.connectors.rest.RestConnector): every object
 * class and operation is configuration (see rest-config-types.ts). Orchestration only: requests
 * come from templates (rest-paging, rest-mapping), I/O from RestClient, errors from `exceptions`.
 */
export class RestConnector implements Connector, CreateOp, GetOp, SearchOp<string>, UpdateOp, DeleteOp, TestOp, SchemaOp {
  private readonly client: RestClient;

  constructor(private readonly config: RestConfiguration, init: Pick<ConnectorInit, 'observer' | 'sharedState'> = {}) {
    this.client = new RestClient(new HttpClient({
      settings: config.settings,
      ...(Object.keys(config.tokenRequestParameters).length > 0 ? { extraTokenParams: config.tokenRequestParameters } : {}),
      ...(init.observer ? { observer: init.observer } : {}),
      ...(init.sharedState ? { sharedState: init.sharedState } : {}),
    }));
  }

  async create(objectClass: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    const type = this.typeOf(objectClass);
    const op = required(type, 'CREATE', type.create);
    const result = await this.write(type, op, {}, attributes, `CREATE of ${objectClass}`, ctx);
    const id = op.idPath ? readPath(result as JsonValue, op.idPath) : undefined;
    const uid = scalar(id);
    if (uid === undefined) {
      throw new ConfigurationError(`CREATE of ${objectClass}: the backend's answer has no id at "${op.idPath?.text ?? '(no idPath configured)'}" (CREATE.idPath)`);
    }
    // A failed step deletes the new object again when a DELETE is configured (nothing half-created stays).
    const undo = type.delete ? () => this.delete(objectClass, { value: uid }, ctx) : undefined;
    await this.writeSteps(type, op.additionalSteps, op, { uid }, attributes, `CREATE of ${objectClass}`, ctx, `${op.method} ${op.path}`, undo);
    return { value: uid };
  }

  async get(objectClass: string, uid: Uid, options: { readonly attributesToGet?: readonly string[] }, ctx: OperationContext): Promise<ConnectorObject | null> {
    const type = this.typeOf(objectClass);
    if (!type.get) return this.findByPaging(type, uid.value, options.attributesToGet, ctx);
    const op = type.get;
    const vars = { uid: uid.value };
    const body0 = op.requestBody === undefined ? undefined : substituteJson(op.requestBody, vars);
    const request = this.request(op, vars, `GET of ${objectClass} ${uid.value}`, true, this.attributesQuery(type, op, options.attributesToGet), body0);
    let body: JsonValue | undefined;
    try {
      body = (await this.client.send(request, type.exceptions, ctx)).body as JsonValue | undefined;
    } catch (error) {
      if (error instanceof UnknownUidError) return null;
      throw error;
    }
    const record = extractRecords(body, op.responseMapping)[0];
    if (!record) return null;
    const object = toConnectorObject(objectClass, record, body, op, type.schema);
    return (await this.readSteps(type, op, [object], options.attributesToGet, ctx))[0]!;
  }

  /** Native filtering where every operator of the filter is configured (see rest-filter.ts). */
  translateFilter(objectClass: string, filter: Filter): NativeQuery<string> | null {
    const type = this.config.objectTypes.get(objectClass);
    return type ? translateRestFilter(type, filter) : null;
  }

  get supportsOffset(): boolean {
    return [...this.config.objectTypes.values()].every((t) => !t.query || pagingStyle(t.query) === 'offset');
  }

  async search(objectClass: string, query: string | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage> {
    const type = this.typeOf(objectClass);
    const op = required(type, 'QUERY', type.query);
    const position = positionOf(op, options.pageSize, options.pagedResultsCookie, options.pagedResultsOffset);
    const extra: Record<string, string> = { ...this.attributesQuery(type, op, options.attributesToGet) };
    if (query !== null && type.filters) extra[type.filters.queryParamKey] = query;
    const result = await this.client.send(pageRequest(op, position, extra, `QUERY of ${objectClass}`), type.exceptions, ctx);
    const body = result.body as JsonValue | undefined;
    const records = extractRecords(body, op.responseMapping);
    const objects = records.map((r) => toConnectorObject(objectClass, r, body, op, type.schema));
    const withSteps = await this.readSteps(type, op, objects, options.attributesToGet, ctx);
    return { objects: withSteps, pagedResultsCookie: nextCookie(op, position, result, records.length) };
  }

  async update(objectClass: string, uid: Uid, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    const type = this.typeOf(objectClass);
    const op = required(type, 'UPDATE', type.update);
    const what = `UPDATE of ${objectClass} ${uid.value}`;
    const result = await this.write(type, op, { uid: uid.value }, attributes, what, ctx);
    const newId = (op.idPath ? scalar(readPath(result as JsonValue, op.idPath)) : undefined) ?? uid.value;
    await this.writeSteps(type, op.additionalSteps, op, { uid: newId }, attributes, what, ctx, `${op.method} ${op.path}`);
    return { value: newId };
  }

  async delete(objectClass: string, uid: Uid, ctx: OperationContext): Promise<void> {
    const type = this.typeOf(objectClass);
    const op = required(type, 'DELETE', type.delete);
    const what = `DELETE of ${objectClass} ${uid.value}`;
    const vars = { uid: uid.value };
    const body = op.requestBody === undefined ? undefined : substituteJson(op.requestBody, vars);
    await this.client.send(this.request(op, vars, what, op.method === 'DELETE' || op.method === 'PUT', {}, body), type.exceptions, ctx);
    await this.writeSteps(type, op.additionalSteps, undefined, vars, {}, what, ctx, `${op.method} ${op.path}`);
  }

  /** One page of one object from the first object type that has a QUERY: reachable, credentials accepted. */
  async test(ctx: OperationContext): Promise<void> {
    const [name, type] = [...this.config.objectTypes].find(([, t]) => t.query) ?? [];
    if (name && type) {
      await this.search(name, null, { pageSize: 1, attributesToGet: [] }, ctx);
      return;
    }
    await this.client.send({ method: 'GET', route: '', vars: {}, headers: {}, query: {}, body: undefined, idempotent: true, what: 'TEST' }, [], ctx)
      .catch((error: unknown) => {
        if (error instanceof UnknownUidError) return; // the root of an API need not exist; the credentials were accepted
        throw error;
      });
  }

  schema(): Promise<ConnectorSchema> {
    return Promise.resolve(restSchema(this.config));
  }

  dispose(): Promise<void> {
    this.client.close();
    return Promise.resolve();
  }

  private typeOf(objectClass: string): ObjectTypeConfig {
    const type = this.config.objectTypes.get(objectClass);
    if (!type) {
      throw new UnsupportedOperationError(`Object class ${objectClass} is not configured (objectTypes has ${[...this.config.objectTypes.keys()].join(', ')})`);
    }
    return type;
  }

  private request(template: CallTemplate, vars: Variables, what: string, idempotent: boolean, extraQuery: Record<string, string> = {}, body?: JsonValue): RestRequest {
    return {
      method: template.method,
      route: template.path,
      vars,
      headers: substituteMap(template.headers, vars),
      query: { ...substituteMap(template.queryParams, vars, { dropUnset: true }), ...extraQuery },
      body,
      idempotent,
      what,
    };
  }

  /** `attrToGetKey=<backend names>` when the caller asked for some attributes. */
  private attributesQuery(type: ObjectTypeConfig, op: ReadOperation, attributesToGet: readonly string[] | undefined): Record<string, string> {
    if (!type.attrToGetKey || !attributesToGet) return {};
    const names = new Set<string>([plainName(op.idPath)]);
    if (op.namePath) names.add(plainName(op.namePath));
    for (const attribute of attributesToGet) {
      const path = backendPath(op, attribute);
      if (path && !op.additionalSteps.some((s) => s.resourceName === attribute)) names.add(plainName(path));
    }
    return { [type.attrToGetKey]: [...names].join(',') };
  }

  private async write(type: ObjectTypeConfig, op: WriteOperation, vars: Variables, attributes: AttributeMap, what: string, ctx: OperationContext): Promise<unknown> {
    const body = buildRequestBody(op, attributes, vars);
    const result = await this.client.send(this.request(op, vars, what, op.method === 'PUT', {}, body), type.exceptions, ctx);
    return result.body;
  }

  /**
   * CREATE/UPDATE/DELETE follow-up calls, in order; a step with a requestMapping runs only when one
   * of its attributes is given. `mainCall` (already made) and the steps made before a failed one
   * stay applied unless `undo` takes the write back: the error then names them (PartialWriteError).
   */
  private async writeSteps(
    type: ObjectTypeConfig, steps: readonly WriteStep[], op: WriteOperation | undefined, vars: Variables, attributes: AttributeMap, what: string, ctx: OperationContext,
    mainCall: string, undo?: () => Promise<void>,
  ): Promise<void> {
    const applied = [mainCall];
    for (const step of steps) {
      if (!stepApplies(step.requestMapping, attributes)) continue;
      const body = buildRequestBody({ requestBody: step.requestBody, requestMapping: step.requestMapping, unflatten: op?.unflatten ?? [] }, attributes, vars);
      try {
        await this.client.send(this.request(step, vars, `${what} (additionalStep ${step.method} ${step.path})`, step.method === 'PUT' || step.method === 'GET', {}, body), type.exceptions, ctx);
      } catch (error) {
        if (!undo) throw new PartialWriteError(error, applied, new Error('no configured call takes back a SaaS REST write'));
        try {
          await undo();
        } catch (undoError) {
          throw new PartialWriteError(error, applied, undoError);
        }
        throw error;
      }
      applied.push(`additionalStep ${step.method} ${step.path}`);
    }
  }

  /** GET/QUERY additionalSteps: one call per object and step whose attribute is wanted, value at `valuePath`. */
  private async readSteps(
    type: ObjectTypeConfig, op: ReadOperation, objects: readonly ConnectorObject[], attributesToGet: readonly string[] | undefined, ctx: OperationContext,
  ): Promise<ConnectorObject[]> {
    const steps = op.additionalSteps.filter((s) => !attributesToGet || attributesToGet.includes(s.resourceName));
    if (steps.length === 0) return [...objects];
    return mapConcurrently(objects, STEP_CONCURRENCY, async (object) => {
      const attributes = { ...object.attributes };
      for (const step of steps) {
        const vars = { uid: object.uid.value };
        const body = step.requestBody === undefined ? undefined : substituteJson(step.requestBody, vars);
        const what = `${op === type.get ? 'GET' : 'QUERY'} of ${object.objectClass} ${object.uid.value} (additionalStep ${step.resourceName})`;
        const result = await this.client.send(this.request(step, vars, what, true, {}, body), type.exceptions, ctx);
        const value = readPath(result.body as JsonValue, step.valuePath);
        const field = type.schema.find((f) => f.fieldName === step.resourceName);
        attributes[step.resourceName] = value === undefined ? (step.valuePath.multi ? [] : null) : typed(field, value);
      }
      return { ...object, attributes };
    });
  }

  /** GET without a GET operation: the QUERY pages, until the uid is found. */
  private async findByPaging(type: ObjectTypeConfig, uid: string, attributesToGet: readonly string[] | undefined, ctx: OperationContext): Promise<ConnectorObject | null> {
    required(type, 'GET', type.query);
    const native = translateRestFilter(type, { type: 'eq', attribute: '__UID__', value: uid });
    let cookie: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const result = await this.search(type.name, native?.query ?? null, { ...(cookie ? { pagedResultsCookie: cookie } : {}), ...(attributesToGet ? { attributesToGet } : {}) }, ctx);
      const found = result.objects.find((o) => o.uid.value === uid);
      if (found) return found;
      if (!result.pagedResultsCookie) return null;
      cookie = result.pagedResultsCookie;
    }
    return null;
  }
}

function required<T>(type: ObjectTypeConfig, operation: string, op: T | undefined): T {
  if (!op) throw new UnsupportedOperationError(`${operation} is not configured for ${type.name} (objectTypes.${type.name}.operations.${operation})`);
  return op;
}

function scalar(value: JsonValue | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}
