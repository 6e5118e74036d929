import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { CrestRequest } from '../crest/parse-request.js';
import { ResourceError } from '../crest/resource-error.js';
import { QueryResponseWriter, sendJson, sendResource } from '../crest/responses.js';
import type { CallerGone } from '../provisioner/connector-facade.js';
import { ObjectClassHandler } from '../provisioner/object-class-handler.js';
import { ObjectClass } from '../provisioner/objects.js';
import type { LiveSync } from '../provisioner/live-sync.js';
import { connectorAction, matchAction, systemAction } from '../provisioner/system-actions.js';
import type { SystemRegistry } from '../provisioner/system-registry.js';
import { operationLabel } from '../observability/operation-label.js';
import { describeRequest } from '../observability/request-context.js';
import type { JsonObject } from '../util/json.js';
import { crestRequestOf, segmentsOf } from './crest-http.js';

const OBJECT_ACTIONS = ['authenticate', 'resolveUsername', 'liveSync'];

/** A request aborted by the caller aborts the backend work too: its response closes unfinished. */
function callerGoneOf(res: Response): CallerGone {
  return (listener) => {
    const onClose = (): void => {
      if (!res.writableFinished) listener();
    };
    res.on('close', onClose);
    return () => {
      res.off('close', onClose);
    };
  };
}

/**
 * `/openidm/system…` and `/system…`: parse the CREST request, find the system and object type,
 * hand over to the provisioner, render. Routes never talk to connectors.
 * A plain handler for everything below the mount point (it takes every method and path, as the
 * Router with one `all('/', '/*path')` route it replaces did, without that Router's dispatch:
 * ~6 % of a cached GET's CPU).
 */
export function systemRoutes(registry: SystemRegistry, liveSync: LiveSync): RequestHandler {
  const handle = async (req: Request, res: Response): Promise<void> => {
    const request = crestRequestOf(req);
    describeRequest(res, { operation: operationLabel(request) });
    const segments = segmentsOf(req.path);
    const pretty = request.prettyPrint;
    if (segments.length === 0) return systemRoot(registry, liveSync, request, res);
    const [name, typeName, ...rest] = segments as [string, ...string[]];
    const system = registry.route(name);
    // Only configured names become labels: a caller's made-up name is `unknown`.
    if (!system) {
      describeRequest(res, { system: 'unknown' });
      throw ResourceError.notFound(`Resource 'system/${name}' not found`);
    }
    describeRequest(res, { system: system.name, redact: system.redact });
    if (typeName === undefined) return connectorRoot(system, liveSync, request, res);
    const type = system.objectTypes.get(typeName);
    describeRequest(res, { objectType: type || typeName === ObjectClass.ALL ? typeName : 'unknown' });
    if (!type) {
      // The implicit __ALL__ type (listed by _action=test) serves liveSync only.
      if (typeName === ObjectClass.ALL && rest.length === 0 && request.type === 'action'
        && matchAction(request.action!, OBJECT_ACTIONS) === 'liveSync') return sendJson(res, 200, await liveSync.run(system, typeName), pretty);
      throw ResourceError.notFound(`Not found: ${typeName}`);
    }
    const id = rest.length > 0 ? rest.join('/') : undefined;
    const handler = new ObjectClassHandler(system, type, callerGoneOf(res));

    switch (request.type) {
      case 'query': {
        if (id !== undefined) throw ResourceError.badRequest(`The resource instance ${id} cannot be queried`);
        const writer = new QueryResponseWriter(res, pretty);
        try {
          const outcome = await handler.query(request, (r) => writer.write(r));
          writer.end({
            pagedResultsCookie: outcome.pagedResultsCookie,
            totalPagedResultsPolicy: 'NONE',
            totalPagedResults: outcome.totalPagedResults,
            remainingPagedResults: -1,
          });
        } catch (error) {
          if (!writer.hasStarted) throw error;
          writer.fail(error instanceof ResourceError ? error : ResourceError.internal('Internal Server Error'));
        }
        return;
      }
      case 'read':
        if (id === undefined) {
          throw new ResourceError(400, 'The resource collection  cannot be read', { hint: 'add _queryFilter=true to list the objects' });
        }
      {
        const resource = await handler.read(id, request);
        if (request.ifNoneMatch !== undefined && resource._rev === request.ifNoneMatch) {
          res.status(304).set('ETag', `"${request.ifNoneMatch}"`).end();
          return;
        }
        return sendResource(res, 200, resource, pretty);
      }
      case 'create': {
        if (request.createMode === undefined && id !== undefined) throw ResourceError.badRequest(`The resource instance ${id} cannot be created`);
        if (request.createMode === 'upsert') {
          // The seeds update with a PUT that has no If-Match (IDM itself answers 500 here); errors name UPDATE.
          return sendResource(res, 200, await handler.update(id!, { ...request, type: 'update' }), pretty);
        }
        const { status, resource } = await handler.create(request, id);
        if (status === 201 && typeof resource._id === 'string') {
          res.set('Location', `${req.baseUrl}/${encodeURIComponent(name)}/${encodeURIComponent(typeName)}/${encodeURIComponent(resource._id)}`);
        }
        return sendResource(res, status, resource, pretty);
      }
      case 'update':
        if (id === undefined) throw ResourceError.badRequest('The resource collection  cannot be updated');
        return sendResource(res, 200, await handler.update(id, request), pretty);
      case 'patch':
        if (id === undefined) throw ResourceError.badRequest('The resource collection  cannot be patched');
        return sendResource(res, 200, await handler.patch(id, request), pretty);
      case 'delete':
        if (id === undefined) throw ResourceError.badRequest('The resource collection  cannot be deleted');
        return sendResource(res, 200, await handler.delete(id, request), pretty);
      case 'action': {
        const action = matchAction(request.action!, OBJECT_ACTIONS);
        if (action === 'authenticate') return sendJson(res, 200, await handler.authenticate(request), pretty);
        if (action === 'resolveUsername') throw ResourceError.badRequest('Unsupported action: resolveUsername');
        return sendJson(res, 200, await liveSync.run(system, typeName), pretty);
      }
    }
  };

  return (req: Request, res: Response, next: NextFunction) => {
    handle(req, res).catch(next);
  };
}

async function systemRoot(registry: SystemRegistry, liveSync: LiveSync, request: CrestRequest, res: Response): Promise<void> {
  switch (request.type) {
    case 'action':
      return sendJson(res, 200, await systemAction(registry, liveSync, request.action!, request.content, request.additionalParameters), request.prettyPrint);
    case 'read':
      throw ResourceError.notSupported('Read are not supported for resource instances');
    case 'update':
      throw ResourceError.notSupported('Update are not supported for resource instances');
    case 'patch':
      throw ResourceError.notSupported('Patch are not supported for resource instances');
    default:
      throw singletonError(request);
  }
}

async function connectorRoot(
  system: NonNullable<ReturnType<SystemRegistry['route']>>, liveSync: LiveSync, request: CrestRequest, res: Response,
): Promise<void> {
  switch (request.type) {
    case 'action':
      return sendJson(res, 200, await connectorAction(system, liveSync, request.action!, request.additionalParameters) as JsonObject, request.prettyPrint);
    case 'read':
      throw ResourceError.notSupported('Read operations are not supported');
    case 'update':
      throw ResourceError.notSupported('Update operations are not supported');
    case 'patch':
      throw ResourceError.notSupported('Patch operations are not supported');
    default:
      throw singletonError(request);
  }
}

function singletonError(request: CrestRequest): ResourceError {
  const verb = request.type === 'create' ? 'created' : request.type === 'delete' ? 'deleted' : 'queried';
  return ResourceError.badRequest(`The singleton resource  cannot be ${verb}`);
}
