import type { JsonValue } from '../util/json.js';
import { isJsonObject } from '../util/json.js';
import { InvalidPointerError, JsonPointer } from './json-pointer.js';
import { ResourceError } from './resource-error.js';

/** CREST request types (HttpUtils#determineRequestType). */
export type CrestRequestType = 'read' | 'query' | 'create' | 'update' | 'patch' | 'delete' | 'action';

export interface SortKeySpec {
  readonly field: JsonPointer;
  readonly ascending: boolean;
}

export interface ProtocolVersion {
  readonly major: number;
  readonly minor: number;
}

/** A CREST request, independent of any resource behind it. */
export interface CrestRequest {
  readonly type: CrestRequestType;
  readonly action?: string;
  readonly queryFilter?: string;
  readonly queryId?: string;
  readonly queryExpression?: string;
  readonly pageSize?: number;
  readonly pagedResultsCookie?: string;
  readonly pagedResultsOffset?: number;
  readonly totalPagedResultsPolicy?: 'NONE' | 'ESTIMATE' | 'EXACT';
  readonly sortKeys?: readonly SortKeySpec[];
  /** `_fields` pointers; undefined when absent. */
  readonly fields?: readonly JsonPointer[];
  readonly prettyPrint: boolean;
  /** If-Match without quotes; `*` means "any revision" and is reported as undefined with `ifMatch: true`. */
  readonly revision?: string;
  readonly ifMatch: boolean;
  /** PUT with If-None-Match: * (create only) or a PUT without conditional headers (create, else update). */
  readonly createMode?: 'create-only' | 'upsert';
  /** READ with If-None-Match: <rev> (answers 304 when equal). */
  readonly ifNoneMatch?: string;
  /** Parsed JSON body; null when absent (actions, delete). */
  readonly content: JsonValue;
  /** Query parameters not starting with `_` (passed to connectors as options, to actions as arguments). */
  readonly additionalParameters: Readonly<Record<string, string>>;
  readonly protocolVersion: ProtocolVersion;
}

/** The raw HTTP pieces the parser needs (kept free of Express types). */
export interface RawHttpRequest {
  readonly method: string;
  /** The raw query string without '?'. */
  readonly queryString: string;
  header(name: string): string | undefined;
  /** Raw body bytes, undefined when none was sent. */
  readonly body: Buffer | undefined;
}

const QUERY_PARAMS = ['_queryfilter', '_queryid', '_queryexpression', '_pagesize', '_pagedresultscookie',
  '_pagedresultsoffset', '_totalpagedresultspolicy', '_sortkeys'];
const COMMON_PARAMS = ['_fields', '_prettyprint'];
const MULTI_VALUED = new Set(['_fields', '_sortkeys']);
/** Reserved CREST parameters; `_api`/`_crestapi` are accepted and answered by the API routes. */
const CANONICAL: Readonly<Record<string, string>> = {
  _queryfilter: '_queryFilter', _queryid: '_queryId', _queryexpression: '_queryExpression', _pagesize: '_pageSize',
  _pagedresultscookie: '_pagedResultsCookie', _pagedresultsoffset: '_pagedResultsOffset',
  _totalpagedresultspolicy: '_totalPagedResultsPolicy', _sortkeys: '_sortKeys', _fields: '_fields',
  _prettyprint: '_prettyPrint', _action: '_action', _mimetype: '_mimeType',
};

const MAX_JSON_DEPTH = 100;

/** Parses and validates a CREST request as IDM's HTTP adapter does; throws ResourceError on bad input. */
export function parseCrestRequest(raw: RawHttpRequest): CrestRequest {
  const method = raw.method.toUpperCase();
  const params = collectParameters(raw.queryString);
  const single = (name: string): string | undefined => {
    const values = params.get(name);
    if (!values) return undefined;
    if (values.length > 1 && !MULTI_VALUED.has(name)) {
      throw ResourceError.badRequest(`Multiple values provided for the single-valued request parameter '${CANONICAL[name] ?? name}'`);
    }
    return values[0];
  };

  const protocolVersion = parseAcceptApiVersion(raw.header('accept-api-version'));
  for (const header of ['If-Modified-Since', 'If-Unmodified-Since']) {
    if (raw.header(header) !== undefined) throw ResourceError.conflict(`Header ${header} not supported`);
  }
  const ifMatchRaw = raw.header('if-match');
  const ifNoneMatchRaw = raw.header('if-none-match');
  const ifMatch = ifMatchRaw === undefined ? undefined : stripQuotes(ifMatchRaw);
  const ifNoneMatch = ifNoneMatchRaw === undefined ? undefined : stripQuotes(ifNoneMatchRaw);
  const action = single('_action');

  let type: CrestRequestType;
  let createMode: CrestRequest['createMode'];
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (ifMatch !== undefined) throw ResourceError.preconditionFailed('If-Match not supported for GET requests');
      type = params.has('_queryfilter') || params.has('_queryid') || params.has('_queryexpression') ? 'query' : 'read';
      if (type === 'query' && ifNoneMatch !== undefined) {
        throw ResourceError.preconditionFailed('If-None-Match not supported for GET requests');
      }
      if (type === 'read' && ifNoneMatch === '*') {
        throw ResourceError.preconditionFailed('If-None-Match * not appropriate for GET requests');
      }
      break;
    case 'DELETE':
      if (ifNoneMatch !== undefined) throw ResourceError.preconditionFailed('If-None-Match not supported for DELETE requests');
      type = 'delete';
      break;
    case 'PATCH':
      if (ifNoneMatch !== undefined) throw ResourceError.preconditionFailed('Use of If-None-Match not supported for PATCH requests');
      type = 'patch';
      break;
    case 'POST':
      if (ifNoneMatch !== undefined) throw ResourceError.preconditionFailed('If-None-Match not supported for POST requests');
      if (ifMatch !== undefined) throw ResourceError.preconditionFailed('If-Match not supported for POST requests');
      if (action === undefined) {
        if (protocolVersion.major < 2 || (protocolVersion.major === 2 && protocolVersion.minor < 1)) {
          throw ResourceError.badRequest("No values provided for the request parameter '_action'");
        }
        type = 'create';
      } else {
        type = action.toLowerCase() === 'create' ? 'create' : 'action';
      }
      break;
    case 'PUT':
      if (ifMatch !== undefined && ifNoneMatch !== undefined) {
        throw ResourceError.preconditionFailed('Simultaneous use of If-Match and If-None-Match not supported for PUT requests');
      }
      if (ifNoneMatch !== undefined) {
        if (ifNoneMatch !== '*') throw ResourceError.badRequest(`"${ifNoneMatch}" is not a supported value for If-None-Match on PUT`);
        type = 'create';
        createMode = 'create-only';
      } else if (ifMatch !== undefined || protocolVersion.major < 2) {
        type = 'update';
      } else {
        type = 'create';
        createMode = 'upsert';
      }
      break;
    default:
      throw ResourceError.notSupported(`Method ${method} not supported`);
  }

  // Unknown underscore parameters are refused except on actions (Requests#isReservedParameter).
  const allowed = new Set<string>(COMMON_PARAMS);
  if (type === 'query') QUERY_PARAMS.forEach((p) => allowed.add(p));
  if (method === 'POST') allowed.add('_action');
  if (type === 'read') allowed.add('_mimetype');
  const additionalParameters: Record<string, string> = {};
  for (const [name, values] of params) {
    if (!name.startsWith('_')) {
      additionalParameters[name] = values[0] ?? '';
      continue;
    }
    if (allowed.has(name) || name === '_api' || name === '_crestapi') continue;
    if (type === 'action' && name !== '_mimetype') continue;
    throw ResourceError.badRequest(`Unrecognized request parameter '${params.originalName(name)}'`);
  }
  if (params.has('_mimetype')) {
    throw ResourceError.badRequest(`The mime type parameter '${single('_mimetype')}' is not supported by this gateway`);
  }

  const queryFilter = single('_queryfilter');
  const queryId = single('_queryid');
  const queryExpression = single('_queryexpression');
  if (queryId !== undefined && queryFilter !== undefined) throw ResourceError.badRequest('The parameters _queryId and _queryFilter are mutually exclusive');
  if (queryId !== undefined && queryExpression !== undefined) throw ResourceError.badRequest('The parameters _queryId and _queryExpression are mutually exclusive');
  if (queryFilter !== undefined && queryExpression !== undefined) throw ResourceError.badRequest('The parameters _queryFilter and _queryExpression are mutually exclusive');
  const pageSize = parseInteger(single('_pagesize'), '_pageSize');
  const pagedResultsOffset = parseInteger(single('_pagedresultsoffset'), '_pagedResultsOffset');
  const pagedResultsCookie = single('_pagedresultscookie');
  if (pagedResultsCookie !== undefined && pagedResultsCookie !== '' && pagedResultsOffset !== undefined && pagedResultsOffset > 0) {
    throw ResourceError.badRequest('The parameters _pagedResultsOffset and _pagedResultsCookie are mutually exclusive');
  }
  const policyRaw = single('_totalpagedresultspolicy');
  let totalPagedResultsPolicy: CrestRequest['totalPagedResultsPolicy'];
  if (policyRaw !== undefined) {
    const upper = policyRaw.toUpperCase();
    if (upper !== 'NONE' && upper !== 'ESTIMATE' && upper !== 'EXACT') {
      throw ResourceError.badRequest(`The value '${policyRaw}' for parameter '_totalPagedResultsPolicy' could not be parsed as a valid count policy`);
    }
    totalPagedResultsPolicy = upper;
  }

  const content = parseBody(raw, type, method);
  const request: CrestRequest = {
    type,
    prettyPrint: single('_prettyprint') === 'true',
    ifMatch: ifMatch !== undefined,
    content,
    additionalParameters,
    protocolVersion,
    ...(action !== undefined && type === 'action' ? { action } : {}),
    ...(queryFilter !== undefined ? { queryFilter } : {}),
    ...(queryId !== undefined ? { queryId } : {}),
    ...(queryExpression !== undefined ? { queryExpression } : {}),
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(pagedResultsCookie !== undefined && pagedResultsCookie !== '' ? { pagedResultsCookie } : {}),
    ...(pagedResultsOffset !== undefined ? { pagedResultsOffset } : {}),
    ...(totalPagedResultsPolicy !== undefined ? { totalPagedResultsPolicy } : {}),
    ...(params.has('_sortkeys') ? { sortKeys: parseSortKeys(params.get('_sortkeys')!) } : {}),
    ...(params.has('_fields') ? { fields: parseFields(params.get('_fields')!) } : {}),
    ...(ifMatch !== undefined && ifMatch !== '*' ? { revision: ifMatch } : {}),
    ...(createMode !== undefined ? { createMode } : {}),
    ...(type === 'read' && ifNoneMatch !== undefined ? { ifNoneMatch } : {}),
  };
  return request;
}

/** Query parameters keyed by lower-cased name (CREST matches names case-insensitively), all values kept. */
class ParameterMap extends Map<string, string[]> {
  private readonly originals = new Map<string, string>();
  record(name: string, value: string): void {
    const key = name.startsWith('_') ? name.toLowerCase() : name;
    if (!this.originals.has(key)) this.originals.set(key, name);
    const values = this.get(key);
    if (values) values.push(value);
    else this.set(key, [value]);
  }
  originalName(key: string): string {
    return this.originals.get(key) ?? key;
  }
}

function collectParameters(queryString: string): ParameterMap {
  const map = new ParameterMap();
  if (!queryString) return map;
  for (const part of queryString.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1));
    map.record(name, value);
  }
  return map;
}

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    throw ResourceError.badRequest(`The query string contains an invalid percent-encoding: '${text}'`);
  }
}

function stripQuotes(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function parseInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n > 2147483647 || n < -2147483648) {
    throw ResourceError.badRequest(`The value '${value}' for parameter '${name}' could not be parsed as a valid integer`);
  }
  return n;
}

function parseSortKeys(values: readonly string[]): SortKeySpec[] {
  const keys: SortKeySpec[] = [];
  for (const value of values) {
    for (const key of value.split(',')) {
      // An unencoded '+' arrives as a space (form decoding); it still means ascending.
      const ascending = !key.startsWith('-');
      const field = /^[-+ ]/.test(key) ? key.slice(1) : key;
      if (field === '') {
        throw ResourceError.badRequest(`The value '${value}' for parameter '_sortKeys' could not be parsed as a comma separated list of sort keys`);
      }
      keys.push({ field: pointerOrBadRequest(field, value, '_sortKeys', 'sort keys'), ascending });
    }
  }
  return keys;
}

function parseFields(values: readonly string[]): JsonPointer[] {
  return values.flatMap((value) =>
    value.split(',').map((field) => pointerOrBadRequest(field, value, '_fields', 'JSON pointers')));
}

function pointerOrBadRequest(text: string, whole: string, name: string, what: string): JsonPointer {
  try {
    return JsonPointer.parse(text);
  } catch (error) {
    if (error instanceof InvalidPointerError) {
      throw ResourceError.badRequest(`The value '${whole}' for parameter '${name}' could not be parsed as a comma separated list of ${what}`);
    }
    throw error;
  }
}

/** Accept-API-Version: `protocol=M[.m]`, `resource=M[.m]` or both (HttpUtils#getAcceptApiVersionHeader). */
export function parseAcceptApiVersion(header: string | undefined): ProtocolVersion {
  const fallback = { major: 2, minor: 1 };
  if (header === undefined) return fallback;
  const parts = header.split(/\s*,\s*/);
  const pattern = /^(protocol|resource)=(\d+)(?:\.(\d+))?$/;
  const matches = parts.map((p) => pattern.exec(p));
  if (parts.length > 2 || matches.some((m) => m === null) || (parts.length === 2 && matches[0]![1] === matches[1]![1])) {
    throw ResourceError.badRequest(`Version string is in an invalid format: ${header}`);
  }
  const protocol = matches.find((m) => m![1] === 'protocol');
  if (!protocol) return fallback;
  const major = Number(protocol[2]);
  const minor = Number(protocol[3] ?? 0);
  const text = `${major}.${minor}`;
  if (major > 2) throw ResourceError.badRequest(`Unsupported major version: ${text}`);
  if (minor > 1) throw ResourceError.badRequest(`Unsupported minor version: ${text}`);
  return { major, minor };
}

function parseBody(raw: RawHttpRequest, type: CrestRequestType, method: string): JsonValue {
  if (method === 'GET' || method === 'HEAD') return null;
  const contentType = raw.header('content-type');
  const mediaType = contentType?.split(';')[0]!.trim().toLowerCase();
  const hasBody = raw.body !== undefined && raw.body.length > 0;
  if (mediaType !== undefined && mediaType !== '' && mediaType !== 'application/json' && mediaType !== 'multipart/form-data') {
    // DELETE and actions with no body ignore a stray content type, as IDM reads no body for them.
    if (hasBody || (type !== 'delete' && type !== 'action')) {
      throw ResourceError.badRequest(`The request could not be processed because it specified the content-type '${mediaType}' when only the content-type 'application/json' and 'multipart/form-data' are supported`);
    }
  }
  if (mediaType === 'multipart/form-data') {
    throw ResourceError.unsupportedMediaType("The request could not be processed because multipart/form-data bodies are not supported by this gateway; send 'application/json'");
  }
  const needsBody = type === 'create' || type === 'update' || type === 'patch';
  if (needsBody && (mediaType === undefined || mediaType === '')) {
    throw ResourceError.badRequest('The request could not be processed because the  content-type was not specified and is required');
  }
  if (!hasBody) {
    if (needsBody) throw ResourceError.badRequest('The request could not be processed because it did not contain any JSON content');
    return null;
  }
  const text = raw.body!.toString('utf8');
  if (text.trim() === '') {
    if (needsBody) throw ResourceError.badRequest('The request could not be processed because it did not contain any JSON content');
    return null;
  }
  checkDepth(text);
  let content: JsonValue;
  try {
    content = JSON.parse(text) as JsonValue;
  } catch (error) {
    const message = (error as Error).message;
    if (/after JSON/i.test(message)) {
      throw ResourceError.badRequest('The request could not be processed because there is trailing data after the JSON content');
    }
    throw ResourceError.badRequest('The request could not be processed because the provided content is not valid JSON', message);
  }
  if ((type === 'create' || type === 'update') && !isJsonObject(content)) {
    throw ResourceError.badRequest('The request could not be processed because the provided content is not a JSON object');
  }
  return content;
}

/** Refuses absurdly nested JSON before parsing it (recursive code downstream must not blow the stack). */
function checkDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      if (++depth > MAX_JSON_DEPTH) {
        throw ResourceError.badRequest(`The request could not be processed because the provided content is nested more than ${MAX_JSON_DEPTH} levels deep`);
      }
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
}
