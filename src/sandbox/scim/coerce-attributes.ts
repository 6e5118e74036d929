import { isJsonObject, type JsonObject, type JsonValue } from '../../util/json.js';
import { findAttribute, type AttributeDef } from './attribute-def.js';
import { ScimError } from './scim-error.js';

/**
 * Turns a request body into the canonical writable attributes of a resource: names in their
 * schema case, read-only attributes and nulls dropped (RFC 7643 §2.2, §7), values type-checked.
 * `schemas`, when given, must name the resource's schema. Unknown attributes are rejected
 * (400 invalidSyntax) so a mis-mapped provisioner configuration fails loudly.
 * Leniencies real provisioners need: "true"/"false" for booleans, numeric strings for numbers,
 * a single value for a multi-valued attribute, a bare string for a `{value}` element.
 */
export function coerceAttributes(input: JsonObject, defs: readonly AttributeDef[], schema: string): JsonObject {
  const result: JsonObject = {};
  for (const [key, raw] of Object.entries(input)) {
    if (key.toLowerCase() === 'schemas') {
      checkSchemas(raw, schema);
      continue;
    }
    const def = findAttribute(defs, key);
    if (!def) throw ScimError.badRequest('invalidSyntax', `Unknown attribute '${key}'`);
    if (def.mutability === 'readOnly') continue;
    const value = coerceValue(def, raw, def.name);
    if (value !== undefined) result[def.name] = value;
  }
  return result;
}

/** Throws 400 invalidValue when a required attribute is missing or empty. */
export function assertRequired(attributes: JsonObject, defs: readonly AttributeDef[]): void {
  for (const def of defs) {
    const value = attributes[def.name];
    if (def.required && def.mutability !== 'readOnly' && (value === undefined || value === '')) {
      throw ScimError.badRequest('invalidValue', `Attribute '${def.name}' is required`);
    }
  }
}

/** Coerces one attribute value (an array for a multi-valued attribute); undefined means "unassigned". */
export function coerceValue(def: AttributeDef, raw: JsonValue | undefined, label: string): JsonValue | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!def.multiValued) return coerceSingle(def, raw, label);
  const list = (Array.isArray(raw) ? raw : [raw]).flatMap((item, index) => {
    const value = coerceSingle(def, item, `${label}[${index}]`);
    return value === undefined ? [] : [value];
  });
  if (list.filter((e) => isJsonObject(e) && e.primary === true).length > 1) {
    throw ScimError.badRequest('invalidValue', `Only one value of '${label}' may be primary`);
  }
  return list.length === 0 ? undefined : list;
}

/** Coerces one value (or one element of a multi-valued attribute). */
export function coerceSingle(def: AttributeDef, raw: JsonValue, label: string): JsonValue | undefined {
  if (raw === null) return undefined;
  switch (def.type) {
    case 'complex':
      return coerceComplex(def, raw, label);
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
      throw invalid(label, 'a boolean');
    case 'integer':
    case 'decimal': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
      if (Number.isNaN(value) || (def.type === 'integer' && !Number.isInteger(value))) throw invalid(label, `an ${def.type}`);
      return value;
    }
    case 'dateTime':
      if (typeof raw === 'string' && !Number.isNaN(Date.parse(raw))) return raw;
      throw invalid(label, 'an ISO-8601 dateTime');
    case 'string':
    case 'reference':
      if (typeof raw === 'string') return raw;
      throw invalid(label, 'a string');
  }
}

function coerceComplex(def: AttributeDef, raw: JsonValue, label: string): JsonValue | undefined {
  const valueDef = findAttribute(def.subAttributes, 'value');
  if (!isJsonObject(raw)) {
    if (valueDef && def.multiValued && !Array.isArray(raw)) return coerceComplex(def, { value: raw }, label);
    throw invalid(label, 'an object');
  }
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(raw)) {
    const sub = findAttribute(def.subAttributes, key);
    if (!sub) throw ScimError.badRequest('invalidSyntax', `Unknown attribute '${label}.${key}'`);
    if (sub.mutability === 'readOnly') continue;
    const coerced = coerceValue(sub, value, `${label}.${sub.name}`);
    if (coerced !== undefined) result[sub.name] = coerced;
  }
  const missing = def.subAttributes?.find((sub) => sub.required && result[sub.name] === undefined);
  if (missing) throw ScimError.badRequest('invalidValue', `Attribute '${label}.${missing.name}' is required`);
  return Object.keys(result).length === 0 ? undefined : result;
}

function checkSchemas(raw: JsonValue, schema: string): void {
  if (!Array.isArray(raw) || !raw.every((s) => typeof s === 'string')) {
    throw ScimError.badRequest('invalidSyntax', "'schemas' must be an array of schema URNs");
  }
  if (!raw.some((s) => typeof s === 'string' && s.toLowerCase() === schema.toLowerCase())) {
    throw ScimError.badRequest('invalidSyntax', `'schemas' must contain ${schema}`);
  }
}

function invalid(label: string, what: string): ScimError {
  return ScimError.badRequest('invalidValue', `Attribute '${label}' must be ${what}`);
}
