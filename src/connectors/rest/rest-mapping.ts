import { ConnectorIOError } from '../../provisioner/connector-errors.js';
import { SpecialAttribute, type AttributeMap, type ConnectorObject } from '../../provisioner/objects.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../util/json.js';
import { readPath, writePath, type JsonPath } from './json-path.js';
import type { FieldConfig, ReadOperation, RequestMapping, ResponseMapping, Unflatten } from './rest-config-types.js';
import { substituteJson, type Variables } from './template.js';

/** One object found in a response: the node the mapping ended at, and its mapped attributes. */
export interface MappedRecord {
  readonly node: JsonValue;
  readonly attributes: Record<string, JsonValue>;
}

/**
 * The objects of a response. An array is a list of objects; a mapping that is only one nested
 * entry (`{"users": {...}}`, `{"Resources": {"/*": "/*"}}`) names the container the objects are
 * in; anything else maps the node itself as one object, nested entries descending into embedded
 * objects (`{"profile": {"email": "email"}}`).
 */
export function extractRecords(body: JsonValue | undefined, mapping: ResponseMapping): MappedRecord[] {
  if (body === undefined || body === null) return [];
  if (Array.isArray(body)) return body.flatMap((item) => extractRecords(item, mapping));
  const container = containerOf(mapping);
  if (container) {
    const [key, inner] = container;
    return isJsonObject(body) && Object.hasOwn(body, key) ? extractRecords(body[key], inner) : [];
  }
  return [{ node: body, attributes: mapAttributes(body, mapping) }];
}

/** The single nested entry of a mapping that has nothing else: a container of objects. */
export function containerOf(mapping: ResponseMapping): [string, ResponseMapping] | undefined {
  if (mapping.copyAll || mapping.fields.size > 0 || mapping.nested.size !== 1) return undefined;
  return [...mapping.nested.entries()][0];
}

/** The mapping that applies to one object (the innermost of the containers). */
export function recordMapping(mapping: ResponseMapping): ResponseMapping {
  let current = mapping;
  for (let c = containerOf(current); c; c = containerOf(current)) current = c[1];
  return current;
}

/**
 * The backend path a native attribute is read from in one object of `op`'s response: `idPath`
 * for `__UID__`, `namePath` for `__NAME__`, the responseMapping entry (prefixed by its embedded
 * objects), or the name itself under `"/*": "/*"`. Undefined when the attribute has none.
 */
export function backendPath(op: Pick<ReadOperation, 'idPath' | 'namePath' | 'responseMapping'>, attribute: string): JsonPath | undefined {
  if (attribute === SpecialAttribute.UID) return op.idPath;
  if (attribute === SpecialAttribute.NAME) return op.namePath ?? op.idPath;
  return find(recordMapping(op.responseMapping), attribute, []);
}

function find(mapping: ResponseMapping, attribute: string, prefix: readonly string[]): JsonPath | undefined {
  const direct = mapping.fields.get(attribute);
  if (direct) return prefixed(direct, prefix);
  for (const [key, inner] of mapping.nested) {
    const found = find(inner, attribute, [...prefix, key]);
    if (found) return found;
  }
  if (mapping.copyAll && !isSpecial(attribute)) return prefixed({ text: attribute, steps: [{ kind: 'key', key: attribute }], multi: false }, prefix);
  return undefined;
}

function prefixed(path: JsonPath, prefix: readonly string[]): JsonPath {
  if (prefix.length === 0) return path;
  return {
    text: [...prefix, path.text].join('.'),
    steps: [...prefix.map((key) => ({ kind: 'key' as const, key })), ...path.steps],
    multi: path.multi,
  };
}

function mapAttributes(node: JsonValue, mapping: ResponseMapping): Record<string, JsonValue> {
  const attributes: Record<string, JsonValue> = {};
  if (mapping.copyAll && isJsonObject(node)) Object.assign(attributes, node);
  for (const [attribute, path] of mapping.fields) {
    const value = readPath(node, path);
    if (value !== undefined) attributes[attribute] = value;
  }
  for (const [key, inner] of mapping.nested) {
    let child = isJsonObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
    if (Array.isArray(child)) child = child[0];
    if (child !== undefined && child !== null) Object.assign(attributes, mapAttributes(child, inner));
  }
  return attributes;
}

/**
 * A connector object from a mapped record: uid from `idPath`, `__NAME__` from `namePath` (the
 * uid when there is none), both read in the object first and in the whole response second (so a
 * GET may also give absolute paths). Values are typed after the schema.
 */
export function toConnectorObject(
  objectClass: string, record: MappedRecord, body: JsonValue | undefined, op: Pick<ReadOperation, 'idPath' | 'namePath'>, schema: readonly FieldConfig[],
): ConnectorObject {
  const id = scalarAt(record.node, body, op.idPath);
  if (id === undefined) throw new ConnectorIOError(`The backend's answer has no id at "${op.idPath.text}" (idPath)`);
  const name = op.namePath ? scalarAt(record.node, body, op.namePath) : undefined;
  // __NAME__ first: IDM shows it right after _id/_rev.
  const attributes: Record<string, JsonValue> = { [SpecialAttribute.NAME]: name ?? id };
  for (const [key, value] of Object.entries(record.attributes)) {
    if (key !== SpecialAttribute.NAME) attributes[key] = typed(schema.find((f) => f.fieldName === key), value);
  }
  return { objectClass, uid: { value: id }, attributes };
}

function scalarAt(node: JsonValue, body: JsonValue | undefined, path: JsonPath): string | undefined {
  let value = readPath(node, path);
  if (value === undefined && body !== node) value = readPath(body, path);
  if (Array.isArray(value)) value = value[0];
  if (value === undefined || value === null || isJsonObject(value) || Array.isArray(value) || value === '') return undefined;
  return String(value);
}

/** Types a value after its schema field: numbers and booleans from strings, lists for MULTIVALUED. */
export function typed(field: FieldConfig | undefined, value: JsonValue): JsonValue {
  if (!field || value === null) return value;
  if (field.flags.includes('MULTIVALUED')) return (Array.isArray(value) ? value : [value]).map((v) => scalar(field, v));
  return Array.isArray(value) ? value.map((v) => scalar(field, v)) : scalar(field, value);
}

function scalar(field: FieldConfig, value: JsonValue): JsonValue {
  if (typeof value !== 'string') return value;
  switch (field.type) {
    case 'BOOLEAN':
      return /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
    case 'INTEGER':
      return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    case 'DECIMAL':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    default:
      return value;
  }
}

/** What a write sends: a body template, where attributes go in it, and multi-valued attributes to turn into objects. */
export interface BodyPlan {
  readonly requestBody: JsonValue | undefined;
  readonly requestMapping: RequestMapping | undefined;
  readonly unflatten: readonly Unflatten[];
}

/**
 * The body of a write: `requestBody` with its variables substituted, then each attribute written
 * at its `requestMapping` path (under its own name when the mapping is empty or `"/*": "/*"`;
 * ICF's `__X__` attributes only when mapped). `unflattenAttributes` turn ["a","b"] into
 * [{id:"a"},{id:"b"}] first. Undefined when there is neither a template nor a mapping.
 */
export function buildRequestBody(plan: BodyPlan, attributes: AttributeMap, vars: Variables): JsonValue | undefined {
  if (plan.requestBody === undefined && plan.requestMapping === undefined) return undefined;
  const template = plan.requestBody === undefined ? {} : substituteJson(plan.requestBody, vars);
  const mapping = plan.requestMapping;
  if (!mapping || !isJsonObject(template)) return template;
  const values = unflattened(attributes, plan.unflatten);
  const body: JsonObject = template;
  if (mapping.copyAll) {
    for (const [name, value] of Object.entries(values)) {
      if (!mapping.fields.has(name) && !isSpecial(name)) body[name] = value;
    }
  }
  for (const [name, path] of mapping.fields) {
    if (Object.hasOwn(values, name)) writePath(body, path, values[name]!);
  }
  return body;
}

/** True when a write step has something to send: no mapping at all, or at least one mapped attribute given. */
export function stepApplies(mapping: RequestMapping | undefined, attributes: AttributeMap): boolean {
  if (!mapping || mapping.copyAll) return true;
  return [...mapping.fields.keys()].some((name) => Object.hasOwn(attributes, name));
}

function unflattened(attributes: AttributeMap, rules: readonly Unflatten[]): AttributeMap {
  if (rules.length === 0) return attributes;
  const out: AttributeMap = { ...attributes };
  for (const rule of rules) {
    const value = out[rule.attributeName];
    if (value === undefined || value === null) continue;
    out[rule.attributeName] = (Array.isArray(value) ? value : [value]).map((v) => (isJsonObject(v) ? v : { [rule.attributeValue]: v }));
  }
  return out;
}

function isSpecial(name: string): boolean {
  return name.startsWith('__') && name.endsWith('__');
}
