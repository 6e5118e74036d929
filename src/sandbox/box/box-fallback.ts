import type { NextFunction, Request, Response } from 'express';
import { BoxApiError, errorForStatus, invalidParameter, noSuchEndpoint, sendBoxError } from './box-errors.js';

/** 405 `method_not_allowed` for a known path asked with another method. */
export function methodNotAllowed(allow: string) {
  return (): never => {
    const { code, message } = errorForStatus(405);
    throw new BoxApiError(405, code, message, undefined, { Allow: allow });
  };
}

/** 404 `not_found` for a path Box does not serve. */
export function boxNotFound(_req: Request, _res: Response, next: NextFunction): void {
  next(noSuchEndpoint());
}

function isBodyParserError(err: unknown): err is { type: string; status?: number } {
  return typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string';
}

/** Renders any failure in Box's error format (the only place Box errors become responses). */
export function boxErrorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (err instanceof BoxApiError) {
    sendBoxError(res, err);
    return;
  }
  if (isBodyParserError(err) && err.type === 'entity.parse.failed') {
    sendBoxError(res, invalidParameter('entity-body', 'Invalid value. Entity body should be a correctly nested resource attribute name/value pair'));
    return;
  }
  if (isBodyParserError(err) && err.status !== undefined && err.status < 500) {
    const { code, message } = errorForStatus(err.status);
    sendBoxError(res, new BoxApiError(err.status, code, message));
    return;
  }
  const { code, message } = errorForStatus(500);
  sendBoxError(res, new BoxApiError(500, code, message));
}
