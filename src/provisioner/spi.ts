import type { JsonObject, JsonValue } from '../util/json.js';
import type { SharedState } from '../shared-state/shared-state.js';
import type { Filter } from './filter.js';
import type { AttributeMap, ConnectorObject, Uid } from './objects.js';

/**
 * The connector SPI, modelled on ICF: a connector is a small object that implements only the
 * operations its backend supports. The facade derives capabilities from which methods exist
 * (see capabilities.ts) and answers 501 for the rest. Connectors speak native names
 * (object classes, attribute names) and throw ConnectorErrors; they never see HTTP or CREST.
 */

/** ICF operation names, as used in operationTimeout / operationOptions / operationRateLimits. */
export type OperationName =
  | 'CREATE'
  | 'UPDATE'
  | 'DELETE'
  | 'TEST'
  | 'SCRIPT_ON_CONNECTOR'
  | 'SCRIPT_ON_RESOURCE'
  | 'GET'
  | 'RESOLVEUSERNAME'
  | 'AUTHENTICATE'
  | 'SEARCH'
  | 'VALIDATE'
  | 'SYNC'
  | 'SCHEMA';

/** What every operation receives besides its arguments. */
export interface OperationContext {
  /** Aborted when the operation's timeout expires or the caller goes away; pass it to every I/O call. */
  readonly signal: AbortSignal;
  /** The operation being run (for logging, rate limiting and error messages). */
  readonly operation: OperationName;
  /**
   * Additional request options: non-underscore query parameters of the CREST request
   * (e.g. Box's `force`, `notify`). Never undefined; usually empty.
   */
  readonly options: Readonly<Record<string, string>>;
  /**
   * When the operation times out (epoch ms), if it has a timeout. Lets a connector decide whether
   * waiting for a backend's Retry-After still fits, instead of finding out by being aborted.
   */
  readonly deadline?: number;
}

/** A sort key over a NATIVE attribute name. */
export interface SortKey {
  readonly attribute: string;
  readonly ascending: boolean;
}

/** Options of one search call. All are hints the connector may ignore, except `pagedResultsCookie`. */
export interface SearchOptions {
  /** Maximum objects in this page; undefined = the connector's natural page size. */
  readonly pageSize?: number;
  /** Opaque cookie returned by the previous page; undefined = first page. */
  readonly pagedResultsCookie?: string;
  /** Objects to skip before this page (only honoured when `SearchOp.supportsOffset` is true). */
  readonly pagedResultsOffset?: number;
  /** Native attributes wanted; undefined = the connector's defaults. `__UID__` and `__NAME__` always come back. */
  readonly attributesToGet?: readonly string[];
  /** Sort order (only honoured when `SearchOp.supportsSort` is true). */
  readonly sortKeys?: readonly SortKey[];
}

/** One page of search results. */
export interface SearchPage {
  readonly objects: readonly ConnectorObject[];
  /** Cookie for the next page; absent or null when this is the last page. */
  readonly pagedResultsCookie?: string | null;
  /** Total matching objects when the backend knows it cheaply. */
  readonly totalCount?: number;
}

/** A native query produced by a filter translator. */
export interface NativeQuery<Q> {
  readonly query: Q;
  /**
   * True when the native query selects exactly the filter's objects. False means it selects a
   * superset and the facade must re-apply the filter in memory.
   */
  readonly exact: boolean;
}

/** The base of every connector. */
export interface Connector {
  /** Release sockets, timers and file handles. Called when the system is reconfigured or the gateway stops. */
  dispose?(): Promise<void>;
}

/** Create an object (ICF CreateOp). */
export interface CreateOp {
  /**
   * Creates an object from native attributes (`__NAME__` included when known, `__PASSWORD__` in clear).
   * @returns the new object's uid.
   * @throws AlreadyExistsError when an object with the same identity exists.
   * @throws InvalidAttributeValueError when the resource refuses a value.
   */
  create(objectClass: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid>;
}

/** Read one object by uid (ICF GetApiOp). Optional: the facade falls back to a search on `__UID__`. */
export interface GetOp {
  /**
   * @returns the object, or null when no object has this uid.
   */
  get(
    objectClass: string,
    uid: Uid,
    options: { readonly attributesToGet?: readonly string[] },
    ctx: OperationContext,
  ): Promise<ConnectorObject | null>;
}

/** Search objects of a class, one page per call (ICF SearchOp). */
export interface SearchOp<Q = unknown> {
  /**
   * Translates a filter over native attribute names into this backend's query language.
   * Return null when the filter cannot be expressed (the facade then filters in memory);
   * return `{exact: false}` when the query selects a superset.
   * Absent = the connector never filters natively.
   */
  translateFilter?(objectClass: string, filter: Filter): NativeQuery<Q> | null;
  /**
   * Returns ONE page of objects matching `query` (null = all objects of the class).
   * The facade drives paging; a connector never loops over pages itself.
   */
  search(objectClass: string, query: Q | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage>;
  /** True when `options.sortKeys` is honoured by the backend. */
  readonly supportsSort?: boolean;
  /** True when `options.pagedResultsOffset` is honoured by the backend. */
  readonly supportsOffset?: boolean;
}

/** Replace attributes of an existing object (ICF UpdateOp). */
export interface UpdateOp {
  /**
   * Replaces the given native attributes; attributes not in the map are left unchanged,
   * a null value clears the attribute, and a changed `__NAME__` renames the object.
   * When `uid.revision` is set and the backend has revisions, a mismatch throws PreconditionFailedError.
   * @returns the (possibly new) uid with its new revision.
   * @throws UnknownUidError when the object does not exist.
   */
  update(objectClass: string, uid: Uid, attributes: AttributeMap, ctx: OperationContext): Promise<Uid>;
}

/** Add or remove individual values of multi-valued attributes (ICF UpdateAttributeValuesOp). Optional. */
export interface UpdateAttributeValuesOp {
  /** Adds values to multi-valued attributes (values already present are kept once). */
  addAttributeValues(objectClass: string, uid: Uid, values: AttributeMap, ctx: OperationContext): Promise<Uid>;
  /** Removes the given values from multi-valued attributes (absent values are ignored). */
  removeAttributeValues(objectClass: string, uid: Uid, values: AttributeMap, ctx: OperationContext): Promise<Uid>;
}

/** Delete an object (ICF DeleteOp). */
export interface DeleteOp {
  /**
   * Deletes the object and returns once the backend has finished (async jobs included).
   * @throws UnknownUidError when the object does not exist.
   */
  delete(objectClass: string, uid: Uid, ctx: OperationContext): Promise<void>;
}

/** Check the connection and credentials (ICF TestOp). */
export interface TestOp {
  /** Resolves when the resource is reachable with the configured credentials; throws a ConnectorError otherwise. */
  test(ctx: OperationContext): Promise<void>;
}

/** Verify a user's credentials against the resource (ICF AuthenticateOp). */
export interface AuthenticateOp {
  /**
   * @returns the uid of the authenticated object.
   * @throws InvalidCredentialError / InvalidPasswordError / UnknownUidError / PasswordExpiredError.
   */
  authenticate(objectClass: string, username: string, password: string, ctx: OperationContext): Promise<Uid>;
}

/** A point in a resource's change history (ICF SyncToken): a number (IDM nativeType "long") or a string. */
export type SyncToken = number | string;

/** One change since a token (ICF SyncDelta). */
export interface SyncDelta {
  /** CREATE_OR_UPDATE: the object is new or changed; DELETE: it is gone. */
  readonly type: 'CREATE_OR_UPDATE' | 'DELETE';
  readonly uid: Uid;
  /** The object as it is now (CREATE_OR_UPDATE only). */
  readonly object?: ConnectorObject;
}

/** Report changes since a token (ICF SyncOp), for liveSync. */
export interface SyncOp {
  /** The token that denotes "now": a later `sync` from it reports only changes made after this call. */
  latestSyncToken(objectClass: string, ctx: OperationContext): Promise<SyncToken>;
  /**
   * The changes between `token` and now, and the token that denotes this "now".
   * @throws ConnectorError when the token cannot be used (unknown, expired); the caller keeps its old token.
   */
  sync(objectClass: string, token: SyncToken, ctx: OperationContext): Promise<{ readonly deltas: readonly SyncDelta[]; readonly token: SyncToken }>;
}

/** One attribute of a connector schema (ICF AttributeInfo), used to generate objectTypes. */
export interface AttributeInfo {
  readonly name: string;
  /** JSON type of the value (IDM's `type`). */
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  /** IDM nativeType name, e.g. "string" or "JAVA_TYPE_GUARDEDSTRING". */
  readonly nativeType?: string;
  readonly required?: boolean;
  readonly multivalued?: boolean;
  readonly flags?: readonly string[];
  /** The IDM property name to use when it differs from the native name (e.g. "uid" for __NAME__). */
  readonly idmName?: string;
}

/** The schema a connector reports (ICF Schema): object class → attributes. */
export interface ConnectorSchema {
  readonly objectClasses: Readonly<Record<string, { readonly idmName?: string; readonly attributes: readonly AttributeInfo[] }>>;
}

/** Report the resource schema (ICF SchemaOp), used by `createFullConfig`. */
export interface SchemaOp {
  schema(ctx: OperationContext): Promise<ConnectorSchema>;
}

/** Everything a connector factory receives. */
export interface ConnectorInit {
  /** configurationProperties after `&{…}` substitution and secret decryption. */
  readonly configurationProperties: JsonObject;
  /** The system name (for log lines and metrics). */
  readonly systemName: string;
  /** Where the connector reports its backend traffic; absent in tests and dry runs (`testConfig`). */
  readonly observer?: BackendObserver;
  /**
   * Where rate-limit windows and OAuth tokens live (pass it to HttpClient): this process, or
   * Redis when replicas must share a vendor's limits. Absent means per-connector memory.
   */
  readonly sharedState?: SharedState;
}

/** One finished backend HTTP exchange, as a connector reports it (never with credentials or bodies). */
export interface BackendCallEvent {
  /** The ICF operation the call served (TEST, SEARCH…). */
  readonly operation: OperationName;
  /** The HTTP method. */
  readonly method: string;
  /** The backend path without query string, ids collapsed by the caller when it can (`/2.0/users/{id}`). */
  readonly route: string;
  /** The HTTP status, or 0 when no response came (connection refused, reset, timeout). */
  readonly status: number;
  readonly durationMs: number;
}

/**
 * The gateway's ear on a connector's backend traffic: the HTTP layer of every HTTP connector
 * calls these so logs and `/openidm/metrics/prometheus` show what the backends are doing.
 * Implementations must be cheap and must never throw.
 */
export interface BackendObserver {
  /** A backend call finished (successfully or not). */
  call(event: BackendCallEvent): void;
  /** A backend call is retried after a 429/5xx/reset; `reason` is the status or error code. */
  retry(operation: OperationName, reason: string, delayMs: number): void;
  /** A call waited for a rate-limit slot (operationRateLimits or a connector-level limit). */
  rateLimitWait(operation: OperationName, waitedMs: number): void;
  /** An access token was obtained or refreshed from the token endpoint. */
  tokenRefreshed(outcome: 'success' | 'failure'): void;
}

/**
 * A connector type offered by this gateway (one entry of `availableConnectors`).
 * `validate` must not touch the network (ICF Configuration.validate); `test` does.
 */
export interface ConnectorType {
  readonly connectorRef: {
    readonly bundleName: string;
    readonly bundleVersion: string;
    readonly connectorName: string;
    readonly displayName: string;
  };
  /** The `configurationProperties` of `createCoreConfig`. */
  readonly defaultConfigurationProperties: JsonObject;
  /** Properties holding secrets (ICF GuardedString): encrypted at rest, never returned in clear. */
  readonly confidentialProperties: readonly string[];
  /** Default `resultsHandlerConfig`, `operationTimeout`… overrides for createCoreConfig, if any. */
  readonly coreConfigDefaults?: JsonObject;
  /** Returns problems with the configuration, each naming the property; empty when valid. */
  validate(configurationProperties: JsonObject): string[];
  /** Builds a connector; called once per (re)configuration, never per request. */
  create(init: ConnectorInit): Connector;
}

/** A value produced by a connector for an attribute (re-exported for connector authors). */
export type { JsonValue };
