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
    const context: RequestContext = { transactionId, log: logger.child({ transactionId }) };
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      record(req, res, requestContextOf(res) ?? context, seconds, metrics);
    };
    res.once('finish', finish);
    // A caller that goes away before the response ends still gets its line.
    res.once('close', finish);
    runInRequest(res, context, next);
  };
}

function record(req: Request, res: Response, context: RequestContext, seconds: number, metrics: GatewayMetrics): void {
  const status = res.statusCode;
  const aborted = !res.writableFinished;
  const url = loggableUrl(req.originalUrl);
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
  if (QUIET_PATHS.has(url.path)) context.log.debug(line, 'request');
  else if (status >= 500) context.log.warn(line, 'request');
  else context.log.info(line, 'request');
  metrics.observeRequest({
    system: context.system ?? NONE,
    objectType: context.objectType ?? NONE,
    operation: context.operation ?? UNKNOWN,
    status,
  }, seconds);
}
