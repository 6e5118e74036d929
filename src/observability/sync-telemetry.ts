import type { Logger } from 'pino';
import type { LiveSyncReport } from '../provisioner/live-sync.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import { currentRequest } from './request-context.js';

/**
 * Turns each liveSync's report into one info line (counts and uids; never attribute values, which
 * may hold passwords) and the deltas counter; a failed sync warns.
 */
export function syncTelemetry(metrics: GatewayMetrics, logger: Logger): (report: LiveSyncReport) => void {
  return (report) => {
    for (const [type, count] of Object.entries(report.counts)) metrics.countSyncDeltas(report.system, report.objectType, type, count);
    const log = currentRequest()?.log ?? logger;
    const fields = { system: report.system, objectType: report.objectType, deltas: report.counts, uids: report.uids };
    if (report.failure !== undefined) log.warn({ ...fields, failure: report.failure }, 'liveSync failed; the sync token is kept');
    else log.info(fields, 'liveSync deltas reported (not applied: the gateway has no mappings)');
  };
}
