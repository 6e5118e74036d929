import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { BackendSink } from './backend-observers.js';
import { backendTelemetry } from './backend-telemetry.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { logRedaction } from './log-redaction.js';
import { requestObservability } from './request-observability.js';

/** How an app's observability is set up. */
export interface ObservabilityOptions {
  /** Collect prom-client's process metrics (default true). */
  readonly defaultMetrics?: boolean;
  /** More field names to redact in log lines (connector types' confidentialProperties). */
  readonly secretFields?: readonly string[];
}

/** One app's logs and metrics: built by createApp, never shared between apps. */
export class Observability {
  /** The app's logger, with the gateway's redaction even when the caller's logger has none. */
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** Where the app's connectors report backend traffic (attach to SystemRegistry.observers). */
  readonly backend: BackendSink;
  /** The first middleware: transaction id, request log line, request metrics. */
  readonly requests: RequestHandler;

  constructor(logger: Logger, options: ObservabilityOptions = {}) {
    this.logger = logger.child({}, { redact: logRedaction(options.secretFields) });
    this.metrics = new GatewayMetrics(options);
    this.backend = backendTelemetry(this.metrics, this.logger);
    this.requests = requestObservability(this.logger, this.metrics);
  }
}
