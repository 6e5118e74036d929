import { compare, type ComparisonOperator, type Filter } from '../../provisioner/filter.js';
import type { NativeQuery } from '../../provisioner/spi.js';
import type { JsonPrimitive } from '../../util/json.js';
import type { CsvRow, CsvTable } from './csv-table.js';

/** The CSV connector's native query: the filter itself, evaluated over rows (with the uid index where it helps). */
export interface CsvQuery {
  readonly filter: Filter;
}

const OPERATORS: ReadonlySet<string> = new Set<ComparisonOperator>(['eq', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'ca']);

/**
 * Translates a filter for the CSV connector. Every filter `evaluateFilter` understands is
 * translated exactly (same semantics, case-sensitive, evaluated on the rows); only a node of an
 * unknown type makes it return null.
 */
export function translateCsvFilter(filter: Filter): NativeQuery<CsvQuery> | null {
  return isSupported(filter) ? { query: { filter }, exact: true } : null;
}

function isSupported(filter: Filter): boolean {
  switch (filter.type) {
    case 'and':
    case 'or':
      return filter.filters.every(isSupported);
    case 'not':
      return isSupported(filter.filter);
    case 'pr':
      return typeof filter.attribute === 'string';
    default:
      return OPERATORS.has(filter.type) && typeof filter.attribute === 'string';
  }
}

/**
 * The rows matching a query, in file order. Equality on the uid (`__UID__`, `__NAME__` or the
 * uid column) with a string value is answered from the index in O(1), also inside `and`/`or`.
 */
export function selectCsvRows(table: CsvTable, query: CsvQuery | null): readonly CsvRow[] {
  if (!query) return table.rows;
  const predicate = compileCsvFilter(query.filter, table);
  const candidates = indexCandidates(query.filter, table);
  if (!candidates) return table.rows.filter(predicate);
  const rows: CsvRow[] = [];
  for (const uid of new Set(candidates)) {
    const row = table.get(uid);
    if (row && predicate(row)) rows.push(row);
  }
  return rows.length > 1 ? rows.sort((a, b) => a.seq - b.seq) : rows;
}

/** Uids that are the only possible matches of `filter`, or null when any row may match. */
function indexCandidates(filter: Filter, table: CsvTable): string[] | null {
  switch (filter.type) {
    case 'eq':
      return typeof filter.value === 'string' && table.columnOf(filter.attribute) === table.uidIndex ? [filter.value] : null;
    case 'and': {
      let best: string[] | null = null;
      for (const f of filter.filters) {
        const c = indexCandidates(f, table);
        if (c && (!best || c.length < best.length)) best = c;
      }
      return best;
    }
    case 'or': {
      const all: string[] = [];
      for (const f of filter.filters) {
        const c = indexCandidates(f, table);
        if (!c) return null;
        all.push(...c);
      }
      return all;
    }
    default:
      return null;
  }
}

/**
 * Compiles a filter into a row predicate with exactly `evaluateFilter`'s semantics over the
 * object the row represents: an empty cell is an absent attribute, an unknown attribute has no
 * values, and the password column is never matched (it is not readable).
 */
export function compileCsvFilter(filter: Filter, table: CsvTable): (row: CsvRow) => boolean {
  switch (filter.type) {
    case 'and': {
      const parts = filter.filters.map((f) => compileCsvFilter(f, table));
      return (row) => parts.every((p) => p(row));
    }
    case 'or': {
      const parts = filter.filters.map((f) => compileCsvFilter(f, table));
      return (row) => parts.some((p) => p(row));
    }
    case 'not': {
      const inner = compileCsvFilter(filter.filter, table);
      return (row) => !inner(row);
    }
    case 'pr': {
      const i = readableColumn(filter.attribute, table);
      return i < 0 ? () => false : (row) => row.values[i] !== '';
    }
    case 'ca': {
      const i = readableColumn(filter.attribute, table);
      const value: JsonPrimitive | JsonPrimitive[] = filter.value;
      const wanted: JsonPrimitive[] = Array.isArray(value) ? value : [value];
      if (wanted.length === 0) return () => true;
      if (i < 0) return () => false;
      return (row) => {
        const v = row.values[i]!;
        return v !== '' && wanted.every((w) => compare(v, w) === 0);
      };
    }
    default: {
      const i = readableColumn(filter.attribute, table);
      if (i < 0) return () => false;
      const test = comparison(filter.type, filter.value);
      return (row) => {
        const v = row.values[i]!;
        return v !== '' && test(v);
      };
    }
  }
}

function readableColumn(attribute: string, table: CsvTable): number {
  const i = table.columnOf(attribute);
  return i === table.passwordIndex ? -1 : i;
}

function comparison(op: ComparisonOperator, expected: JsonPrimitive): (actual: string) => boolean {
  switch (op) {
    case 'co': {
      const e = String(expected);
      return (a) => a.includes(e);
    }
    case 'sw': {
      const e = String(expected);
      return (a) => a.startsWith(e);
    }
    case 'ew': {
      const e = String(expected);
      return (a) => a.endsWith(e);
    }
    case 'eq':
      return (a) => compare(a, expected) === 0;
    case 'gt':
      return (a) => {
        const c = compare(a, expected);
        return c !== undefined && c > 0;
      };
    case 'ge':
      return (a) => {
        const c = compare(a, expected);
        return c !== undefined && c >= 0;
      };
    case 'lt':
      return (a) => {
        const c = compare(a, expected);
        return c !== undefined && c < 0;
      };
    case 'le':
      return (a) => {
        const c = compare(a, expected);
        return c !== undefined && c <= 0;
      };
    default:
      return () => false;
  }
}
