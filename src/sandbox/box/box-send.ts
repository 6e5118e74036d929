import type { Response } from 'express';

/** Writes a JSON body with Box's bare `application/json` content type (no charset parameter). */
export function sendBoxJson(res: Response, status: number, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.status(status);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Cache-Control', 'no-cache, no-store');
  res.setHeader('Content-Length', String(payload.length));
  res.end(payload);
}

/** 204 with no body, as Box answers DELETEs. */
export function sendNoContent(res: Response): void {
  res.status(204).end();
}
