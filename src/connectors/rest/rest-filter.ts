import type { Filter } from '../../provisioner/filter.js';
import type { NativeQuery } from '../../provisioner/spi.js';
import type { JsonPrimitive } from '../../util/json.js';
import { isPlain, plainName, type JsonPath } from './json-path.js';
import type { FilterConfig, FilterOperator, ObjectTypeConfig } from './rest-config-types.js';
import { backendPath } from './rest-mapping.js';

/** ICF filter types → the seed's operator names. */
const OPERATOR_OF: Readonly<Record<Filter['type'], FilterOperator | undefined>> = {
  eq: 'equals', co: 'contains', sw: 'startswith', ew: 'endswith', le: 'lessoreq', lt: 'lessthan',
  ge: 'greateroreq', gt: 'greaterthan', not: 'not', pr: 'presence', and: 'and', or: 'or', ca: undefined,
};

/**
 * Translates a filter into the backend's filter expression (the value of `filters.queryParamKey`):
 * `<attribute><separator><operator><separator><quote>value<quote>`, `(a) and (b)`, `not (a)`,
 * `<attribute> pr`. Attribute names are the backend's, read from the QUERY responseMapping
 * (`sn` mapped to `name.familyName` filters on `name.familyName`). Null — the facade filters in
 * memory — when an operator is not configured or an attribute has no backend name; `exact` is
 * false when a name comes from an indexed or fanned-out path (`emails[0].value`), whose backend
 * filter may select more.
 */
export function translateRestFilter(type: ObjectTypeConfig, filter: Filter): NativeQuery<string> | null {
  const config = type.filters;
  if (!config || !type.query) return null;
  const names = backendNames(type);
  let exact = true;
  const render = (f: Filter): string | null => {
    const op = OPERATOR_OF[f.type];
    const symbol = op === undefined ? undefined : config.operators[op];
    if (symbol === undefined) return null;
    switch (f.type) {
      case 'and':
      case 'or': {
        const parts: string[] = [];
        for (const sub of f.filters) {
          const text = render(sub);
          if (text === null) return null;
          parts.push(sub.type === 'and' || sub.type === 'or' ? `(${text})` : text);
        }
        return parts.join(`${config.separator}${symbol}${config.separator}`);
      }
      case 'not': {
        const inner = render(f.filter);
        return inner === null ? null : `${symbol}${/\w$/.test(symbol) ? config.separator : ''}(${inner})`;
      }
      case 'ca':
        return null;
      default: {
        const path = names(f.attribute);
        if (!path) return null;
        if (!isPlain(path)) exact = false;
        const name = plainName(path);
        if (f.type === 'pr') return `${name}${config.separator}${symbol}`;
        return `${name}${config.separator}${symbol}${config.separator}${literal(f.value, config)}`;
      }
    }
  };
  const query = render(filter);
  return query === null ? null : { query, exact };
}

/** A value as the backend reads it: strings quoted (quote and backslash escaped), numbers and booleans bare. */
function literal(value: JsonPrimitive, config: FilterConfig): string {
  if (typeof value !== 'string') return String(value);
  const q = config.quotes;
  if (q === '') return value;
  return `${q}${value.replace(/\\/g, '\\\\').split(q).join(`\\${q}`)}${q}`;
}

/** Native attribute → the backend path it is read from (undefined when it has none). */
function backendNames(type: ObjectTypeConfig): (attribute: string) => JsonPath | undefined {
  const query = type.query!;
  return (attribute) => backendPath(query, attribute);
}
