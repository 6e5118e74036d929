import type { Request } from 'express';
import { parseCrestRequest, type CrestRequest } from '../crest/parse-request.js';
import { ResourceError } from '../crest/resource-error.js';

/** Splits the path below a route's mount point into percent-decoded segments. */
export function segmentsOf(path: string): string[] {
  return path.split('/').filter((s) => s !== '').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw ResourceError.badRequest(`The path segment '${s}' is not valid percent-encoding`);
    }
  });
}

/** The CREST request of an Express request (raw query string and raw body bytes). */
export function crestRequestOf(req: Request): CrestRequest {
  const q = req.originalUrl.indexOf('?');
  return parseCrestRequest({
    method: req.method,
    queryString: q < 0 ? '' : req.originalUrl.slice(q + 1),
    header: (name) => req.get(name),
    body: Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined,
  });
}
