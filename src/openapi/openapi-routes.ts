import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { apiExplorer } from './api-explorer.js';
import type { OpenApiService } from './openapi-service.js';

function sendDocument(service: OpenApiService, req: Request, res: Response): void {
  const snapshot = service.current();
  const pretty = req.query._prettyPrint === 'true';
  res.status(200).set('Content-Type', 'application/json; charset=UTF-8').set('Cache-Control', 'no-cache')
    .send(pretty ? JSON.stringify(snapshot.document, null, 2) : snapshot.json);
}

/** CREST matches parameter names case-insensitively, so `_API` asks for the descriptor too. */
function asksForApi(req: Request): boolean {
  const q = req.originalUrl.indexOf('?');
  if (q < 0) return false;
  return req.originalUrl.slice(q + 1).split('&').some((p) => p.split('=')[0]!.toLowerCase() === '_api');
}

/**
 * The OpenAPI document at `GET /openapi.json` (public, for the explorer and tooling) and
 * `GET /openidm/?_api` (authenticated like the rest of /openidm), plus the API explorer.
 */
export function openApiRoutes(service: OpenApiService, auth: RequestHandler): Router {
  const router = express.Router();
  router.get('/openapi.json', (req, res) => sendDocument(service, req, res));
  // Credentials are checked only when `_api` is asked for; other /openidm/ requests go on to the 404.
  router.get('/openidm', (req: Request, _res: Response, next: NextFunction) => next(asksForApi(req) ? undefined : 'route'), auth,
    (req: Request, res: Response) => sendDocument(service, req, res));
  router.use(apiExplorer());
  return router;
}
