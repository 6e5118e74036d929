import express, { type Router } from 'express';
import { sendJson } from '../crest/responses.js';

/** `GET /openidm/info/ping`: IDM's unauthenticated liveness answer. */
export function healthRoutes(): Router {
  const router = express.Router();
  router.get('/openidm/info/ping', (_req, res) => {
    sendJson(res, 200, { _id: '', state: 'ACTIVE_READY', shortDesc: 'OpenIDM ready' });
  });
  return router;
}
