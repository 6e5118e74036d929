import type { AxiosInstance } from 'axios';
import { ConnectorIOError, OperationTimeoutError, type ConnectorError } from '../../provisioner/connector-errors.js';
import type { BackendObserver, OperationContext } from '../../provisioner/spi.js';
import { boundedText } from '../../util/credentials.js';
import { createAuthenticator, type Authenticator } from './authenticator.js';
import { createHttpAgents, type HttpAgents } from './http-agents.js';
import { createTransport } from './http-transport.js';
import { createNativeTransport, type Transport, type TransportResponse } from './native-transport.js';
import { errorCode, networkError, wasNotSent } from './network-error.js';
import type { SharedState, SlotLimiter } from '../../shared-state/shared-state.js';
import { DEFAULT_RETRY_POLICY, backoffDelay, fitsDeadline, sleep, type RetryPolicy } from './retry-policy.js';
import type { SaasSettings } from './saas-settings.js';
import { parseRetryAfter, statusError } from './status-error.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One backend call as a connector describes it. */
export interface HttpCall {
  readonly method: HttpMethod;
  /** Path below serviceUri (`/2.0/users`), or an absolute URL (a `next` link). */
  readonly path: string;
  /** Path template for metrics (`/2.0/users/{id}`); ids are collapsed heuristically when absent. */
  readonly route?: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** JSON body. */
  readonly json?: unknown;
  /** Form body (application/x-www-form-urlencoded). */
  readonly form?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Safe to repeat after a 5xx or a reset? Default: GET, PUT and DELETE are; POST and PATCH are not. */
  readonly idempotent?: boolean;
  /** Error statuses the caller handles itself: returned instead of thrown (e.g. 404 on a read). */
  readonly accept?: readonly number[];
  /** Words for error messages ("update of user 42"); default "<METHOD> <route>". */
  readonly what?: string;
}

/** A backend answer. `body` is parsed JSON when the answer was JSON, else the text. */
export interface HttpResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly text: string;
}

/** The knobs of one system's client. */
export interface HttpClientOptions {
  readonly settings: SaasSettings;
  readonly observer?: BackendObserver;
  /** Vendor form fields added to token requests (Box: box_subject_type/id). */
  readonly extraTokenParams?: Readonly<Record<string, string>>;
  /** The vendor's own error mapping; consulted first, undefined falls back to the status table. */
  readonly mapError?: (result: HttpResult, call: HttpCall) => ConnectorError | undefined;
  /** The vendor's error text in a body (`error_summary`, `message`…), for messages. */
  readonly describeError?: (result: HttpResult) => string | undefined;
  readonly retry?: RetryPolicy;
  /** A connector-level limit (Box's rateLimit), applied to every call including retries. */
  readonly rateLimiter?: SlotLimiter;
  /** Where OAuth tokens are cached (ConnectorInit.sharedState): per process by default, or Redis. */
  readonly sharedState?: SharedState;
}

/**
 * The HTTP layer every SaaS connector shares: one keep-alive pool per system, authentication
 * (Basic, static token, OAuth with cached tokens and one refresh on 401), bounded retries with
 * jitter for idempotent calls, 429 Retry-After honoured within the operation's deadline, and
 * every outcome mapped to a ConnectorError. Messages never carry credentials, queries or bodies.
 */
export class HttpClient {
  private readonly agents: HttpAgents;
  /** axios: token requests, and every call of a system behind a proxy. */
  private readonly transport: AxiosInstance;
  /** What API calls go through (native-transport.ts). */
  private readonly calls: Transport;
  private readonly auth: Authenticator;
  private readonly retry: RetryPolicy;
  private readonly host: string;

  constructor(private readonly options: HttpClientOptions) {
    const { settings } = options;
    this.agents = createHttpAgents(settings.http);
    this.transport = createTransport(settings.http, this.agents);
    this.calls = settings.http.proxy ? axiosCalls(this.transport) : createNativeTransport(settings.http, this.agents);
    this.auth = createAuthenticator(settings.auth, this.transport, {
      ...(options.extraTokenParams ? { extraTokenParams: options.extraTokenParams } : {}),
      ...(options.observer ? { observer: options.observer } : {}),
      ...(options.sharedState ? { sharedState: options.sharedState } : {}),
    });
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.host = hostOf(settings.serviceUri);
  }

  /** Sends `call`; resolves with 2xx (and accepted) answers, throws a ConnectorError otherwise. */
  async request(call: HttpCall, ctx: OperationContext): Promise<HttpResult> {
    // A configured absolute route (`https://user:password@host/…`) must not reach a label or a log line whole.
    const route = call.route !== undefined ? withoutOrigin(call.route) : collapseIds(call.path);
    const idempotent = call.idempotent ?? (call.method === 'GET' || call.method === 'PUT' || call.method === 'DELETE');
    const what = call.what ?? `${call.method} ${route}`;
    let authRenewed = false;
    for (let attempt = 0; ; attempt++) {
      await this.waitForSlot(ctx);
      const authorization = await this.auth.authorization(ctx);
      const started = Date.now();
      let response: TransportResponse;
      try {
        response = await this.send(call, authorization, ctx);
      } catch (error) {
        this.options.observer?.call({ operation: ctx.operation, method: call.method, route, status: 0, durationMs: Date.now() - started });
        const code = errorCode(error);
        const failure = networkError(error, this.host, ctx.signal.aborted);
        if (!ctx.signal.aborted && (wasNotSent(code) || idempotent)) {
          await this.backoff(ctx, attempt, code, undefined, failure);
          continue;
        }
        throw failure;
      }
      this.options.observer?.call({ operation: ctx.operation, method: call.method, route, status: response.status, durationMs: Date.now() - started });
      const result = toResult(response);
      if (response.status === 401 && !authRenewed && this.auth.rejected(authorization)) {
        authRenewed = true; // refresh once: a second 401 means the credentials themselves are wrong
        attempt--;
        continue;
      }
      if ((response.status >= 200 && response.status < 300) || call.accept?.includes(response.status)) {
        if (result.body === MALFORMED) throw new ConnectorIOError(`${what}: ${this.host} answered malformed JSON (status ${response.status})`);
        return result;
      }
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'], Date.now());
      const failure =
        this.options.mapError?.(result, call) ??
        statusError(response.status, what, trim(this.options.describeError?.(result) ?? defaultDescription(result)), retryAfterMs);
      const retryable = response.status === 429 || (idempotent && response.status >= 500);
      if (!retryable) throw failure;
      await this.backoff(ctx, attempt, String(response.status), retryAfterMs, failure);
    }
  }

  /** Releases the keep-alive sockets (system stopped or reconfigured). */
  close(): void {
    this.agents.destroy();
  }

  private send(call: HttpCall, authorization: string | undefined, ctx: OperationContext): Promise<TransportResponse> {
    const { settings } = this.options;
    const headers: Record<string, string> = { Accept: 'application/json', ...settings.defaultHeaders, ...call.headers };
    if (authorization !== undefined) headers.Authorization = authorization;
    let data: string | undefined;
    if (call.json !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      data = JSON.stringify(call.json);
    } else if (call.form !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      data = new URLSearchParams(call.form as Record<string, string>).toString();
    }
    const url = /^https?:\/\//i.test(call.path) ? call.path : `${settings.serviceUri}${call.path}`;
    const params = definedOnly(call.query);
    return this.calls({ method: call.method, url, headers, signal: ctx.signal, ...(params ? { params } : {}), ...(data !== undefined ? { data } : {}) });
  }

  /** Waits before a retry, or throws `failure` when retries are spent or the deadline is too near. */
  private async backoff(ctx: OperationContext, attempt: number, reason: string, retryAfterMs: number | undefined, failure: ConnectorError): Promise<void> {
    if (attempt >= this.retry.maxRetries) throw failure;
    const delay = retryAfterMs ?? backoffDelay(this.retry, attempt);
    if (!fitsDeadline(this.retry, delay, Date.now(), ctx.deadline)) throw failure;
    this.options.observer?.retry(ctx.operation, reason, delay);
    await sleep(delay, ctx.signal, () => new OperationTimeoutError(`${this.host}: the operation timed out while waiting to retry`));
  }

  private async waitForSlot(ctx: OperationContext): Promise<void> {
    const limiter = this.options.rateLimiter;
    if (!limiter) return;
    const started = Date.now();
    await limiter.acquire(ctx.deadline === undefined ? -1 : Math.max(0, ctx.deadline - started), ctx.signal);
    const waited = Date.now() - started;
    if (waited > 0) this.options.observer?.rateLimitWait(ctx.operation, waited);
  }
}

/** The calls of a proxied system go through axios, which tunnels HTTPS targets with CONNECT. */
function axiosCalls(transport: AxiosInstance): Transport {
  return async (request) => {
    const response = await transport.request<string>({
      method: request.method, url: request.url, params: request.params, headers: request.headers, data: request.data, signal: request.signal,
    });
    return { status: response.status, headers: response.headers as TransportResponse['headers'], data: response.data };
  };
}

/** Marks a JSON answer that did not parse. */
const MALFORMED = Symbol('malformed JSON');

function toResult(response: TransportResponse): HttpResult {
  const text = typeof response.data === 'string' ? response.data : '';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
    else if (Array.isArray(value)) headers[name.toLowerCase()] = value.join(', ');
  }
  const type = headers['content-type'] ?? '';
  let body: unknown = text;
  if (/[/+]json\b/i.test(type) || (type === '' && /^\s*[{[]/.test(text))) {
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = MALFORMED;
    }
  }
  return { status: response.status, headers, body, text };
}

/** The first human-readable message a typical error body carries. */
function defaultDescription(result: HttpResult): string {
  const body = result.body;
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    for (const key of ['error_summary', 'message', 'detail', 'error_description', 'error']) {
      if (typeof record[key] === 'string') return record[key];
    }
    return '';
  }
  return typeof body === 'string' && !/^\s*</.test(body) ? body : '';
}

function trim(text: string): string {
  return boundedText(text.replace(/\s+/g, ' ').trim(), 300);
}

function definedOnly(query: HttpCall['query']): Record<string, string> | undefined {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined) out[key] = String(value);
  return out;
}

function hostOf(uri: string): string {
  try {
    return new URL(uri).host;
  } catch {
    return 'the backend';
  }
}

/** The path of a URL without its scheme, user-info and host (a route template may be absolute). */
export function withoutOrigin(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '') || '/';
}

/** Keeps metric labels bounded: long, numeric, uuid-like or email-like segments become {id}. */
export function collapseIds(path: string): string {
  const pathOnly = withoutOrigin(path).split('?')[0]!;
  return pathOnly
    .split('/')
    .map((segment) => (/^\d{3,}$|^[0-9a-f-]{16,}$|[:@%]|^.{25,}$/i.test(segment) ? '{id}' : segment))
    .join('/');
}
