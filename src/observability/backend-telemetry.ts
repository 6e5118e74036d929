import type { Logger } from 'pino';
import type { BackendSink } from './backend-observers.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import { currentRequest } from './request-context.js';

/**
 * The sink that turns backend events into metrics and log lines. Lines go to the logger of the
 * request being served (so they carry its transaction id), else to `logger`.
 * Levels: calls and rate-limit waits at debug; retries and token refreshes at info (failed refreshes warn).
 */
export function backendTelemetry(metrics: GatewayMetrics, logger: Logger): BackendSink {
  const log = (): Logger => currentRequest()?.log ?? logger;
  return {
    call(system, event) {
      metrics.observeBackendCall(system, event);
      // Checked first: a request's logger is made on first use (request-observability.ts).
      if (logger.isLevelEnabled('debug')) {
        log().debug({
          system, operation: event.operation, method: event.method, route: event.route, status: event.status, durationMs: event.durationMs,
        }, 'backend call');
      }
    },
    retry(system, operation, reason, delayMs) {
      metrics.countRetry(system, operation, reason);
      log().info({ system, operation, reason, delayMs }, 'backend call retried');
    },
    rateLimitWait(system, operation, waitedMs) {
      metrics.observeRateLimitWait(system, operation, waitedMs);
      if (logger.isLevelEnabled('debug')) log().debug({ system, operation, waitedMs }, 'waited for a rate-limit slot');
    },
    tokenRefreshed(system, outcome) {
      metrics.countTokenRefresh(system, outcome);
      if (outcome === 'success') log().info({ system, outcome }, 'access token obtained');
      else log().warn({ system, outcome }, 'access token request failed');
    },
  };
}
