import type { Response } from 'express';
import type { JsonObject, JsonValue } from '../util/json.js';
import type { ResourceError } from './resource-error.js';

const CONTENT_TYPE = 'application/json; charset=UTF-8';

/** A resource body with `_id` first and `_rev` second, as CREST protocol 2 writes it. */
export function orderResource(resource: JsonObject): JsonObject {
  const ordered: JsonObject = {};
  if (Object.hasOwn(resource, '_id')) ordered._id = resource._id!;
  if (Object.hasOwn(resource, '_rev')) ordered._rev = resource._rev!;
  for (const [key, value] of Object.entries(resource)) {
    if (key !== '_id' && key !== '_rev') ordered[key] = value;
  }
  return ordered;
}

export function stringify(value: JsonValue, pretty: boolean): string {
  return pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
}

/** Sends a JSON body with CREST's headers. */
export function sendJson(res: Response, status: number, body: JsonValue, pretty = false): void {
  res.status(status).set('Content-Type', CONTENT_TYPE).set('Cache-Control', 'no-cache').send(stringify(body, pretty));
}

/** Sends a resource: `_id`/`_rev` first, ETag from `_rev`. */
export function sendResource(res: Response, status: number, resource: JsonObject, pretty = false): void {
  if (typeof resource._rev === 'string') res.set('ETag', `"${resource._rev}"`);
  sendJson(res, status, orderResource(resource), pretty);
}

export function sendError(res: Response, error: ResourceError, pretty = false): void {
  for (const [name, value] of Object.entries(error.headers)) res.set(name, value);
  sendJson(res, error.code, error.toJSON() as unknown as JsonObject, pretty);
}

/** The tail of a query envelope (after the streamed `result` array). */
export interface QueryEnvelopeTail {
  readonly pagedResultsCookie: string | null;
  readonly totalPagedResultsPolicy: 'NONE' | 'ESTIMATE' | 'EXACT';
  readonly totalPagedResults: number;
  readonly remainingPagedResults: number;
}

/**
 * Streams a query envelope: `{"result":[…],"resultCount":n,…}`. Objects are written as they come;
 * an error after the first result ends the envelope with `"error"` (IDM keeps the 200).
 */
export class QueryResponseWriter {
  private count = 0;
  private started = false;

  constructor(private readonly res: Response, private readonly pretty: boolean) {}

  get resultCount(): number {
    return this.count;
  }

  get hasStarted(): boolean {
    return this.started;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.res.status(200).set('Content-Type', CONTENT_TYPE).set('Cache-Control', 'no-cache');
    this.res.write(this.pretty ? '{\n  "result" : [' : '{"result":[');
  }

  /**
   * Writes one result. Returns a promise to wait for only under back-pressure (it resolves when
   * the socket can take more); otherwise nothing, so writing thousands of ids costs no promises.
   */
  write(resource: JsonObject): Promise<void> | undefined {
    this.start();
    const text = stringify(orderResource(resource), false);
    const ok = this.res.write((this.count++ === 0 ? '' : ',') + text);
    if (ok || this.res.destroyed) return undefined;
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.once('drain', done);
      this.res.once('close', done);
    });
  }

  end(tail: QueryEnvelopeTail): void {
    this.start();
    const rest: JsonObject = { resultCount: this.count, ...tail };
    this.res.end('],' + stringify(rest, false).slice(1));
  }

  /** Ends a started envelope with an error member. */
  fail(error: ResourceError): void {
    this.start();
    this.res.end('],' + JSON.stringify({ resultCount: this.count, error: error.toJSON() }).slice(1));
  }
}
