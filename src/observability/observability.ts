import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { BackendSink } from './backend-observers.js';
import { backendTelemetry } from './backend-telemetry.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { LOG_REDACTION } from './log-redaction.js';
import { requestObservability } from './request-observability.js';

/** One app's logs and metrics: built by createApp, never shared between apps. */
export class Observability {
  /** The app's logger, with the gateway's redaction even when the caller's logger has none. */
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** Where the app's connectors report backend traffic (attach to SystemRegistry.observers). */
  readonly backend: BackendSink;
  /** The first middleware: transaction id, request log line, request metrics. */
  readonly requests: RequestHandler;

  constructor(logger: Logger, options: { readonly defaultMetrics?: boolean } = {}) {
    this.logger = logger.child({}, { redact: LOG_REDACTION });
    this.metrics = new GatewayMetrics(options);
    this.backend = backendTelemetry(this.metrics, this.logger);
    this.requests = requestObservability(this.logger, this.metrics);
  }
}
