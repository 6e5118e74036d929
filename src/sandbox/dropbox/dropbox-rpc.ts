import type { Request, RequestHandler, Response } from 'express';
import type { AsyncJobs } from './async-jobs.js';
import type { DropboxAuth, Principal } from './dropbox-auth.js';
import type { CursorCodec } from './cursor-codec.js';
import { DropboxRouteError, sendBadInput, sendJson, sendRouteError } from './dropbox-errors.js';
import { requestId } from './dropbox-ids.js';
import type { DropboxState } from './dropbox-state.js';
import type { Json } from './dropbox-views.js';
import { decodeStone, StoneValidationError } from './stone-decoder.js';
import type { Infer, StoneType } from './stone-types.js';

/** What a route handler may use. */
export interface RpcContext {
  readonly state: DropboxState;
  readonly jobs: AsyncJobs;
  readonly cursors: CursorCodec;
  readonly auth: DropboxAuth;
  readonly principal: Principal;
  readonly now: () => Date;
}

/** One RPC route (`POST /2/<name>`), its OAuth scope and its argument decoding. */
export interface RpcRoute {
  readonly name: string;
  readonly scope: string;
  /** Void argument: no body, `null` or `{}`. */
  readonly voidArg: boolean;
  /** Decodes the parsed body and runs the handler; throws StoneValidationError or DropboxRouteError. */
  run(ctx: RpcContext, body: unknown): Json;
}

/** A route whose argument is a Stone type. */
export function rpcRoute<T extends StoneType>(
  name: string,
  scope: string,
  arg: T,
  handler: (ctx: RpcContext, arg: Infer<T>) => Json,
): RpcRoute {
  return { name, scope, voidArg: false, run: (ctx, body) => handler(ctx, decodeStone(arg, body)) };
}

/** A route whose argument is Void. */
export function voidRoute(name: string, scope: string, handler: (ctx: RpcContext) => Json): RpcRoute {
  return { name, scope, voidArg: true, run: (ctx) => handler(ctx) };
}

const JSON_CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain; charset=dropbox-cors-hack'];
const EXPECTING = `Expecting one of ${JSON_CONTENT_TYPES.map((t) => `"${t}"`).join(', ')}.`;

function normalizeContentType(value: string): string {
  return value
    .toLowerCase()
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join('; ');
}

/** The body as Dropbox reads it, or the 400 reason. */
function readBody(req: Request, route: RpcRoute): { ok: true; value: unknown } | { ok: false; reason: string } {
  const text = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  const contentType = req.get('content-type');
  if (contentType === undefined || contentType.trim() === '') {
    // The JS SDK calls Void routes with neither a body nor a Content-Type.
    if (route.voidArg && text === '') return { ok: true, value: null };
    return { ok: false, reason: `Missing or empty HTTP "Content-Type" header.  ${EXPECTING}` };
  }
  if (!JSON_CONTENT_TYPES.includes(normalizeContentType(contentType))) {
    return { ok: false, reason: `Bad HTTP "Content-Type" header: "${contentType}".  ${EXPECTING}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'request body: could not decode input as JSON' };
  }
  if (route.voidArg) {
    const emptyObject = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
    if (value !== null && !emptyObject) return { ok: false, reason: 'request body: expected null, got value' };
    return { ok: true, value: null };
  }
  return { ok: true, value };
}

export interface RpcDeps {
  readonly state: DropboxState;
  readonly jobs: AsyncJobs;
  readonly cursors: CursorCodec;
  readonly auth: DropboxAuth;
  readonly now: () => Date;
}

/**
 * The `/2/...` dispatcher: route lookup, Content-Type and body checks, bearer auth and scope,
 * Stone decoding (400 plain text), the handler (200 JSON, or 409 route error).
 */
export function rpcHandler(routes: readonly RpcRoute[], deps: RpcDeps): RequestHandler {
  const table = new Map(routes.map((r) => [r.name, r]));
  return (req: Request, res: Response) => {
    res.set('X-Dropbox-Request-Id', requestId());
    const name = req.path.replace(/^\/+/, '');
    const route = table.get(name);
    if (!route || req.method !== 'POST') {
      sendBadInput(res, name, `Unknown API function: /2/${name}`);
      return;
    }
    const body = readBody(req, route);
    if (!body.ok) {
      sendBadInput(res, name, body.reason);
      return;
    }
    const principal = deps.auth.authenticate(req, res, name, route.scope);
    if (!principal) return;
    try {
      sendJson(res, 200, route.run({ ...deps, principal }, body.value));
    } catch (error) {
      if (error instanceof StoneValidationError) sendBadInput(res, name, `request body: ${error.toString()}`);
      else if (error instanceof DropboxRouteError) sendRouteError(res, error.error);
      else throw error;
    }
  };
}
