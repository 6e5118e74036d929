import { InvalidArgumentError } from '../../provisioner/connector-errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../util/json.js';
import type { HttpResult } from '../shared/http-client.js';
import { readPath } from './json-path.js';
import type { PaginationStyle, QueryOperation } from './rest-config-types.js';
import type { RestRequest } from './rest-client.js';
import { substituteJson, substituteMap, type Variables } from './template.js';

/** Where a page starts: the backend's cookie, or an offset (this connector's own cookie is the offset as text). */
export interface PagePosition {
  readonly pageSize: number | undefined;
  readonly cookie: string | undefined;
  readonly offset: number;
}

/** Which paging style drives QUERY: cookie wins over offset; none means one page. */
export function pagingStyle(query: QueryOperation): 'cookie' | 'offset' | 'none' {
  if (query.pagination.cookie) return 'cookie';
  if (query.pagination.offset) return 'offset';
  return 'none';
}

/** The position a facade cookie names: the backend's cookie as is, or for offset paging the offset it encodes. */
export function positionOf(query: QueryOperation, pageSize: number | undefined, cookie: string | undefined, offset: number | undefined): PagePosition {
  if (pagingStyle(query) === 'offset' && cookie !== undefined) {
    if (!/^\d+$/.test(cookie)) throw new InvalidArgumentError(`The paged results cookie "${cookie}" was not issued by this connector`);
    return { pageSize, cookie: undefined, offset: Number(cookie) };
  }
  return { pageSize, cookie, offset: offset ?? 0 };
}

/**
 * The request of one QUERY page. The first page is the operation (path, queryParams, requestBody)
 * plus the page-size, offset or cookie parameters (param or body, merged into the operation's);
 * a cookie page of a style with its own `path` (a `/continue` endpoint) sends only that style's
 * parameters. `extraQuery` (filter, attributes to get) goes to operation-path pages only.
 */
export function pageRequest(query: QueryOperation, position: PagePosition, extraQuery: Readonly<Record<string, string>>, what: string): RestRequest {
  const vars: Variables = { _pageSize: position.pageSize, _pagedResultsOffSet: position.offset, _pagedResultsCookie: position.cookie };
  const { cookie, offset, pageSize } = query.pagination;
  const style = pagingStyle(query);
  if (style === 'cookie' && position.cookie !== undefined && cookie!.path !== undefined) {
    const own = apply(cookie!, {}, undefined, vars);
    return { method: query.method, route: cookie!.path, vars, headers: query.headers, query: own.query, body: own.body, idempotent: true, what };
  }
  let params: Record<string, string> = { ...substituteMap(query.queryParams, vars), ...extraQuery };
  let body: JsonValue | undefined = query.requestBody === undefined ? undefined : substituteJson(query.requestBody, vars, { dropUnset: true });
  const styles: PaginationStyle[] = [];
  if (pageSize) styles.push(pageSize);
  if (style === 'offset') styles.push(offset!);
  // A cookie style with its own path is only for the following pages.
  if (style === 'cookie' && cookie!.path === undefined) styles.push(cookie!);
  for (const s of styles) ({ query: params, body } = apply(s, params, body, vars));
  return { method: query.method, route: query.path, vars, headers: query.headers, query: params, body, idempotent: true, what };
}

function apply(style: PaginationStyle, params: Record<string, string>, body: JsonValue | undefined, vars: Variables): { query: Record<string, string>; body: JsonValue | undefined } {
  if (style.type === 'param') return { query: { ...params, ...substituteMap(style.params, vars, { dropUnset: true }) }, body };
  const extra = style.requestBody === undefined ? undefined : substituteJson(style.requestBody, vars, { dropUnset: true });
  return { query: params, body: merge(body, extra) };
}

function merge(base: JsonValue | undefined, extra: JsonValue | undefined): JsonValue | undefined {
  if (extra === undefined) return base;
  if (!isJsonObject(base) || !isJsonObject(extra)) return base === undefined ? extra : isJsonObject(extra) ? base : extra;
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(extra)) out[key] = isJsonObject(out[key]) && isJsonObject(value) ? (merge(out[key], value) as JsonObject) : value;
  return out;
}

/**
 * The cookie of the next page, or null on the last one. Cookie paging reads `pagedResultsCookie`
 * (a body path, or a header with an optional `regularExpression`, its first group when it has
 * one); an empty page or the same cookie again ends the paging (APIs that always return a
 * cursor). Offset paging continues while pages are full (or non-empty when no size was asked).
 */
export function nextCookie(query: QueryOperation, position: PagePosition, result: HttpResult, count: number): string | null {
  const style = pagingStyle(query);
  if (style === 'offset') {
    if (count === 0 || (position.pageSize !== undefined && count < position.pageSize)) return null;
    return String(position.offset + count);
  }
  const source = query.pagination.pagedResultsCookie;
  if (style !== 'cookie' || !source || count === 0) return null;
  let raw: string | undefined;
  if (source.type === 'header') raw = result.headers[source.path.toLowerCase()];
  else {
    const value = source.bodyPath ? readPath(result.body as JsonValue, source.bodyPath) : undefined;
    raw = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  }
  if (raw !== undefined && source.regularExpression) {
    const match = source.regularExpression.exec(raw);
    raw = match ? (match[1] ?? match[0]) : undefined;
  }
  if (raw === undefined || raw === '' || raw === position.cookie) return null;
  return raw;
}
