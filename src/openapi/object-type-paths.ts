import type { ObjectType } from '../provisioner/object-type.js';
import type { OperationName } from '../provisioner/spi.js';
import type { JsonObject, JsonValue } from '../util/json.js';

/** Where an object type's schemas live under `components.schemas` (see `openApiDocument`). */
export interface ObjectTypeSchemaNames {
  readonly create: string;
  readonly update: string;
  readonly read: string;
  /** `CrestResource` (`_id`, `_rev`) and `read` together: every resource body. */
  readonly resource: string;
  /** The query envelope with `resource` results. */
  readonly query: string;
}

/** Everything the path items of one object type depend on. */
export interface ObjectTypePathsInput {
  readonly systemName: string;
  readonly type: ObjectType;
  /** What the connector implements (`supportedOperations`): only those become operations. */
  readonly operations: ReadonlySet<OperationName>;
  /** Operations the provisioner configuration denies, with their `onDeny`. */
  readonly denied: ReadonlyMap<OperationName, string>;
  readonly schemas: ObjectTypeSchemaNames;
  /** Prefix of the operationIds, unique in the document. */
  readonly operationIdPrefix: string;
  readonly tag: string;
}

/** The collection (`/<type>`) and instance (`/<type>/{id}`) path items; absent when they would be empty. */
export interface ObjectTypePathItems {
  readonly collection?: JsonObject;
  readonly instance?: JsonObject;
}

const param = (name: string): JsonObject => ({ $ref: `#/components/parameters/${name}` });
const schemaRef = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonObject): JsonObject => ({ 'application/json': { schema } });
const ERROR: JsonObject = { $ref: '#/components/responses/Error' };
const ETAG: JsonObject = { ETag: { description: 'The quoted `_rev`, when the connector keeps revisions', schema: { type: 'string' } } };

/**
 * The operations of one object type under `/openidm/system/<name>/<type>`: one per operation the
 * connector supports, request bodies from `ObjectType.jsonSchema` (by reference), CREST parameters
 * and responses from the static part.
 */
export function objectTypePathItems(input: ObjectTypePathsInput): ObjectTypePathItems {
  const { type, operations: ops, schemas, tag } = input;
  const id = (suffix: string): string => `${input.operationIdPrefix}.${suffix}`;
  const resource = (description: string, headers?: JsonObject): JsonObject =>
    ({ description, ...(headers ? { headers } : {}), content: json(schemaRef(schemas.resource)) });
  const describe = (op: OperationName, text: string): string => {
    const onDeny = input.denied.get(op);
    return onDeny === undefined ? text : `${text}\n\nDenied by this system's operationOptions (onDeny ${onDeny}).`;
  };
  const title = `${input.systemName} ${type.name}`;
  const common = [param('fields'), param('prettyPrint'), param('acceptApiVersion')];

  const collection: JsonObject = {};
  if (ops.has('SEARCH')) {
    collection.get = {
      operationId: id('query'),
      tags: [tag],
      summary: `Query ${title}`,
      description: describe('SEARCH', 'Needs one of `_queryFilter`, `_queryId`, `_queryExpression` (a GET without them is a read of the collection: 400).'),
      parameters: [
        param('queryFilter'), param('queryId'), param('queryExpression'), param('pageSize'), param('pagedResultsCookie'),
        param('pagedResultsOffset'), param('totalPagedResultsPolicy'), param('sortKeys'), ...common,
      ],
      responses: { 200: { description: 'The query envelope', content: json(schemaRef(schemas.query)) }, default: ERROR },
    };
  }
  const actions = [...(ops.has('CREATE') ? ['create'] : []), ...(ops.has('AUTHENTICATE') ? ['authenticate'] : [])];
  if (actions.length > 0) {
    const parameters: JsonValue[] = [{
      name: '_action', in: 'query', required: false,
      description: ops.has('CREATE') ? 'No `_action` or `create`: create (server-chosen id). Names match case-insensitively.' : 'Names match case-insensitively.',
      schema: { type: 'string', enum: actions },
    }];
    if (ops.has('AUTHENTICATE')) {
      // Optional here because the operation is shared with create; `authenticate` needs both.
      parameters.push(
        { name: 'username', in: 'query', required: false, description: 'For `_action=authenticate`', schema: { type: 'string' } },
        { name: 'password', in: 'query', required: false, description: 'For `_action=authenticate`', schema: { type: 'string' } },
      );
    }
    const post: JsonObject = {
      operationId: id(ops.has('CREATE') ? 'create' : 'action'),
      tags: [tag],
      summary: ops.has('CREATE') ? `Create ${title}${ops.has('AUTHENTICATE') ? ', or authenticate' : ''}` : `Authenticate against ${title}`,
      description: [
        ops.has('CREATE') ? describe('CREATE', 'Creates an object and answers it as read back (201, Location).') : '',
        ops.has('AUTHENTICATE') ? describe('AUTHENTICATE', '`_action=authenticate&username=…&password=…` answers `{"_id": …}`, 401 for wrong credentials.') : '',
      ].filter((s) => s !== '').join('\n\n'),
      parameters: [...parameters, ...common],
      responses: {
        ...(ops.has('CREATE') ? { 201: resource('Created; the object as read back', { ...ETAG, Location: { description: 'The new object', schema: { type: 'string' } } }) } : {}),
        200: {
          description: 'authenticate: `{"_id": …}`. A create denied with onDeny DO_NOTHING: the submitted body.',
          content: json({ anyOf: [schemaRef(schemas.resource), ...(ops.has('CREATE') ? [schemaRef(schemas.create)] : [])] }),
        },
        default: ERROR,
      },
    };
    if (ops.has('CREATE')) post.requestBody = { required: false, content: json(schemaRef(schemas.create)) };
    collection.post = post;
  }

  const instance: JsonObject = {};
  if (ops.has('GET')) {
    instance.get = {
      operationId: id('read'),
      tags: [tag],
      summary: `Read one ${title}`,
      parameters: [param('ifNoneMatchRead'), ...common],
      responses: { 200: resource('The object', ETAG), 304: { $ref: '#/components/responses/NotModified' }, default: ERROR },
    };
  }
  if (ops.has('UPDATE')) {
    instance.put = {
      operationId: id('update'),
      tags: [tag],
      summary: `Update ${title} (partial replace)`,
      description: describe('UPDATE', 'Only the attributes in the body change; `null` clears one. With or without If-Match (`*` or a quoted `_rev`); `If-None-Match: *` creates with this id instead.'),
      parameters: [param('ifMatch'), param('ifNoneMatchPut'), ...common],
      requestBody: { required: true, content: json(schemaRef(schemas.update)) },
      responses: {
        200: resource('Updated; the object as read back', ETAG),
        ...(ops.has('CREATE') ? { 201: resource('Created by `If-None-Match: *`', ETAG) } : {}),
        default: ERROR,
      },
    };
    if (ops.has('GET')) {
      instance.patch = {
        operationId: id('patch'),
        tags: [tag],
        summary: `Patch ${title}`,
        description: describe('UPDATE', 'CREST patch operations; `add` to a multi-valued attribute appends.'),
        parameters: [param('ifMatch'), ...common],
        requestBody: { required: true, content: json(schemaRef('PatchRequest')) },
        responses: { 200: resource('Patched; the object as read back', ETAG), default: ERROR },
      };
    }
  }
  if (ops.has('DELETE')) {
    instance.delete = {
      operationId: id('delete'),
      tags: [tag],
      summary: `Delete ${title}`,
      description: describe('DELETE', 'Answers the object as it was before the delete.'),
      parameters: [param('ifMatch'), ...common],
      responses: { 200: resource('Deleted; the object before the delete'), default: ERROR },
    };
  }
  if (Object.keys(instance).length > 0) instance.parameters = [param('id')];
  return {
    ...(Object.keys(collection).length > 0 ? { collection } : {}),
    ...(Object.keys(instance).length > 0 ? { instance } : {}),
  };
}
