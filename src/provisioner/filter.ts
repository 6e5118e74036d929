import type { JsonPrimitive, JsonValue } from '../util/json.js';
import { SpecialAttribute, type ConnectorObject } from './objects.js';

/** Comparison operators of ICF's filter model (ew/ca are IDM's extended operators). */
export type ComparisonOperator = 'eq' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le' | 'ca';

/**
 * A connector-level filter over NATIVE attribute names (ICF Filter). The literal `true`
 * is represented by "no filter" (null) and `false` never reaches a connector.
 */
export type Filter =
  | { readonly type: 'and'; readonly filters: readonly Filter[] }
  | { readonly type: 'or'; readonly filters: readonly Filter[] }
  | { readonly type: 'not'; readonly filter: Filter }
  | { readonly type: 'pr'; readonly attribute: string }
  | { readonly type: ComparisonOperator; readonly attribute: string; readonly value: JsonPrimitive };

export interface EvaluateOptions {
  /** ICF's enableCaseInsensitiveFilter: string comparisons ignore case. */
  readonly caseInsensitive?: boolean;
}

/** The values of a native attribute of an object, as a list (`__UID__` is the uid). */
export function attributeValues(object: ConnectorObject, attribute: string): JsonValue[] {
  if (attribute === SpecialAttribute.UID) return [object.uid.value];
  if (!Object.hasOwn(object.attributes, attribute)) return [];
  const value = object.attributes[attribute];
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** In-memory evaluation (ICF FilteredResultsHandler): a multi-valued attribute matches when any value does. */
export function evaluateFilter(filter: Filter, object: ConnectorObject, options: EvaluateOptions = {}): boolean {
  switch (filter.type) {
    case 'and':
      return filter.filters.every((f) => evaluateFilter(f, object, options));
    case 'or':
      return filter.filters.some((f) => evaluateFilter(f, object, options));
    case 'not':
      return !evaluateFilter(filter.filter, object, options);
    case 'pr':
      return attributeValues(object, filter.attribute).some((v) => v !== '' && !(Array.isArray(v) && v.length === 0));
    case 'ca': {
      const wanted = Array.isArray(filter.value) ? filter.value : [filter.value];
      const have = attributeValues(object, filter.attribute);
      return wanted.every((w) => have.some((h) => compare(h, w, options) === 0));
    }
    default: {
      const op = filter.type;
      return attributeValues(object, filter.attribute).some((v) => matches(op, v, filter.value, options));
    }
  }
}

function matches(op: ComparisonOperator, actual: JsonValue, expected: JsonPrimitive, options: EvaluateOptions): boolean {
  if (op === 'co' || op === 'sw' || op === 'ew') {
    if (typeof actual !== 'string' && typeof actual !== 'number') return false;
    let a = String(actual);
    let e = String(expected);
    if (options.caseInsensitive) {
      a = a.toLowerCase();
      e = e.toLowerCase();
    }
    return op === 'co' ? a.includes(e) : op === 'sw' ? a.startsWith(e) : a.endsWith(e);
  }
  const c = compare(actual, expected, options);
  if (c === undefined) return false;
  switch (op) {
    case 'eq':
      return c === 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
    default:
      return false;
  }
}

/** Orders two values the way a user expects: numbers numerically (also numeric strings), strings lexically. */
export function compare(actual: JsonValue, expected: JsonValue, options: EvaluateOptions = {}): number | undefined {
  if (typeof actual === 'number' || typeof expected === 'number') {
    const a = Number(actual);
    const e = Number(expected);
    if (typeof actual === 'boolean' || typeof expected === 'boolean') return undefined;
    if (Number.isNaN(a) || Number.isNaN(e) || actual === '' || expected === '') return undefined;
    return a === e ? 0 : a < e ? -1 : 1;
  }
  if (typeof actual === 'boolean' || typeof expected === 'boolean') {
    const a = asBoolean(actual);
    const e = asBoolean(expected);
    if (a === undefined || e === undefined) return undefined;
    return a === e ? 0 : a ? 1 : -1;
  }
  if (typeof actual === 'string' && typeof expected === 'string') {
    const a = options.caseInsensitive ? actual.toLowerCase() : actual;
    const e = options.caseInsensitive ? expected.toLowerCase() : expected;
    return a === e ? 0 : a < e ? -1 : 1;
  }
  return undefined;
}

function asBoolean(value: JsonValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}
