import type { JsonObject, JsonValue } from '../../util/json.js';
import type { SaasSettings } from '../shared/saas-settings.js';
import type { JsonPath } from './json-path.js';

/** Attribute value types of `objectTypes.<type>.schema[].type`. */
export const FIELD_TYPES = ['BINARY', 'BOOLEAN', 'COMPLEX', 'DECIMAL', 'INTEGER', 'REFERENCE', 'STRING', 'DATETIME'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Flags of `objectTypes.<type>.schema[].flags`. */
export const FIELD_FLAGS = ['NOT_UPDATEABLE', 'NOT_CREATABLE', 'NOT_READABLE', 'NOT_RETURNED_BY_DEFAULT', 'MULTIVALUED', 'REQUIRED'] as const;
export type FieldFlag = (typeof FIELD_FLAGS)[number];

/** One attribute of an object type's schema. */
export interface FieldConfig {
  readonly fieldName: string;
  readonly type: FieldType;
  readonly flags: readonly FieldFlag[];
}

/** The HTTP methods an operation may use. */
export const REST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RestMethod = (typeof REST_METHODS)[number];

/**
 * A response mapping, compiled: `copyAll` for `"/*": "/*"`, attribute → path for flat entries,
 * and nested mappings for entries whose value is an object (the key is a path step into the
 * response: a list container such as `users`, or an embedded object such as `name`).
 */
export interface ResponseMapping {
  readonly copyAll: boolean;
  readonly fields: ReadonlyMap<string, JsonPath>;
  readonly nested: ReadonlyMap<string, ResponseMapping>;
}

/** The HTTP call shared by every operation and step. */
export interface CallTemplate {
  readonly path: string;
  readonly method: RestMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly queryParams: Readonly<Record<string, string>>;
  /** JSON body template (`{uid}` and paging variables substituted); undefined = no body. */
  readonly requestBody: JsonValue | undefined;
}

/** An `additionalStep` of GET/QUERY: one more call per object that fills attribute `resourceName`. */
export interface ReadStep extends CallTemplate {
  readonly resourceName: string;
  readonly valuePath: JsonPath;
}

/** An `additionalStep` of CREATE/UPDATE/DELETE: a follow-up call with the object's attributes. */
export interface WriteStep extends CallTemplate {
  readonly requestMapping: RequestMapping | undefined;
}

/** Attribute → where it goes in the request body; `copyAll` sends unmapped attributes under their own names. */
export interface RequestMapping {
  readonly copyAll: boolean;
  readonly fields: ReadonlyMap<string, JsonPath>;
}

/** `unflattenAttributes[]`: turns ["a","b"] of `attributeName` into [{<attributeValue>:"a"}, …]. */
export interface Unflatten {
  readonly attributeName: string;
  readonly attributeValue: string;
}

/** GET or QUERY. */
export interface ReadOperation extends CallTemplate {
  readonly idPath: JsonPath;
  readonly namePath: JsonPath | undefined;
  readonly responseMapping: ResponseMapping;
  readonly additionalSteps: readonly ReadStep[];
}

/** One of the three pagination styles. */
export interface PaginationStyle {
  readonly type: 'param' | 'body';
  /** `limit={_pageSize}&offset={_pagedResultsOffSet}` as name → value template. */
  readonly params: Readonly<Record<string, string>>;
  readonly requestBody: JsonValue | undefined;
  /** A different path for the pages this style drives (e.g. a `/continue` route). */
  readonly path: string | undefined;
}

/** Where the next page's cookie comes from. */
export interface CookieSource {
  readonly type: 'body' | 'header';
  /** Body path, or header name. */
  readonly path: string;
  readonly bodyPath: JsonPath | undefined;
  readonly regularExpression: RegExp | undefined;
}

/** `QUERY.pagination`. */
export interface Pagination {
  readonly offset: PaginationStyle | undefined;
  readonly cookie: PaginationStyle | undefined;
  readonly pageSize: PaginationStyle | undefined;
  readonly pagedResultsCookie: CookieSource | undefined;
}

/** QUERY: a GET with paging. */
export interface QueryOperation extends ReadOperation {
  readonly pagination: Pagination;
}

/** CREATE or UPDATE. */
export interface WriteOperation extends CallTemplate {
  readonly idPath: JsonPath | undefined;
  readonly requestMapping: RequestMapping;
  readonly unflatten: readonly Unflatten[];
  readonly additionalSteps: readonly WriteStep[];
}

/** DELETE. */
export interface DeleteOperation extends CallTemplate {
  readonly additionalSteps: readonly WriteStep[];
}

/** The IDM error kinds of `exceptions`. */
export const EXCEPTION_KINDS = ['BAD_REQUEST', 'NOT_FOUND', 'ALREADY_EXIST', 'FORBIDDEN', 'UNAUTHORIZED'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** One `exceptions.<KIND>[]` rule. */
export interface ExceptionRule {
  readonly kind: ExceptionKind;
  readonly status: number;
  readonly messageErrorPath: JsonPath;
  readonly regularExpression: RegExp | undefined;
}

/** The `_queryFilter` operators a backend may be given names for. */
export const FILTER_OPERATORS = ['equals', 'contains', 'startswith', 'endswith', 'lessoreq', 'lessthan', 'greateroreq', 'greaterthan', 'not', 'presence', 'and', 'or'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** `filters`, with `quotes`/`separator` URL-decoded (the seed writes `%22`, `%20`). */
export interface FilterConfig {
  readonly quotes: string;
  readonly separator: string;
  readonly queryParamKey: string;
  readonly operators: Readonly<Partial<Record<FilterOperator, string>>>;
}

/** Everything configured for one object class. */
export interface ObjectTypeConfig {
  readonly name: string;
  readonly schema: readonly FieldConfig[];
  readonly get: ReadOperation | undefined;
  readonly query: QueryOperation | undefined;
  readonly create: WriteOperation | undefined;
  readonly update: WriteOperation | undefined;
  readonly delete: DeleteOperation | undefined;
  readonly exceptions: readonly ExceptionRule[];
  readonly filters: FilterConfig | undefined;
  readonly attrToGetKey: string | undefined;
}

/** The whole REST connector configuration, typed. */
export interface RestConfiguration {
  readonly settings: SaasSettings;
  readonly objectTypes: ReadonlyMap<string, ObjectTypeConfig>;
  /** Extra form fields of every OAuth token request (`tokenRequestParameters`, a gateway extension; Box needs box_subject_type/id). */
  readonly tokenRequestParameters: Readonly<Record<string, string>>;
}

/** A raw JSON object from configurationProperties. */
export type RawConfig = JsonObject;
