import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { PROVISIONER_FACTORY_PID, type ConfigService } from '../config/config-service.js';
import type { JsonPointer } from '../crest/json-pointer.js';
import type { CrestRequest } from '../crest/parse-request.js';
import { parsePatch } from '../crest/patch.js';
import { parseQueryFilter, QueryFilterParseError, type QueryFilter } from '../crest/query-filter.js';
import { ResourceError } from '../crest/resource-error.js';
import { QueryResponseWriter, sendJson, sendResource } from '../crest/responses.js';
import { operationLabel } from '../observability/operation-label.js';
import { describeRequest } from '../observability/request-context.js';
import type { JsonObject, JsonValue } from '../util/json.js';
import { isJsonObject } from '../util/json.js';
import { crestRequestOf, segmentsOf } from './crest-http.js';

const ACTIONS_NOT_SUPPORTED = 'The ACTION operations are not supported';
const NO_CREATE_ID = 'The passed identifier to create is null';

/**
 * `/openidm/config…` and `/config…` (research §7): connector configurations as IDM's config
 * service serves them, backed by conf/ through the config service. Only `provisioner.openicf/<alias>`
 * configurations exist in this gateway; other ids read as missing and cannot be written.
 */
export function configRoutes(service: ConfigService): Router {
  const router = express.Router();
  const handle = async (req: Request, res: Response): Promise<void> => {
    const request = crestRequestOf(req);
    describeRequest(res, { operation: operationLabel(request) });
    // IDM rewrites spaces of config ids to underscores.
    const segments = segmentsOf(req.path).map((s) => s.replace(/ /g, '_'));
    if (segments.length > 2) throw ResourceError.badRequest('The passed resourcePath has more than two parts');
    if (request.type === 'action') throw ResourceError.notSupported(ACTIONS_NOT_SUPPORTED);
    if (request.type === 'query') return query(service, request, res);
    const pretty = request.prettyPrint;
    if (segments.length === 0 && request.type === 'read') return sendJson(res, 200, service.list() as unknown as JsonObject, pretty);
    const id = segments.join('/');
    if (segments.length < 2 || segments[0] !== PROVISIONER_FACTORY_PID) return notManaged(request, segments, id);
    const alias = segments[1]!;
    switch (request.type) {
      case 'read':
        return sendResource(res, 200, service.read(alias), pretty);
      case 'create': {
        // POST …?_action=create names no new id (CREST's create-in-container); IDM needs one.
        if (request.createMode === undefined) throw ResourceError.badRequest(NO_CREATE_ID);
        const { created, resource } = service.create(alias, request.content as JsonObject, request.createMode === 'create-only');
        if (created) res.set('Location', `${req.baseUrl}/${PROVISIONER_FACTORY_PID}/${encodeURIComponent(alias)}`);
        return sendResource(res, created ? 201 : 200, resource, pretty);
      }
      case 'update':
        return sendResource(res, 200, service.update(alias, request.content as JsonObject), pretty);
      case 'patch':
        return sendResource(res, 200, service.patch(alias, parsePatch(request.content)), pretty);
      case 'delete':
        return sendResource(res, 200, await service.delete(alias), pretty);
    }
  };

  router.all(['/', '/*path'], (req: Request, res: Response, next: NextFunction) => {
    handle(req, res).catch(next);
  });
  return router;
}

/** What IDM answers for ids that are not connector configurations (and for the bare `/config`). */
function notManaged(request: CrestRequest, segments: readonly string[], id: string): never {
  const root = segments.length === 0;
  switch (request.type) {
    case 'read':
      throw ResourceError.notFound(`No configuration exists for id ${id}`);
    case 'create':
      if (request.createMode === undefined || root) throw ResourceError.badRequest(NO_CREATE_ID);
      if (segments[0] === 'router') throw ResourceError.badRequest('router config can not be factory config');
      throw notWritable(id);
    case 'update':
      if (root) throw ResourceError.badRequest('The passed identifier to update is empty');
      throw notWritable(id);
    case 'patch':
      throw ResourceError.notFound(`No existing configuration found for ${id}, can not patch the configuration.`);
    case 'delete':
      if (root) throw ResourceError.badRequest('The passed identifier to delete is null');
      throw ResourceError.notFound(`No existing configuration found for ${id}, can not delete the configuration.`);
    default:
      throw ResourceError.notSupported(ACTIONS_NOT_SUPPORTED);
  }
}

function notWritable(id: string): ResourceError {
  return ResourceError.badRequest(
    `The configuration ${id} is not managed by this gateway: only ${PROVISIONER_FACTORY_PID}/<name> configurations can be written`,
  );
}

/** `GET /config?_queryFilter=…`: every stored configuration the filter accepts, in a query envelope. */
async function query(service: ConfigService, request: CrestRequest, res: Response): Promise<void> {
  if (request.queryId !== undefined) {
    if (request.queryId === 'query-all-ids') throw ResourceError.notSupported('query-all-ids is not supported');
    throw ResourceError.badRequest(`Unsupported _queryId: ${request.queryId}`);
  }
  if (request.queryExpression !== undefined) throw ResourceError.notSupported('_queryExpression is not supported');
  let filter: QueryFilter;
  try {
    filter = parseQueryFilter(request.queryFilter ?? 'true');
  } catch (error) {
    if (error instanceof QueryFilterParseError) {
      throw ResourceError.badRequest(`The value '${request.queryFilter ?? ''}' for parameter '_queryFilter' could not be parsed as a valid query filter`);
    }
    throw error;
  }
  const all = service.query(filter);
  const offset = Math.max(0, request.pagedResultsOffset ?? 0);
  const size = request.pageSize !== undefined && request.pageSize > 0 ? request.pageSize : all.length;
  const page = all.slice(offset, offset + size);
  const writer = new QueryResponseWriter(res, request.prettyPrint);
  for (const resource of page) await writer.write(request.fields ? selectFields(resource, request.fields) : resource);
  writer.end({ pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 });
}

/** CREST `_fields`: only the named members (nested pointers keep their path), plus `_id`. */
function selectFields(resource: JsonObject, fields: readonly JsonPointer[]): JsonObject {
  const out: JsonObject = { _id: resource._id! };
  for (const pointer of fields) {
    if (pointer.isRoot) return resource;
    let source: JsonValue | undefined = resource;
    for (const token of pointer.tokens) source = isJsonObject(source) ? source[token] : undefined;
    if (source === undefined) continue;
    let target = out;
    pointer.tokens.forEach((token, i) => {
      if (i === pointer.tokens.length - 1) {
        target[token] = source!;
      } else {
        if (!isJsonObject(target[token])) target[token] = {};
        target = target[token] as JsonObject;
      }
    });
  }
  return out;
}
