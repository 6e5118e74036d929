import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { BackendCallEvent, OperationName } from '../provisioner/spi.js';
import { LabelBudget, OTHER } from './label-budget.js';

/** The labels of one served request; values must come from configuration or fixed sets, never from ids. */
export interface RequestLabels {
  readonly system: string;
  readonly objectType: string;
  readonly operation: string;
  readonly status: number;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const WAIT_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The gateway's Prometheus metrics on a registry of their own (not prom-client's global one),
 * so every app — and every test — has independent counters.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Histogram<'system' | 'object_type' | 'operation' | 'status'>;
  private readonly requestErrors: Counter<'code'>;
  private readonly backendCalls: Histogram<'system' | 'operation' | 'method' | 'route' | 'status'>;
  private readonly retries: Counter<'system' | 'operation' | 'reason'>;
  private readonly rateLimitWaits: Histogram<'system' | 'operation'>;
  private readonly tokens: Counter<'system' | 'outcome'>;
  private readonly syncDeltas: Counter<'system' | 'object_type' | 'type'>;
  private readonly systems = new LabelBudget(200);
  private readonly objectTypes = new LabelBudget(500);
  private readonly operations = new LabelBudget(50);
  private readonly reasons = new LabelBudget(50, 40);
  /** Routes are bounded per system: one chatty connector cannot starve the others. */
  private readonly routes = new Map<string, LabelBudget>();

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.requests = new Histogram({
      name: 'idm_gateway_requests_seconds',
      help: 'Latency of the requests served, by system, object type, CREST operation and HTTP status',
      labelNames: ['system', 'object_type', 'operation', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.requestErrors = new Counter({
      name: 'idm_gateway_request_errors_total',
      help: 'Requests answered with an error, by HTTP status code',
      labelNames: ['code'],
      registers,
    });
    this.backendCalls = new Histogram({
      name: 'idm_gateway_backend_call_seconds',
      help: 'Latency of the HTTP calls connectors make to their backends (status 0: no response)',
      labelNames: ['system', 'operation', 'method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.retries = new Counter({
      name: 'idm_gateway_backend_retries_total',
      help: 'Backend calls retried, by reason (HTTP status or error code)',
      labelNames: ['system', 'operation', 'reason'],
      registers,
    });
    this.rateLimitWaits = new Histogram({
      name: 'idm_gateway_rate_limit_wait_seconds',
      help: 'Time operations waited for a rate-limit slot (operationRateLimits and connector limits)',
      labelNames: ['system', 'operation'],
      buckets: WAIT_BUCKETS,
      registers,
    });
    this.tokens = new Counter({
      name: 'idm_gateway_tokens_refreshed_total',
      help: 'Access tokens obtained from token endpoints, by outcome',
      labelNames: ['system', 'outcome'],
      registers,
    });
    this.syncDeltas = new Counter({
      name: 'idm_gateway_sync_deltas_total',
      help: 'Changes liveSync found on a system, by object type and delta type (reported, not applied)',
      labelNames: ['system', 'object_type', 'type'],
      registers,
    });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** The Content-Type of `scrape()` (Prometheus text exposition format 0.0.4). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  observeRequest(labels: RequestLabels, seconds: number): void {
    this.requests.observe({
      system: this.systems.value(labels.system),
      object_type: this.objectTypes.value(labels.objectType),
      operation: this.operations.value(labels.operation),
      status: statusLabel(labels.status),
    }, seconds);
    if (labels.status >= 400) this.requestErrors.inc({ code: statusLabel(labels.status) });
  }

  observeBackendCall(system: string, event: BackendCallEvent): void {
    const systemLabel = this.systems.value(system);
    let routes = this.routes.get(systemLabel);
    if (!routes) {
      routes = new LabelBudget(100);
      this.routes.set(systemLabel, routes);
    }
    const method = event.method.toUpperCase();
    this.backendCalls.observe({
      system: systemLabel,
      operation: event.operation,
      method: METHODS.has(method) ? method : OTHER,
      route: routes.value(event.route),
      status: statusLabel(event.status),
    }, Math.max(0, event.durationMs) / 1000);
  }

  countRetry(system: string, operation: OperationName, reason: string): void {
    this.retries.inc({ system: this.systems.value(system), operation, reason: this.reasons.value(reason) });
  }

  observeRateLimitWait(system: string, operation: OperationName, waitedMs: number): void {
    this.rateLimitWaits.observe({ system: this.systems.value(system), operation }, Math.max(0, waitedMs) / 1000);
  }

  countSyncDeltas(system: string, objectType: string, type: string, count: number): void {
    this.syncDeltas.inc({ system: this.systems.value(system), object_type: this.objectTypes.value(objectType), type }, count);
  }

  countTokenRefresh(system: string, outcome: 'success' | 'failure'): void {
    this.tokens.inc({ system: this.systems.value(system), outcome });
  }
}

/** HTTP statuses as labels: a three-digit code, `0` for "no response", anything else `other`. */
function statusLabel(status: number): string {
  return Number.isInteger(status) && (status === 0 || (status >= 100 && status <= 599)) ? String(status) : OTHER;
}
