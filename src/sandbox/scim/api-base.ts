import type { NextFunction, Request, Response } from 'express';

/** Remembers the absolute API base URL (`http://host/sandbox/scim/v2`) for `meta.location` and `$ref`. */
export function rememberApiBase(req: Request, res: Response, next: NextFunction): void {
  res.locals.scimApiBase = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
  next();
}

/** The API base URL remembered for this request. */
export function apiBase(res: Response): string {
  const base: unknown = res.locals.scimApiBase;
  return typeof base === 'string' ? base : '';
}
