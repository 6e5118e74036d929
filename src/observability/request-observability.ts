import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { GatewayMetrics } from './gateway-metrics.js';
import { loggableUrl } from './loggable-url.js';
import { requestContextOf, runInRequest, type RequestContext } from './request-context.js';
import { TRANSACTION_ID_HEADER, transactionIdFrom } from './transaction-id.js';

/** Label value of requests that address no system / object type; routes set `unknown` for unconfigured names. */
const NONE = 'none';
/** Operation of requests no route described (authentication failures, unknown paths). */
const UNKNOWN = 'unknown';
/** Liveness probes would drown the log at info. */
const QUIET_PATHS = new Set(['/openidm/info/ping']);

/**
 * First middleware of the app: gives the request a transaction id (the caller's
 * `X-ForgeRock-TransactionId` when valid, else a UUID) echoed in the response header, a child
 * logger carrying it, and — when the response ends — one log line and its metrics.
 */
export function requestObservability(logger: Logger, metrics: GatewayMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const transactionId = transactionIdFrom(req.get(TRANSACTION_ID_HEADER));
    res.setHeader(TRANSACTION_ID_HEADER, transactionId);
    const context = new LazyLogContext(transactionId, logger);
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      record(req, res, requestContextOf(res) ?? context, seconds, metrics, logger);
    };
    res.once('finish', finish);
    // A caller that goes away before the response ends still gets its line.
    res.once('close', finish);
    runInRequest(res, context, next);
  };
}

/**
 * A request's context whose child logger is made on first use: pino redacts a child's bindings
 * when it is created, which showed as ~8 % of a cached GET's CPU samples with every level off.
 * A class, so every request's context has one shape from the start.
 */
class LazyLogContext implements RequestContext {
  system?: string = undefined;
  objectType?: string = undefined;
  operation?: string = undefined;
  redact?: (text: string) => string = undefined;
  error?: { readonly code: number; readonly message: string } = undefined;
  private child: Logger | undefined = undefined;

  constructor(readonly transactionId: string, private readonly parent: Logger) {}

  get log(): Logger {
    return (this.child ??= this.parent.child({ transactionId: this.transactionId }));
  }
}

function record(req: Request, res: Response, context: RequestContext, seconds: number, metrics: GatewayMetrics, logger: Logger): void {
  const status = res.statusCode;
  metrics.observeRequest({
    system: context.system ?? NONE,
    objectType: context.objectType ?? NONE,
    operation: context.operation ?? UNKNOWN,
    status,
  }, seconds);
  const url = loggableUrl(req.originalUrl);
  const level = QUIET_PATHS.has(url.path) ? 'debug' : status >= 500 ? 'warn' : 'info';
  // The request's logger is a child of `logger` and has its level.
  if (!logger.isLevelEnabled(level)) return;
  const aborted = !res.writableFinished;
  const principal: unknown = res.locals.principal;
  const user = typeof principal === 'object' && principal !== null && 'username' in principal ? String(principal.username) : undefined;
  const line = {
    method: req.method,
    path: url.path,
    ...(url.query ? { query: url.query } : {}),
    status,
    durationMs: Math.round(seconds * 10_000) / 10,
    ...(context.system !== undefined ? { system: context.system } : {}),
    ...(context.objectType !== undefined ? { objectType: context.objectType } : {}),
    ...(context.operation !== undefined ? { operation: context.operation } : {}),
    ...(user !== undefined ? { user } : {}),
    ...(context.error ? { error: context.error.message } : {}),
    ...(aborted ? { aborted: true } : {}),
  };
  context.log[level](line, 'request');
}
