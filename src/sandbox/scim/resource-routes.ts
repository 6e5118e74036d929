import express, { type Request, type Response, type Router } from 'express';
import type { JsonObject } from '../../util/json.js';
import { apiBase } from './api-base.js';
import { applyPatch } from './apply-patch.js';
import { assertRequired, coerceAttributes } from './coerce-attributes.js';
import { compileFilter, type Predicate } from './compile-filter.js';
import { queryFingerprint } from './cursor.js';
import { assertIfMatch, isNotModified, versionOf } from './etag.js';
import { FilterError } from './filter-ast.js';
import { attributeSelectionFromQuery, listParamsFromBody, listParamsFromQuery, type ListParams } from './list-params.js';
import { parseFilter } from './parse-filter.js';
import { planPage } from './plan-page.js';
import { projectAttributes, type AttributeSelection } from './project-attributes.js';
import { QueryCache } from './query-cache.js';
import { locationOf, renderResource } from './render-resource.js';
import type { ResourceType } from './resource-type.js';
import { requireJsonBody } from './scim-body.js';
import type { ScimRecord } from './scim-data.js';
import { ScimError } from './scim-error.js';
import type { ScimRepository } from './scim-repository.js';
import { sendScim } from './scim-response.js';
import { sortResources } from './sort-resources.js';
import { SCIM_URN } from './scim-urns.js';

/** The SCIM endpoints of one resource type (RFC 7644 §3.3–3.6), mounted at `/v2/<endpoint>`. */
export function resourceRoutes(type: ResourceType, repo: ScimRepository): Router {
  const router = express.Router();
  const schemas = [type.schema];
  const project = (resource: JsonObject, selection: AttributeSelection) => projectAttributes(resource, selection, type.attributes, schemas);

  const find = (req: Request): ScimRecord => {
    const id = String(req.params.id);
    const record = repo.get(type.kind, id);
    if (!record) throw ScimError.notFound(type.name, id);
    return record;
  };

  const sendResource = (req: Request, res: Response, status: number, record: ScimRecord): void => {
    res.set('ETag', versionOf(record));
    sendScim(res, status, project(renderResource(type, record, apiBase(res)), attributeSelectionFromQuery(req.query)));
  };

  /** Validates a full representation and applies the server rules, for POST and PUT. */
  const prepare = (attributes: JsonObject, existing: ScimRecord | undefined): JsonObject => {
    const prepared = type.prepare(attributes, existing);
    assertRequired(prepared, type.attributes);
    return prepared;
  };

  const queries = new QueryCache();

  /** The records a query selects, in order: all of them, or the filtered and sorted ones (cached until a change). */
  const select = (params: ListParams, base: string, fingerprint: string): readonly ScimRecord[] => {
    const records = repo.records(type.kind);
    if (params.filter === undefined && params.sortBy === undefined) return records;
    return queries.get(`${fingerprint} ${base}`, repo.generation, () => {
      const predicate = params.filter === undefined ? undefined : compile(params.filter);
      let rows = records.map((record) => ({ record, view: renderResource(type, record, base) }));
      if (predicate) rows = rows.filter((row) => predicate(row.view));
      if (params.sortBy) sortResources(rows, (row) => row.view, params.sortBy, params.sortOrder, type.attributes, schemas);
      return rows.map((row) => row.record);
    });
  };

  const sendList = (res: Response, params: ListParams): void => {
    const base = apiBase(res);
    const fingerprint = queryFingerprint([type.name, params.filter, params.sortBy, params.sortOrder]);
    const selected = select(params, base, fingerprint);
    const total = selected.length;
    const plan = planPage(total, params, fingerprint, Date.now());
    const page = selected.slice(plan.offset, plan.offset + plan.size).map((r) => renderResource(type, r, base));
    const body: JsonObject = {
      schemas: [SCIM_URN.listResponse],
      totalResults: total,
      startIndex: plan.startIndex,
      itemsPerPage: page.length,
      ...(plan.nextCursor === undefined ? {} : { nextCursor: plan.nextCursor }),
      ...(plan.previousCursor === undefined ? {} : { previousCursor: plan.previousCursor }),
      Resources: page.map((resource) => project(resource, params)),
    };
    sendScim(res, 200, body);
  };

  const compile = (filter: string): Predicate => {
    try {
      return compileFilter(parseFilter(filter), type.attributes, schemas);
    } catch (error) {
      if (error instanceof FilterError) throw ScimError.badRequest('invalidFilter', `Invalid filter '${filter}': ${error.message}`);
      throw error;
    }
  };

  /** GET /v2/{Users|Groups}: query with filter, sortBy/sortOrder, startIndex/count or cursor/count, attributes. */
  router.get('/', (req, res) => {
    sendList(res, listParamsFromQuery(req.query));
  });

  /** POST /v2/{Users|Groups}/.search: the same query from a SearchRequest body (RFC 7644 §3.4.3). */
  router.post('/.search', (req, res) => {
    const body = requireJsonBody(req);
    const declared = body.schemas;
    if (declared !== undefined && !(Array.isArray(declared) && declared.includes(SCIM_URN.searchRequest))) {
      throw ScimError.badRequest('invalidSyntax', `'schemas' must contain ${SCIM_URN.searchRequest}`);
    }
    sendList(res, listParamsFromBody(body));
  });

  /** POST /v2/{Users|Groups}: create; 201 with Location and ETag. */
  router.post('/', (req, res) => {
    const attributes = prepare(coerceAttributes(requireJsonBody(req), type.attributes, type.schema), undefined);
    const record = repo.create(type.kind, attributes);
    res.location(locationOf(apiBase(res), type.endpoint, record.id));
    sendResource(req, res, 201, record);
  });

  /** GET /v2/{Users|Groups}/{id}: one resource; 304 when If-None-Match names its version. */
  router.get('/:id', (req, res) => {
    const record = find(req);
    if (isNotModified(req, record)) {
      res.set('ETag', versionOf(record)).status(304).end();
      return;
    }
    sendResource(req, res, 200, record);
  });

  /** PUT /v2/{Users|Groups}/{id}: replace every writable attribute; If-Match honoured. */
  router.put('/:id', (req, res) => {
    const record = find(req);
    assertIfMatch(req, record);
    const attributes = prepare(coerceAttributes(requireJsonBody(req), type.attributes, type.schema), record);
    sendResource(req, res, 200, repo.replace(type.kind, record, attributes));
  });

  /** PATCH /v2/{Users|Groups}/{id}: a PatchOp of add / remove / replace; If-Match honoured. */
  router.patch('/:id', (req, res) => {
    const record = find(req);
    assertIfMatch(req, record);
    const patched = applyPatch(record.attributes, requireJsonBody(req), type);
    const attributes = prepare(coerceAttributes(patched, type.attributes, type.schema), record);
    sendResource(req, res, 200, repo.replace(type.kind, record, attributes));
  });

  /** DELETE /v2/{Users|Groups}/{id}: 204; the resource also leaves every group. */
  router.delete('/:id', (req, res) => {
    const record = find(req);
    assertIfMatch(req, record);
    repo.remove(type.kind, record);
    res.status(204).end();
  });

  /** Any other method on the collection or a resource: 405. */
  router.all(['/', '/:id'], (req) => {
    throw new ScimError(405, `${req.method} is not supported on ${req.baseUrl}${req.path === '/' ? '' : req.path}`);
  });

  return router;
}
