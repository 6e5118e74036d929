import { isJsonObject, jsonEquals, type JsonObject, type JsonValue } from '../../util/json.js';
import { findAttribute, type AttributeDef } from './attribute-def.js';
import { resolveAttrPath, type ResolvedPath } from './attribute-path.js';
import { coerceSingle, coerceValue } from './coerce-attributes.js';
import { compileFilter, type Predicate } from './compile-filter.js';
import { FilterError, type FilterNode } from './filter-ast.js';
import { parsePatchPath } from './parse-filter.js';
import { ScimError } from './scim-error.js';
import { SCIM_URN } from './scim-urns.js';

type OpName = 'add' | 'remove' | 'replace';

interface Target extends ResolvedPath {
  readonly filter?: FilterNode;
}

/** The resource shape a patch works on. */
export interface PatchSchema {
  readonly schema: string;
  readonly attributes: readonly AttributeDef[];
}

/**
 * Applies a SCIM PatchOp body (RFC 7644 §3.5.2) to a copy of canonical attributes and returns it.
 * Operation names are case-insensitive ("Replace" from Entra ID works). Paths: `attr`, `attr.sub`,
 * `attr[filter]`, `attr[filter].sub`; without a path, `value` is an object of attributes (keys may be
 * `attr.sub`). `add` on a filter that matches nothing creates the element when the filter is a
 * single `eq` (`emails[type eq "work"].value`); `remove` with a `value` on a multi-valued attribute
 * removes those values. Errors: invalidSyntax, invalidPath, noTarget, mutability, invalidValue.
 */
export function applyPatch(attributes: JsonObject, body: JsonObject, schema: PatchSchema): JsonObject {
  const target = structuredClone(attributes);
  for (const operation of operationsOf(body)) {
    const op = opName(operation.op);
    const value = operation.value;
    const path = operation.path;
    if (path === undefined || path === null || path === '') {
      if (op === 'remove') throw ScimError.badRequest('noTarget', "A 'remove' operation needs a path");
      if (!isJsonObject(value)) throw ScimError.badRequest('invalidSyntax', `An '${op}' operation without a path needs an object value`);
      for (const [key, item] of Object.entries(value)) {
        if (key.toLowerCase() === 'schemas') continue;
        apply(target, op, resolveTarget(key, schema), item);
      }
    } else if (typeof path === 'string') {
      apply(target, op, resolveTarget(path, schema), value);
    } else {
      throw ScimError.badRequest('invalidPath', "'path' must be a string");
    }
  }
  return target;
}

function operationsOf(body: JsonObject): JsonObject[] {
  const schemas = body.schemas;
  if (schemas !== undefined && !(Array.isArray(schemas) && schemas.includes(SCIM_URN.patchOp))) {
    throw ScimError.badRequest('invalidSyntax', `'schemas' must contain ${SCIM_URN.patchOp}`);
  }
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations) || operations.length === 0) {
    throw ScimError.badRequest('invalidSyntax', "'Operations' must be a non-empty array");
  }
  return operations.map((o) => {
    if (!isJsonObject(o)) throw ScimError.badRequest('invalidSyntax', 'Each operation must be an object');
    return o;
  });
}

function opName(raw: JsonValue | undefined): OpName {
  const name = typeof raw === 'string' ? raw.toLowerCase() : '';
  if (name === 'add' || name === 'remove' || name === 'replace') return name;
  throw ScimError.badRequest('invalidSyntax', `Unknown operation '${String(raw)}': use add, remove or replace`);
}

function resolveTarget(text: string, schema: PatchSchema): Target {
  let parsed;
  try {
    parsed = parsePatchPath(text);
  } catch (error) {
    if (error instanceof FilterError) throw ScimError.badRequest('invalidPath', `Invalid path '${text}': ${error.message}`);
    throw error;
  }
  const resolved = resolveAttrPath(parsed.path, schema.attributes, [schema.schema]);
  if (!resolved) throw ScimError.badRequest('invalidPath', `Unknown attribute in path '${text}'`);
  if (resolved.def.mutability === 'readOnly' || resolved.sub?.mutability === 'readOnly') {
    throw ScimError.badRequest('mutability', `Attribute '${text}' is read-only`);
  }
  if (parsed.filter && !(resolved.def.type === 'complex' && resolved.def.multiValued)) {
    throw ScimError.badRequest('invalidPath', `'${resolved.def.name}' is not a multi-valued complex attribute`);
  }
  return parsed.filter ? { ...resolved, filter: parsed.filter } : resolved;
}

function apply(target: JsonObject, op: OpName, path: Target, value: JsonValue | undefined): void {
  if (op !== 'remove' && value === undefined) throw ScimError.badRequest('invalidValue', `An '${op}' operation needs a value`);
  if (path.filter) applyFiltered(target, op, path, path.filter, value);
  else if (path.sub) applySub(target, op, path.def, path.sub, value);
  else applyWhole(target, op, path.def, value);
}

function applyWhole(target: JsonObject, op: OpName, def: AttributeDef, value: JsonValue | undefined): void {
  const current = target[def.name];
  if (op === 'remove') {
    if (def.multiValued && value !== undefined && value !== null && Array.isArray(current)) {
      const removed = asList(coerceValue(def, value, def.name));
      setOrDelete(target, def.name, current.filter((e) => !removed.some((r) => sameElement(def, e, r))));
    } else {
      delete target[def.name];
    }
    return;
  }
  const coerced = coerceValue(def, value, def.name);
  if (coerced === undefined) {
    if (op === 'replace') delete target[def.name];
    return;
  }
  if (def.multiValued) {
    const added = asList(coerced);
    const base = op === 'add' && Array.isArray(current) ? current.filter((e) => !added.some((a) => sameElement(def, e, a))) : [];
    setOrDelete(target, def.name, demoteOtherPrimaries([...base, ...added], added));
  } else if (def.type === 'complex' && isJsonObject(current) && isJsonObject(coerced)) {
    target[def.name] = { ...current, ...coerced };
  } else {
    target[def.name] = coerced;
  }
}

function applySub(target: JsonObject, op: OpName, def: AttributeDef, sub: AttributeDef, value: JsonValue | undefined): void {
  const current = target[def.name];
  const coerced = op === 'remove' ? undefined : coerceValue(sub, value, `${def.name}.${sub.name}`);
  const update = (element: JsonObject): JsonObject => {
    const copy = { ...element };
    if (coerced === undefined) delete copy[sub.name];
    else copy[sub.name] = coerced;
    return copy;
  };
  if (def.multiValued) {
    const list = Array.isArray(current) ? current : [];
    if (list.length === 0 && op !== 'remove') throw ScimError.badRequest('noTarget', `'${def.name}' has no values to change`);
    setOrDelete(target, def.name, list.map((e) => (isJsonObject(e) ? update(e) : e)));
  } else {
    const element = isJsonObject(current) ? current : {};
    setOrDelete(target, def.name, update(element));
  }
}

function applyFiltered(target: JsonObject, op: OpName, path: Target, filter: FilterNode, value: JsonValue | undefined): void {
  const { def, sub } = path;
  const matches = elementFilter(def, filter);
  const list = Array.isArray(target[def.name]) ? (target[def.name] as JsonValue[]) : [];
  const matched = list.filter((e): e is JsonObject => isJsonObject(e) && matches(e));
  if (op === 'remove') {
    const kept = sub
      ? list.map((e) => (matched.includes(e as JsonObject) ? withoutKey(e as JsonObject, sub.name) : e))
      : list.filter((e) => !matched.includes(e as JsonObject));
    setOrDelete(target, def.name, kept);
    return;
  }
  const label = `${def.name}${sub ? `.${sub.name}` : ''}`;
  const patch: JsonObject | undefined = sub ? singleKey(sub, coerceValue(sub, value, label)) : asObject(coerceSingle(def, value ?? null, label), label);
  if (matched.length === 0) {
    const created = op === 'add' ? elementFromFilter(def, filter) : undefined;
    if (!created) throw ScimError.badRequest('noTarget', `No value of '${def.name}' matches the filter`);
    const element = { ...created, ...patch };
    setOrDelete(target, def.name, demoteOtherPrimaries([...list, element], [element]));
    return;
  }
  const updated = list.map((e) => (matched.includes(e as JsonObject) ? { ...(e as JsonObject), ...patch } : e));
  const changed = updated.filter((_, i) => matched.includes(list[i] as JsonObject));
  setOrDelete(target, def.name, demoteOtherPrimaries(updated, changed));
}

function elementFilter(def: AttributeDef, filter: FilterNode): Predicate {
  try {
    return compileFilter(filter, def.subAttributes ?? [], []);
  } catch (error) {
    if (error instanceof FilterError) throw ScimError.badRequest('invalidPath', error.message);
    throw error;
  }
}

/** `emails[type eq "work"]` names the element `{type: "work"}` when nothing matches yet. */
function elementFromFilter(def: AttributeDef, filter: FilterNode): JsonObject | undefined {
  if (filter.kind !== 'compare' || filter.op !== 'eq' || filter.path.subAttribute !== undefined) return undefined;
  const sub = findAttribute(def.subAttributes, filter.path.attribute);
  if (!sub || sub.type === 'complex') return undefined;
  const value = coerceSingle(sub, filter.value, `${def.name}.${sub.name}`);
  return value === undefined ? undefined : { [sub.name]: value };
}

/** When values are added as primary, the others stop being primary (RFC 7644 §3.5.2). */
function demoteOtherPrimaries(list: JsonValue[], added: readonly JsonValue[]): JsonValue[] {
  if (!added.some((e) => isJsonObject(e) && e.primary === true)) return list;
  return list.map((e) => (isJsonObject(e) && e.primary === true && !added.includes(e) ? { ...e, primary: false } : e));
}

function sameElement(def: AttributeDef, a: JsonValue, b: JsonValue): boolean {
  if (def.type === 'complex' && findAttribute(def.subAttributes, 'value') && isJsonObject(a) && isJsonObject(b) && b.value !== undefined) {
    return jsonEquals(a.value, b.value) && Object.entries(b).every(([k, v]) => k === 'value' || k === 'display' || jsonEquals(a[k], v));
  }
  return jsonEquals(a, b);
}

function setOrDelete(target: JsonObject, name: string, value: JsonValue): void {
  const empty = (Array.isArray(value) && value.length === 0) || (isJsonObject(value) && Object.keys(value).length === 0);
  if (empty) delete target[name];
  else target[name] = value;
}

function asList(value: JsonValue | undefined): JsonValue[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function asObject(value: JsonValue | undefined, label: string): JsonObject {
  if (value === undefined) return {};
  if (!isJsonObject(value)) throw ScimError.badRequest('invalidValue', `The value for '${label}' must be an object`);
  return value;
}

function singleKey(sub: AttributeDef, value: JsonValue | undefined): JsonObject {
  return value === undefined ? {} : { [sub.name]: value };
}

function withoutKey(element: JsonObject, key: string): JsonObject {
  const copy = { ...element };
  delete copy[key];
  return copy;
}
