import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { middleware as openApiMiddleware } from 'express-openapi-validator';
import type { Logger } from 'pino';
import { parseCrestRequest } from '../crest/parse-request.js';
import type { JsonObject } from '../util/json.js';
import { isJsonObject } from '../util/json.js';
import type { OpenApiService, OpenApiSnapshot } from './openapi-service.js';
import { validationError, type ValidationItem } from './validation-error.js';
import { validatorView, type ValidatorView } from './validator-view.js';

/*
 * The split between the two checkers, both fed by ObjectType.jsonSchema (object-type-schema.ts):
 *
 * - This door (express-openapi-validator against the served document) checks the SHAPE of the
 *   documents a request carries: the body of a create (POST on a collection) and of an update
 *   (PUT on an object) against the type's create/update schema — unknown attributes, required
 *   ones, value types, with the same coercion as IDM ("29" fits an integer). Its findings are
 *   rendered in IDM's words (validation-error.ts) through the error middleware.
 * - crest/parse-request owns the PROTOCOL: `_…` parameters (case-insensitive, repeated, IDM's
 *   messages), conditional and version headers, content types and JSON syntax. The door only
 *   looks at requests that parser accepts, and the document view it enforces has those
 *   parameters removed (validator-view.ts); so IDM's messages always win.
 * - The provisioner keeps what a request document cannot express: a PATCH (crest/patch.ts syntax,
 *   then the patched object's attributes), flags (NOT_CREATABLE / NOT_UPDATEABLE values dropped),
 *   capabilities and denials (501/403), and a null for a required attribute (IDM refuses it
 *   before coercing; the door's ajv coercion would read it as ""). ObjectType still validates
 *   what it is handed because it is also reached without HTTP (connector contract suite, PATCH
 *   results); it compiles the very same schema, so the rule exists once and both give one answer.
 *
 * The validator is rebuilt when the document is (a configuration change), never per request.
 */

type Handler = (req: Request, res: Response, next: (error?: unknown) => void) => unknown;

interface Door {
  readonly generation: number;
  readonly view: ValidatorView;
  readonly handlers: readonly Handler[];
}

interface HttpErrorLike {
  readonly status?: unknown;
  readonly errors?: unknown;
}

function buildDoor(snapshot: OpenApiSnapshot): Door {
  const view = validatorView(snapshot.document);
  const handlers = openApiMiddleware({
    apiSpec: view.document as unknown as Parameters<typeof openApiMiddleware>[0]['apiSpec'],
    validateApiSpec: true,
    // All findings, to report them in the provisioner's order (validation-error.ts); bodies are
    // small (IDM_BODY_LIMIT_BYTES) and the schemas flat. 'array' coercion is the provisioner's.
    validateRequests: { allowUnknownQueryParameters: true, coerceTypes: 'array', allErrors: true },
    validateResponses: false,
    // Authentication ran before (IDM's 401); multipart never reaches here (CREST refuses it).
    validateSecurity: false,
    fileUploader: false,
    ignoreUndocumented: true,
    // Mounted at /openidm/system and /system: the view's paths are relative to the mount.
    useRequestUrl: true,
  }) as unknown as Handler[];
  // pathParamsMiddleware registers app.param() handlers for Express routes on each new
  // instance (they would pile up with every rebuild); our routes take no named params.
  return { generation: snapshot.generation, view, handlers: handlers.filter((h) => h.name !== 'pathParamsMiddleware') };
}

/** The body the door checks for this request, or undefined when the request is not the door's business. */
function bodyToCheck(req: Request, view: ValidatorView): JsonObject | undefined {
  if (req.method !== 'POST' && req.method !== 'PUT') return undefined;
  let content;
  try {
    const q = req.originalUrl.indexOf('?');
    const request = parseCrestRequest({
      method: req.method,
      queryString: q < 0 ? '' : req.originalUrl.slice(q + 1),
      header: (name) => req.get(name),
      body: Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined,
    });
    if (request.type !== 'create' && request.type !== 'update') return undefined;
    content = request.content;
  } catch {
    // The route parses the same request again and answers with IDM's message.
    return undefined;
  }
  if (!isJsonObject(content)) return undefined;
  let segments: string[];
  try {
    segments = req.path.split('/').filter((s) => s !== '').map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const key = `${segments[0]}/${segments[1]}`;
  // Exact, case-sensitive match, as the system routes look systems and types up.
  if (req.method === 'POST') return segments.length === 2 && view.createBodies.has(key) ? content : undefined;
  return segments.length === 3 && view.updateBodies.has(key) ? content : undefined;
}

/**
 * Request validation at the door of `/openidm/system` with express-openapi-validator against the
 * current OpenAPI document (see the comment above for what it checks and what it leaves).
 * Errors become CREST 400s in IDM's wording through the error middleware.
 */
export function openApiRequestValidator(service: OpenApiService, logger: Logger): RequestHandler {
  let door = buildDoor(service.current());
  let reportedGeneration = 0;
  service.onRebuild((snapshot) => {
    door = buildDoor(snapshot);
  });

  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' && req.method !== 'PUT') return next();
    const snapshot = service.current();
    if (door.generation !== snapshot.generation) door = buildDoor(snapshot);
    const current = door;
    const body = bodyToCheck(req, current.view);
    if (!body) return next();

    // The validator reads req.body and keys a compiled-schema cache by content type: hand it the
    // parsed body and the plain media type CREST accepted, then give the route its raw bytes back.
    const raw: unknown = req.body;
    const contentType = req.headers['content-type'];
    req.body = body;
    req.headers['content-type'] = 'application/json';
    let finished = false;
    const finish = (error?: unknown): void => {
      if (finished) return;
      finished = true;
      req.body = raw;
      req.headers['content-type'] = contentType;
      if (error === undefined || error === null) return next();
      const { status, errors } = error as HttpErrorLike;
      if (status === 400 && Array.isArray(errors)) return next(validationError(errors as ValidationItem[], body));
      // Anything else is the validator's own trouble, not the caller's: the provisioner checks
      // every write again, so let the request through and say so once per document.
      if (reportedGeneration !== current.generation) {
        reportedGeneration = current.generation;
        logger.error({ err: error }, 'OpenAPI request validation failed; requests pass to the provisioner unchecked');
      }
      next();
    };
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) return finish(error);
      const handler = current.handlers[index++];
      if (!handler) return finish();
      try {
        handler(req, res, step);
      } catch (thrown) {
        finish(thrown);
      }
    };
    step();
  };
}
