import type { OperationOptionConfig, ProvisionerConfig } from '../config/provisioner-config.js';
import { ResourceError } from '../crest/resource-error.js';
import { RateLimiter } from '../connectors/shared/rate-limit.js';
import type { SharedState, SlotLimiter } from '../shared-state/shared-state.js';
import { OperationTimeoutError } from './connector-errors.js';
import { apiOpName, can } from './capabilities.js';
import { compare, evaluateFilter, attributeValues, type Filter } from './filter.js';
import { SpecialAttribute, type AttributeMap, type ConnectorObject, type Uid } from './objects.js';
import type {
  BackendObserver, Connector, ConnectorSchema, OperationContext, OperationName, SearchOp, SortKey, SyncDelta, SyncOp, SyncToken,
} from './spi.js';

/** What a query asks of the facade. */
export interface FacadeQuery {
  readonly filter: Filter | null;
  readonly pageSize?: number;
  readonly pagedResultsCookie?: string;
  readonly pagedResultsOffset?: number;
  readonly sortKeys?: readonly SortKey[];
  readonly attributesToGet?: readonly string[];
}

export interface FacadeQueryResult {
  readonly pagedResultsCookie: string | null;
  readonly totalPagedResults?: number;
}

/**
 * Receives each object of a query. It returns a promise only when the caller must wait (the
 * response writer under back-pressure): an await per object cost a promise and a microtask
 * turn for each of thousands of ids.
 */
export type QueryHandler = (object: ConnectorObject) => Promise<void> | void;

/**
 * Subscribes a listener to the caller going away; returns the function that unsubscribes it.
 * (The route used to hand over an AbortSignal: creating it and adding/removing an EventTarget
 * listener per operation was ~4 % of a cached GET's CPU; the route's response events are cheap.)
 */
export type CallerGone = (listener: () => void) => () => void;

/** Outcome of an operation that operationOptions denied with onDeny DO_NOTHING. */
export const SKIPPED = Symbol('skipped');

/** Page size the facade uses when it walks a backend itself. */
const WALK_PAGE_SIZE = 1000;

/**
 * Wraps one connector with the provisioner's guards: derived capabilities (501 when missing),
 * operationOptions (denied/onDeny), operationRateLimits, operationTimeout (AbortSignal), and
 * residual filtering/sorting/paging for what the backend cannot do (ICF's results handlers).
 */
export class ConnectorFacade {
  private readonly limiters = new Map<string, SlotLimiter>();

  constructor(
    readonly connector: Connector,
    private readonly config: ProvisionerConfig,
    /** Told how long operations waited for an operationRateLimits slot. */
    private readonly observer?: BackendObserver,
    /** Shares operationRateLimits windows between replicas when Redis-backed. */
    sharedState?: SharedState,
  ) {
    for (const [op, limit] of Object.entries(config.operationRateLimits ?? {})) {
      // Defaults from the seed: 50 requests per 500 ms.
      const [requests, period] = [limit.requestLimit ?? 50, limit.requestPeriod ?? 500];
      this.limiters.set(op, sharedState ? sharedState.limiter(`${config.name}:${op}`, requests, period) : new RateLimiter(requests, period));
    }
  }

  /**
   * Runs one operation under the guards. Returns SKIPPED when operationOptions deny it with DO_NOTHING.
   * `callerGone` tells when the caller goes away (the operation is then aborted).
   */
  async run<T>(
    operation: OperationName,
    objectClass: string | null,
    options: Readonly<Record<string, string>>,
    fn: (ctx: OperationContext) => Promise<T>,
    callerGone?: CallerGone,
  ): Promise<T | typeof SKIPPED> {
    const deny = this.denial(operation, objectClass);
    if (deny === 'throw') throw ResourceError.forbidden(`Operation ${apiOpName(operation)} is configured to be denied`);
    if (deny === 'skip') return SKIPPED;
    if (deny === 'unsupported-type') throw ResourceError.notSupported('Actions are not supported for resource instances');

    const timeoutMs = this.config.operationTimeout?.[operation] ?? -1;
    const started = Date.now();
    const controller = new AbortController();
    const stopWatchingCaller = callerGone?.(() => controller.abort(new OperationTimeoutError('The caller went away')));
    // One timer for the whole operation; the wait in progress when it fires fails with its error.
    // (A promise per operation raced against every wait cost ~5 % of a cached GET.)
    let timer: NodeJS.Timeout | undefined;
    let timeoutError: OperationTimeoutError | undefined;
    let failWait: ((error: Error) => void) | undefined;
    if (timeoutMs >= 0) {
      timer = setTimeout(() => {
        timeoutError = new OperationTimeoutError(`${operation} exceeded its timeout of ${timeoutMs} ms`);
        controller.abort(timeoutError);
        failWait?.(timeoutError);
      }, timeoutMs);
    }
    /** What `start` returns, unless the operation times out first. */
    const untilTimeout = <R>(start: () => Promise<R>): Promise<R> => {
      if (timer === undefined) return start();
      return new Promise<R>((resolve, reject) => {
        if (timeoutError) {
          reject(timeoutError);
          return;
        }
        failWait = reject;
        start().then(resolve, reject);
      });
    };
    try {
      const limiter = this.limiters.get(operation);
      if (limiter) {
        const waitMs = this.config.operationRateLimits?.[operation]?.requestTimeout ?? 5000;
        const queued = performance.now();
        try {
          await untilTimeout(() => limiter.acquire(waitMs, controller.signal));
        } finally {
          // Waits that end in a timeout are reported too: they are the ones operators look for.
          const waited = performance.now() - queued;
          if (waited >= 1) this.observer?.rateLimitWait(operation, Math.round(waited));
        }
      }
      const ctx: OperationContext = timeoutMs < 0
        ? { signal: controller.signal, operation, options }
        : { signal: controller.signal, operation, options, deadline: started + timeoutMs };
      // A connector that ignores its signal still times out.
      return await untilTimeout(() => fn(ctx));
    } finally {
      if (timer) clearTimeout(timer);
      stopWatchingCaller?.();
    }
  }

  private denial(operation: OperationName, objectClass: string | null): 'throw' | 'skip' | 'unsupported-type' | undefined {
    const top: OperationOptionConfig | undefined = this.config.operationOptions?.[operation];
    if (!top) return undefined;
    if (objectClass && top.supportedObjectTypes && !top.supportedObjectTypes.includes(objectClass)) return 'unsupported-type';
    const effective = this.effectiveOption(operation, objectClass);
    if (!effective?.denied) return undefined;
    return (effective.onDeny ?? 'DO_NOTHING') === 'THROW_EXCEPTION' ? 'throw' : 'skip';
  }

  /** operationOptions deny the operation on this class (liveSync checks it whatever `onDeny` says, as IDM does). */
  denied(operation: OperationName, objectClass: string | null): boolean {
    return this.effectiveOption(operation, objectClass)?.denied === true;
  }

  private effectiveOption(operation: OperationName, objectClass: string | null): OperationOptionConfig | undefined {
    const top = this.config.operationOptions?.[operation];
    return (objectClass ? top?.objectFeatures?.[objectClass] : undefined) ?? top;
  }

  /** Throws IDM's 501 when the connector lacks the operation. */
  require(operation: OperationName, supported: boolean): void {
    if (!supported) throw notSupported(operation);
  }

  async create(objectClass: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    const c = this.connector;
    this.require('CREATE', can.create(c));
    if (!can.create(c)) throw new Error('unreachable');
    return c.create(objectClass, attributes, ctx);
  }

  /** Reads one object; falls back to a search on `__UID__` when the connector has no GetOp. */
  async get(objectClass: string, uid: Uid, attributesToGet: readonly string[] | undefined, ctx: OperationContext): Promise<ConnectorObject | null> {
    const c = this.connector;
    if (can.get(c)) return c.get(objectClass, uid, attributesToGet ? { attributesToGet } : {}, ctx);
    this.require('GET', can.search(c));
    let found: ConnectorObject | null = null;
    await this.query(objectClass, {
      filter: { type: 'eq', attribute: SpecialAttribute.UID, value: uid.value },
      pageSize: 1,
      ...(attributesToGet ? { attributesToGet } : {}),
    }, ctx, async (o) => {
      found = o;
    });
    return found;
  }

  async update(objectClass: string, uid: Uid, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    const c = this.connector;
    this.require('UPDATE', can.update(c));
    if (!can.update(c)) throw new Error('unreachable');
    return c.update(objectClass, uid, attributes, ctx);
  }

  async delete(objectClass: string, uid: Uid, ctx: OperationContext): Promise<void> {
    const c = this.connector;
    this.require('DELETE', can.delete(c));
    if (!can.delete(c)) throw new Error('unreachable');
    await c.delete(objectClass, uid, ctx);
  }

  async test(ctx: OperationContext): Promise<void> {
    const c = this.connector;
    this.require('TEST', can.test(c));
    if (!can.test(c)) throw new Error('unreachable');
    await c.test(ctx);
  }

  async authenticate(objectClass: string, username: string, password: string, ctx: OperationContext): Promise<Uid> {
    const c = this.connector;
    this.require('AUTHENTICATE', can.authenticate(c));
    if (!can.authenticate(c)) throw new Error('unreachable');
    return c.authenticate(objectClass, username, password, ctx);
  }

  async schema(ctx: OperationContext): Promise<ConnectorSchema> {
    const c = this.connector;
    this.require('SCHEMA', can.schema(c));
    if (!can.schema(c)) throw new Error('unreachable');
    return c.schema(ctx);
  }

  /** True when the connector implements SyncOp (liveSync). */
  get canSync(): boolean {
    return can.sync(this.connector);
  }

  async latestSyncToken(objectClass: string, ctx: OperationContext): Promise<SyncToken> {
    return this.syncOp().latestSyncToken(objectClass, ctx);
  }

  async sync(objectClass: string, token: SyncToken, ctx: OperationContext): Promise<{ readonly deltas: readonly SyncDelta[]; readonly token: SyncToken }> {
    return this.syncOp().sync(objectClass, token, ctx);
  }

  /** The connector as a SyncOp; IDM's 501 when it has none. */
  private syncOp(): Connector & SyncOp {
    const c = this.connector;
    if (!can.sync(c)) throw notSupported('SYNC');
    return c;
  }

  /**
   * Streams the objects of a query to `handler`. Pushes filter, sort and paging down to the
   * connector when it can do them; otherwise walks the backend page by page and does the rest here.
   */
  async query(
    objectClass: string,
    query: FacadeQuery,
    ctx: OperationContext,
    handler: QueryHandler,
  ): Promise<FacadeQueryResult> {
    const c = this.connector;
    this.require('SEARCH', can.search(c));
    if (!can.search(c)) throw new Error('unreachable');
    const caseInsensitive = this.config.resultsHandlerConfig?.enableCaseInsensitiveFilter === true;
    let nativeQuery: unknown = null;
    let residual: Filter | null = query.filter;
    // A case-insensitive post-filter would disagree with a case-sensitive backend: filter here instead.
    if (query.filter && c.translateFilter && !caseInsensitive) {
      const translated = c.translateFilter(objectClass, query.filter);
      if (translated) {
        nativeQuery = translated.query;
        residual = translated.exact ? null : query.filter;
      }
    }
    const sortHere = (query.sortKeys?.length ?? 0) > 0 && !c.supportsSort;
    const offsetHere = (query.pagedResultsOffset ?? 0) > 0 && !c.supportsOffset;
    const attributesToGet = residual || sortHere ? widen(query.attributesToGet, residual, query.sortKeys) : query.attributesToGet;

    if (!residual && !sortHere && !offsetHere) {
      return this.passThrough(c, objectClass, nativeQuery, query, attributesToGet, ctx, handler);
    }
    const matches = (o: ConnectorObject): boolean => !residual || evaluateFilter(residual, o, { caseInsensitive });
    if (sortHere) {
      const all: ConnectorObject[] = [];
      await this.walk(c, objectClass, nativeQuery, attributesToGet, ctx, null, async (o) => {
        if (matches(o)) all.push(o);
        return true;
      });
      all.sort(comparator(query.sortKeys!));
      const start = query.pagedResultsCookie ? decodeIndexCookie(query.pagedResultsCookie) : (query.pagedResultsOffset ?? 0);
      const end = query.pageSize && query.pageSize > 0 ? start + query.pageSize : all.length;
      for (const o of all.slice(start, end)) await handler(o);
      return { pagedResultsCookie: end < all.length ? encodeIndexCookie(end) : null, totalPagedResults: all.length };
    }
    return this.filteredPages(c, objectClass, nativeQuery, query, attributesToGet, ctx, matches, handler);
  }

  /** The backend does everything: one page when paged, every page (streamed) when not. */
  private async passThrough(
    c: SearchOp, objectClass: string, nativeQuery: unknown, query: FacadeQuery,
    attributesToGet: readonly string[] | undefined, ctx: OperationContext,
    handler: QueryHandler,
  ): Promise<FacadeQueryResult> {
    const paged = query.pageSize !== undefined && query.pageSize > 0;
    let cookie = query.pagedResultsCookie;
    let first = true;
    for (;;) {
      const page = await c.search(objectClass, nativeQuery, {
        ...(paged ? { pageSize: query.pageSize } : {}),
        ...(cookie !== undefined ? { pagedResultsCookie: cookie } : {}),
        ...(first && query.pagedResultsOffset ? { pagedResultsOffset: query.pagedResultsOffset } : {}),
        ...(attributesToGet ? { attributesToGet } : {}),
        ...(query.sortKeys?.length ? { sortKeys: query.sortKeys } : {}),
      }, ctx);
      first = false;
      for (const o of page.objects) {
        const pending = handler(o);
        if (pending) await pending;
      }
      const next = page.pagedResultsCookie ?? null;
      if (paged || next === null) {
        return { pagedResultsCookie: paged ? next : null, ...(page.totalCount !== undefined ? { totalPagedResults: page.totalCount } : {}) };
      }
      cookie = next;
    }
  }

  /** Walks backend pages from `startCookie`; the visitor returns false to stop. */
  private async walk(
    c: SearchOp, objectClass: string, nativeQuery: unknown, attributesToGet: readonly string[] | undefined,
    ctx: OperationContext, startCookie: string | null,
    visit: (o: ConnectorObject, pageCookie: string | null, indexInPage: number) => Promise<boolean>,
  ): Promise<void> {
    let cookie = startCookie;
    for (;;) {
      const page = await c.search(objectClass, nativeQuery, {
        pageSize: WALK_PAGE_SIZE,
        ...(cookie !== null ? { pagedResultsCookie: cookie } : {}),
        ...(attributesToGet ? { attributesToGet } : {}),
      }, ctx);
      const next = page.pagedResultsCookie ?? null;
      for (let i = 0; i < page.objects.length; i++) {
        if (!(await visit(page.objects[i]!, cookie, i))) return;
      }
      if (next === null) return;
      cookie = next;
    }
  }

  /**
   * Residual filtering with exact pages: the cookie names the backend page to resume and how
   * many of its objects were already consumed, so no match is skipped or repeated.
   */
  private async filteredPages(
    c: SearchOp, objectClass: string, nativeQuery: unknown, query: FacadeQuery,
    attributesToGet: readonly string[] | undefined, ctx: OperationContext,
    matches: (o: ConnectorObject) => boolean, handler: QueryHandler,
  ): Promise<FacadeQueryResult> {
    const position = query.pagedResultsCookie ? decodeWalkCookie(query.pagedResultsCookie) : { cookie: null, skip: 0 };
    const pageSize = query.pageSize && query.pageSize > 0 ? query.pageSize : Infinity;
    let toSkipMatches = query.pagedResultsCookie ? 0 : (query.pagedResultsOffset ?? 0);
    let emitted = 0;
    let resume: { cookie: string | null; skip: number } | null = null;
    await this.walk(c, objectClass, nativeQuery, attributesToGet, ctx, position.cookie, async (o, pageCookie, index) => {
      if (pageCookie === position.cookie && index < position.skip) return true;
      if (emitted >= pageSize) {
        resume = { cookie: pageCookie, skip: index };
        return false;
      }
      if (!matches(o)) return true;
      if (toSkipMatches > 0) {
        toSkipMatches--;
        return true;
      }
      await handler(o);
      emitted++;
      return true;
    });
    return { pagedResultsCookie: resume ? encodeWalkCookie(resume) : null };
  }
}

/** A residual filter or in-memory sort needs its attributes fetched even when `_fields` omits them. */
function widen(attributes: readonly string[] | undefined, filter: Filter | null, sortKeys: readonly SortKey[] | undefined): readonly string[] | undefined {
  if (!attributes) return undefined;
  const set = new Set(attributes);
  const visit = (f: Filter): void => {
    if (f.type === 'and' || f.type === 'or') f.filters.forEach(visit);
    else if (f.type === 'not') visit(f.filter);
    else set.add(f.attribute);
  };
  if (filter) visit(filter);
  sortKeys?.forEach((k) => set.add(k.attribute));
  return [...set];
}

function comparator(keys: readonly SortKey[]): (a: ConnectorObject, b: ConnectorObject) => number {
  return (a, b) => {
    for (const key of keys) {
      const va = attributeValues(a, key.attribute)[0];
      const vb = attributeValues(b, key.attribute)[0];
      let c: number;
      if (va === undefined || vb === undefined) c = va === vb ? 0 : va === undefined ? 1 : -1;
      else c = compare(va, vb) ?? String(va).localeCompare(String(vb));
      if (c !== 0) return key.ascending ? c : -c;
    }
    return 0;
  };
}

function encodeIndexCookie(index: number): string {
  return Buffer.from(JSON.stringify({ i: index })).toString('base64url');
}

function decodeIndexCookie(cookie: string): number {
  const parsed = decodeCookie(cookie) as { i?: unknown };
  if (typeof parsed.i !== 'number' || !Number.isInteger(parsed.i) || parsed.i < 0) throw badCookie(cookie);
  return parsed.i;
}

function encodeWalkCookie(position: { cookie: string | null; skip: number }): string {
  return Buffer.from(JSON.stringify({ c: position.cookie, s: position.skip })).toString('base64url');
}

function decodeWalkCookie(cookie: string): { cookie: string | null; skip: number } {
  const parsed = decodeCookie(cookie) as { c?: unknown; s?: unknown };
  if ((parsed.c !== null && typeof parsed.c !== 'string') || typeof parsed.s !== 'number') throw badCookie(cookie);
  return { cookie: parsed.c, skip: parsed.s };
}

function decodeCookie(cookie: string): object {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) return parsed;
  } catch {
    // fall through
  }
  throw badCookie(cookie);
}

function badCookie(cookie: string): ResourceError {
  return ResourceError.badRequest(`The value '${cookie}' for parameter '_pagedResultsCookie' is not a cookie this query returned`);
}

/** IDM's 501 for an operation the connector lacks. */
function notSupported(operation: OperationName): ResourceError {
  return ResourceError.notSupported(`Operation ${apiOpName(operation)} is not supported by the Connector`);
}
