import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { GatewayMetrics } from '../observability/gateway-metrics.js';
import { describeRequest } from '../observability/request-context.js';

/**
 * `GET /openidm/metrics/prometheus` (IDM's path): the Prometheus text exposition of the app's
 * metrics, for callers with the openidm-admin or openidm-prometheus role (IDM's scrape role).
 */
export function metricsRoutes(metrics: GatewayMetrics, auth: RequestHandler): Router {
  const router = express.Router();
  router.get('/openidm/metrics/prometheus', auth, (_req: Request, res: Response, next: NextFunction) => {
    describeRequest(res, { operation: 'read' });
    metrics.scrape().then((text) => {
      res.status(200).set('Content-Type', metrics.contentType).set('Cache-Control', 'no-store').send(text);
    }, next);
  });
  return router;
}
