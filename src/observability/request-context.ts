import { AsyncLocalStorage } from 'node:async_hooks';
import type { Response } from 'express';
import type { Logger } from 'pino';

/** What the logs and metrics know about the request being served; routes fill in the CREST part. */
export interface RequestContext {
  readonly transactionId: string;
  /** The request's logger: every line it writes carries `transactionId`. */
  readonly log: Logger;
  /** The configured system addressed (only names of routed systems, for bounded labels). */
  system?: string;
  /** The configured object type addressed. */
  objectType?: string;
  /** CREST request type (`read`, `query`, …) or `action:<name>` for known actions. */
  operation?: string;
  /** Masks secret values of the addressed system in a text. */
  redact?: (text: string) => string;
  /** The CREST error answered, message already redacted. */
  error?: { readonly code: number; readonly message: string };
}

/** What a route knows once it has matched the request. */
export type RequestDescription = Pick<RequestContext, 'system' | 'objectType' | 'operation' | 'redact'>;

// AsyncLocalStorage carries the context into connector code, where backend calls are logged.
const storage = new AsyncLocalStorage<RequestContext>();
const LOCALS_KEY = 'requestContext';

/** Runs `fn` (the rest of the middleware chain) with `context` as the current request. */
export function runInRequest<T>(res: Response, context: RequestContext, fn: () => T): T {
  res.locals[LOCALS_KEY] = context;
  return storage.run(context, fn);
}

/** The request being served by the current async call chain, if any. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** The context of a response (also outside its async chain, e.g. in `finish` listeners). */
export function requestContextOf(res: Response): RequestContext | undefined {
  const value: unknown = res.locals[LOCALS_KEY];
  return typeof value === 'object' && value !== null ? (value as RequestContext) : undefined;
}

/** Records what a route matched (system, object type, operation) for the request's log line and metrics. */
export function describeRequest(res: Response, description: RequestDescription): void {
  const context = requestContextOf(res);
  if (!context) return;
  if (description.system !== undefined) context.system = description.system;
  if (description.objectType !== undefined) context.objectType = description.objectType;
  if (description.operation !== undefined) context.operation = description.operation;
  if (description.redact !== undefined) context.redact = description.redact;
}
