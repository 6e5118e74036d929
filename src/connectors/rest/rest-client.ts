import type { OperationContext } from '../../provisioner/spi.js';
import { boundedText } from '../../util/credentials.js';
import type { JsonValue } from '../../util/json.js';
import type { HttpClient, HttpResult } from '../shared/http-client.js';
import { statusError } from '../shared/status-error.js';
import type { ExceptionRule, RestMethod } from './rest-config-types.js';
import { exceptionStatuses, matchException } from './rest-errors.js';
import type { Variables } from './template.js';
import { substituteText } from './template.js';

/** One backend call, resolved from the configuration (variables substituted). */
export interface RestRequest {
  readonly method: RestMethod;
  /** The path template as configured (`/Users/{uid}`): the metrics route. */
  readonly route: string;
  readonly vars: Variables;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: JsonValue | undefined;
  /** Safe to repeat (reads, even over POST). */
  readonly idempotent: boolean;
  /** Words for messages ("CREATE of __ACCOUNT__"). */
  readonly what: string;
}

/**
 * I/O of the SaaS REST connector: sends configured calls through the shared HttpClient (pool,
 * auth, retries, 429) and turns error answers into ConnectorErrors, the object type's
 * `exceptions` first and the shared status table second.
 */
export class RestClient {
  constructor(private readonly http: HttpClient) {}

  /** Sends `request` below serviceUri (or to an absolute URL); resolves with 2xx answers. */
  async send(request: RestRequest, rules: readonly ExceptionRule[], ctx: OperationContext): Promise<HttpResult> {
    const result = await this.http.request({
      method: request.method,
      path: resolvePath(request.route, request.vars),
      route: request.route.split('?')[0]!,
      query: request.query,
      headers: request.headers,
      ...(request.body === undefined ? {} : { json: request.body }),
      idempotent: request.idempotent,
      accept: exceptionStatuses(rules),
      what: request.what,
    }, ctx);
    if (result.status < 400) {
      // A rule for a success status (regularExpression required) recognises failures reported in a 200.
      const failure = rules.some((r) => r.status === result.status) ? matchException(rules, result, request.what) : undefined;
      if (failure) throw failure;
      return result;
    }
    throw matchException(rules, result, request.what) ?? statusError(result.status, request.what, describe(result), undefined);
  }

  close(): void {
    this.http.close();
  }
}

/** `{uid}` (URL-encoded) substituted; a relative path gets its leading slash. */
function resolvePath(template: string, vars: Variables): string {
  const path = substituteText(template, vars, encodeURIComponent);
  return /^https?:\/\//i.test(path) || path.startsWith('/') || path === '' ? path : `/${path}`;
}

function describe(result: HttpResult): string {
  const body = result.body;
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    for (const key of ['detail', 'message', 'error_summary', 'error_description', 'error']) {
      if (typeof record[key] === 'string') return boundedText(record[key], 300);
    }
  }
  return '';
}
