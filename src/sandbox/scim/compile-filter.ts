import { isJsonObject, type JsonObject, type JsonPrimitive, type JsonValue } from '../../util/json.js';
import type { AttributeDef } from './attribute-def.js';
import { resolveAttrPath, type AttrPath, type ResolvedPath } from './attribute-path.js';
import { comparedDef, isPresent, valuesAt } from './attribute-values.js';
import { FilterError, type CompareOp, type FilterNode } from './filter-ast.js';

/** A compiled filter: does this (rendered) resource or multi-valued element match? */
export type Predicate = (resource: JsonObject) => boolean;

type Test = (value: JsonValue) => boolean;

/**
 * Binds a parsed filter to a resource's attribute definitions and compiles it. Throws FilterError
 * for unknown attributes, `writeOnly` attributes, comparisons on complex values, ordering or
 * substring operators on booleans, and values of the wrong type. Strings compare
 * case-insensitively unless the attribute is `caseExact`; dateTimes compare chronologically.
 * A quoted value is accepted for a boolean, number or dateTime attribute (`active eq "true"`).
 */
export function compileFilter(node: FilterNode, defs: readonly AttributeDef[], schemas: readonly string[]): Predicate {
  switch (node.kind) {
    case 'and': {
      const left = compileFilter(node.left, defs, schemas);
      const right = compileFilter(node.right, defs, schemas);
      return (r) => left(r) && right(r);
    }
    case 'or': {
      const left = compileFilter(node.left, defs, schemas);
      const right = compileFilter(node.right, defs, schemas);
      return (r) => left(r) || right(r);
    }
    case 'not': {
      const inner = compileFilter(node.filter, defs, schemas);
      return (r) => !inner(r);
    }
    case 'present': {
      const path = resolve(node.path, defs, schemas);
      return path.sub ? (r) => valuesAt(r, path).some(isPresent) : (r) => isPresent(r[path.def.name]);
    }
    case 'compare':
      return compileComparison(resolve(node.path, defs, schemas), node.op, node.value);
    case 'valuePath': {
      const path = resolve(node.path, defs, schemas);
      if (path.def.type !== 'complex') throw new FilterError(`'${path.def.name}' is not complex: it has no value filter`);
      const subs = path.def.subAttributes ?? [];
      const inner = compileFilter(node.filter, subs, []);
      const then = node.then ? compileFilter(node.then, subs, []) : () => true;
      return (r) => {
        const raw = r[path.def.name];
        const elements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
        return elements.some((e) => isJsonObject(e) && inner(e) && then(e));
      };
    }
  }
}

function resolve(path: AttrPath, defs: readonly AttributeDef[], schemas: readonly string[]): ResolvedPath {
  const resolved = resolveAttrPath(path, defs, schemas);
  const text = `${path.schema ? `${path.schema}:` : ''}${path.attribute}${path.subAttribute ? `.${path.subAttribute}` : ''}`;
  if (!resolved) throw new FilterError(`Unknown attribute '${text}'`);
  if ((resolved.sub ?? resolved.def).returned === 'never') throw new FilterError(`Attribute '${text}' cannot be filtered on`);
  return resolved;
}

function compileComparison(path: ResolvedPath, op: CompareOp, literal: JsonPrimitive): Predicate {
  const def = comparedDef(path);
  if (literal === null) {
    if (op === 'eq') return (r) => !valuesAt(r, path).some(isPresent);
    if (op === 'ne') return (r) => valuesAt(r, path).some(isPresent);
    throw new FilterError(`'${op}' cannot compare with null`);
  }
  if (op === 'ne') {
    const equals = valueTest(def, 'eq', literal);
    return (r) => !valuesAt(r, path).some(equals);
  }
  const test = valueTest(def, op, literal);
  return (r) => valuesAt(r, path).some(test);
}

function valueTest(def: AttributeDef, op: CompareOp, literal: Exclude<JsonPrimitive, null>): Test {
  switch (def.type) {
    case 'complex':
      throw new FilterError(`'${def.name}' is complex: compare one of its sub-attributes`);
    case 'boolean': {
      if (op !== 'eq') throw new FilterError(`'${op}' is not supported for the boolean attribute '${def.name}'`);
      const wanted = toBoolean(literal, def);
      return (v) => v === wanted;
    }
    case 'integer':
    case 'decimal': {
      const wanted = toNumber(literal, def);
      const order = ordering(op, def);
      return (v) => typeof v === 'number' && order(v - wanted);
    }
    case 'dateTime': {
      if (op === 'co' || op === 'sw' || op === 'ew') return stringTest(op, String(literal), true);
      const wanted = typeof literal === 'string' ? Date.parse(literal) : Number.NaN;
      if (Number.isNaN(wanted)) throw new FilterError(`'${String(literal)}' is not a dateTime for '${def.name}'`);
      const order = ordering(op, def);
      return (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && order(Date.parse(v) - wanted);
    }
    case 'string':
    case 'reference':
      return stringTest(op, String(literal), def.caseExact);
  }
}

function stringTest(op: CompareOp, literal: string, caseExact: boolean): Test {
  const norm = caseExact ? (s: string) => s : (s: string) => s.toLowerCase();
  const wanted = norm(literal);
  const on = (check: (s: string) => boolean): Test => (v) => typeof v === 'string' && check(norm(v));
  switch (op) {
    case 'eq':
    case 'ne':
      return on((s) => s === wanted);
    case 'co':
      return on((s) => s.includes(wanted));
    case 'sw':
      return on((s) => s.startsWith(wanted));
    case 'ew':
      return on((s) => s.endsWith(wanted));
    case 'gt':
      return on((s) => s > wanted);
    case 'ge':
      return on((s) => s >= wanted);
    case 'lt':
      return on((s) => s < wanted);
    case 'le':
      return on((s) => s <= wanted);
  }
}

function ordering(op: CompareOp, def: AttributeDef): (difference: number) => boolean {
  switch (op) {
    case 'eq':
    case 'ne':
      return (d) => d === 0;
    case 'gt':
      return (d) => d > 0;
    case 'ge':
      return (d) => d >= 0;
    case 'lt':
      return (d) => d < 0;
    case 'le':
      return (d) => d <= 0;
    default:
      throw new FilterError(`'${op}' is not supported for the ${def.type} attribute '${def.name}'`);
  }
}

function toBoolean(literal: string | number | boolean, def: AttributeDef): boolean {
  if (typeof literal === 'boolean') return literal;
  if (typeof literal === 'string' && /^(true|false)$/i.test(literal)) return literal.toLowerCase() === 'true';
  throw new FilterError(`'${String(literal)}' is not a boolean for '${def.name}'`);
}

function toNumber(literal: string | number | boolean, def: AttributeDef): number {
  const value = typeof literal === 'number' ? literal : typeof literal === 'string' && literal.trim() !== '' ? Number(literal) : Number.NaN;
  if (Number.isNaN(value)) throw new FilterError(`'${String(literal)}' is not a number for '${def.name}'`);
  return value;
}
