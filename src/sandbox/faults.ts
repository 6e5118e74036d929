import type { NextFunction, Request, Response, Router } from 'express';
import express from 'express';

/**
 * Fault injection for reliability tests. A fault comes either with one request
 * (header `X-Sandbox-Fault: status=429;retryAfter=2`) or from a queue filled through
 * `POST <sandbox>/__admin/faults` (JSON body, same keys), consumed by the next matching requests.
 */
export interface FaultSpec {
  /** Delay before handling, in ms. */
  latencyMs?: number;
  /** Answer with this status (429, 500, 503…) in the vendor's error format. */
  status?: number;
  /** Seconds for the Retry-After header (with status 429/503). */
  retryAfter?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Answer 200 with a truncated JSON body. */
  malformed?: boolean;
  /** Treat the access token as expired (vendor's 401). */
  expiredToken?: boolean;
  /** How many matching requests this fault applies to (queue only; default 1). */
  times?: number;
  /** Only requests whose path contains this string match (queue only). */
  path?: string;
}

/** How a vendor renders an injected error status. */
export type FaultRenderer = (res: Response, status: number, retryAfter: number | undefined) => void;

export class FaultQueue {
  private faults: FaultSpec[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ ...spec, times: spec.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  list(): readonly FaultSpec[] {
    return this.faults;
  }

  /** Takes one use of the first fault matching the path. */
  take(path: string): FaultSpec | undefined {
    const index = this.faults.findIndex((f) => !f.path || path.includes(f.path));
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }
}

/** Parses `key=value;key=value` from the request header. */
export function parseFaultHeader(header: string): FaultSpec {
  const spec: FaultSpec = {};
  for (const part of header.split(';')) {
    const [rawKey, rawValue = 'true'] = part.split('=').map((s) => s.trim());
    switch (rawKey) {
      case 'latencyMs':
      case 'status':
      case 'retryAfter':
        spec[rawKey] = Number(rawValue);
        break;
      case 'drop':
      case 'malformed':
      case 'expiredToken':
        spec[rawKey] = rawValue === 'true';
        break;
      default:
        break;
    }
  }
  return spec;
}

/** Marks a request whose token must be treated as expired (read by the vendor auth middleware). */
export function isTokenForcedExpired(res: Response): boolean {
  return res.locals.sandboxExpiredToken === true;
}

/** The middleware applying a fault, before the vendor routes. */
export function faultMiddleware(queue: FaultQueue, render: FaultRenderer) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get('x-sandbox-fault');
    const fault = header ? parseFaultHeader(header) : queue.take(req.path);
    if (!fault) return next();
    if (fault.latencyMs) {
      // A caller that gives up (a gateway timeout) ends the wait: no timer outlives its request.
      const gone = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), fault.latencyMs);
        res.once('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (gone) return;
    }
    if (fault.drop) {
      req.socket.destroy();
      return;
    }
    if (fault.malformed) {
      res.status(200).type('application/json').send('{"truncated": ');
      return;
    }
    if (fault.status) {
      if (fault.retryAfter !== undefined) res.set('Retry-After', String(fault.retryAfter));
      render(res, fault.status, fault.retryAfter);
      return;
    }
    if (fault.expiredToken) res.locals.sandboxExpiredToken = true;
    next();
  };
}

/** `GET|POST|DELETE /__admin/faults` and `POST /__admin/reset` for one sandbox. */
export function faultAdminRouter(queue: FaultQueue, reset: () => Promise<void>): Router {
  const router = express.Router();
  router.get('/__admin/faults', (_req, res) => {
    res.json({ faults: queue.list() });
  });
  router.post('/__admin/faults', express.json(), (req, res) => {
    const specs: FaultSpec[] = Array.isArray(req.body) ? req.body : [req.body];
    specs.forEach((s) => queue.add(s));
    res.status(201).json({ faults: queue.list() });
  });
  router.delete('/__admin/faults', (_req, res) => {
    queue.clear();
    res.status(204).end();
  });
  router.post('/__admin/reset', async (_req, res) => {
    queue.clear();
    await reset();
    res.status(204).end();
  });
  return router;
}
