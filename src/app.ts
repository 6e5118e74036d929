import { join } from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { authenticate } from './auth/authenticate.js';
import { Role } from './auth/roles.js';
import type { UserStore } from './auth/user-store.js';
import type { ConfigService } from './config/config-service.js';
import { OpenApiService } from './openapi/openapi-service.js';
import { openApiRequestValidator } from './openapi/request-validator.js';
import { openApiRoutes } from './openapi/openapi-routes.js';
import { Observability } from './observability/observability.js';
import { syncTelemetry } from './observability/sync-telemetry.js';
import { LiveSync } from './provisioner/live-sync.js';
import { SyncStageStore } from './provisioner/sync-stage-store.js';
import type { SystemRegistry } from './provisioner/system-registry.js';
import { configRoutes } from './routes/config-routes.js';
import { errorMiddleware, notFoundMiddleware } from './routes/error-middleware.js';
import { healthRoutes } from './routes/health-routes.js';
import { metricsRoutes } from './routes/metrics-routes.js';
import { systemRoutes } from './routes/system-routes.js';
import type { Sandbox } from './sandbox/sandbox.js';

/** Everything the app needs; tests build these themselves. */
export interface AppDeps {
  readonly registry: SystemRegistry;
  readonly users: UserStore;
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
  /** Vendor sandboxes served under /sandbox/<name> (empty in production). */
  readonly sandboxes?: readonly Sandbox[];
  /** Serves `/openidm/config` (connector configurations) when given. */
  readonly configService?: ConfigService;
  /** The data dir: liveSync stages are kept in `<dataDir>/sync/` (in memory when absent). */
  readonly dataDir?: string;
}

/** Builds the gateway's Express app. It never listens: callers own the server's lifecycle. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(helmet());
  // The sandboxes stand in for vendor APIs: their traffic is backend traffic, not gateway requests.
  for (const sandbox of deps.sandboxes ?? []) app.use(`/sandbox/${sandbox.name}`, sandbox.router);
  const observability = new Observability(deps.logger, {
    secretFields: deps.registry.catalogue.list().flatMap((t) => t.confidentialProperties),
  });
  const logger = observability.logger;
  app.use(observability.requests);
  deps.registry.observers.add(observability.backend);
  app.use(healthRoutes());

  // CREST parses bodies itself (IDM's exact messages), so only the raw bytes are collected here.
  const raw = express.raw({ type: () => true, limit: deps.bodyLimitBytes });
  const auth = authenticate(deps.users);
  // IDM's default access rules: systems and configuration for admins, the scrape for admins and openidm-prometheus.
  const adminOnly = authenticate(deps.users, [Role.ADMIN]);
  const metricsReaders = authenticate(deps.users, [Role.ADMIN, Role.PROMETHEUS]);
  const stages = new SyncStageStore(deps.dataDir ? join(deps.dataDir, 'sync') : undefined);
  const system = systemRoutes(deps.registry, new LiveSync(stages, syncTelemetry(observability.metrics, logger)));
  // The OpenAPI document follows the registry; the validator checks request bodies against it.
  const openapi = new OpenApiService(deps.registry, logger);
  app.use(['/openidm/system', '/system'], adminOnly, raw, openApiRequestValidator(openapi, logger), system);
  if (deps.configService) app.use(['/openidm/config', '/config'], adminOnly, raw, configRoutes(deps.configService));
  app.use(openApiRoutes(openapi, auth));
  app.use(metricsRoutes(observability.metrics, metricsReaders));
  app.use('/openidm', auth);
  app.use(notFoundMiddleware);
  app.use(errorMiddleware(logger, (text) => deps.registry.redact(text)));
  return app;
}
