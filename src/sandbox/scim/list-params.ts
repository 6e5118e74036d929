import { isJsonObject, type JsonObject, type JsonValue } from '../../util/json.js';
import type { AttributeSelection } from './project-attributes.js';
import { ScimError } from './scim-error.js';

/** Page size when the client sends no `count`. */
export const DEFAULT_PAGE_SIZE = 100;
/** Largest page the sandbox returns (`count` above it is lowered, RFC 7644 §3.4.2.4). */
export const MAX_PAGE_SIZE = 1000;

/** The query parameters of a list or `.search` request (RFC 7644 §3.4.2, RFC 9865). */
export interface ListParams extends AttributeSelection {
  readonly filter?: string;
  readonly sortBy?: string;
  readonly sortOrder: 'ascending' | 'descending';
  /** 0-based position of the first result, from `startIndex` (1-based) or the `offset` alias (0-based). */
  readonly offset?: number;
  /** Page size, from `count` or the `limit` alias; 0..MAX_PAGE_SIZE. */
  readonly count: number;
  /** RFC 9865 cursor; "" asks for the first page. */
  readonly cursor?: string;
}

/** Reads the parameters from a query string (parameter names are matched case-insensitively). */
export function listParamsFromQuery(query: unknown): ListParams {
  const values = new Map<string, JsonValue>();
  if (isJsonObject(query)) {
    for (const [key, value] of Object.entries(query)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined && !values.has(key.toLowerCase())) values.set(key.toLowerCase(), first);
    }
  }
  return parse(values);
}

/** Reads only `attributes` / `excludedAttributes` from a query string (single-resource requests). */
export function attributeSelectionFromQuery(query: unknown): AttributeSelection {
  const values = new Map<string, JsonValue>();
  if (isJsonObject(query)) {
    for (const [key, value] of Object.entries(query)) values.set(key.toLowerCase(), Array.isArray(value) ? (value[0] ?? null) : value);
  }
  return { attributes: list(values.get('attributes')), excludedAttributes: list(values.get('excludedattributes')) };
}

/** Reads the parameters from a `POST /.search` body (RFC 7644 §3.4.3). */
export function listParamsFromBody(body: JsonObject): ListParams {
  const values = new Map<string, JsonValue>();
  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() !== 'schemas' && value !== null) values.set(key.toLowerCase(), value);
  }
  return parse(values);
}

function parse(values: Map<string, JsonValue>): ListParams {
  const text = (name: string): string | undefined => {
    const value = values.get(name.toLowerCase());
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw ScimError.badRequest('invalidValue', `'${name}' must be a string`);
  };
  const startIndex = integer(text('startIndex'), 'startIndex');
  const offset = integer(text('offset'), 'offset');
  const count = integer(text('count') ?? text('limit'), 'count');
  const cursor = text('cursor');
  if (cursor !== undefined && (startIndex !== undefined || offset !== undefined)) {
    throw ScimError.badRequest('invalidValue', "'cursor' and 'startIndex' cannot be used together");
  }
  const sortOrder = (text('sortOrder') ?? 'ascending').toLowerCase();
  if (sortOrder !== 'ascending' && sortOrder !== 'descending') {
    throw ScimError.badRequest('invalidValue', "'sortOrder' must be 'ascending' or 'descending'");
  }
  const filter = text('filter');
  const sortBy = text('sortBy');
  const position = startIndex !== undefined ? Math.max(startIndex, 1) - 1 : offset !== undefined ? Math.max(offset, 0) : undefined;
  return {
    ...(filter === undefined || filter.trim() === '' ? {} : { filter }),
    ...(sortBy === undefined || sortBy === '' ? {} : { sortBy }),
    sortOrder,
    ...(position === undefined ? {} : { offset: position }),
    count: count === undefined ? DEFAULT_PAGE_SIZE : Math.min(Math.max(count, 0), MAX_PAGE_SIZE),
    ...(cursor === undefined ? {} : { cursor }),
    attributes: list(values.get('attributes')),
    excludedAttributes: list(values.get('excludedattributes')),
  };
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\s*-?\d+\s*$/.test(value)) throw ScimError.badRequest('invalidValue', `'${name}' must be an integer`);
  return Number(value);
}

function list(value: JsonValue | undefined): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items.flatMap((item) => (typeof item === 'string' && item.trim() !== '' ? [item.trim()] : []));
}
