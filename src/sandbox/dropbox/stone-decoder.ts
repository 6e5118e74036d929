import { pythonRepr, pythonStr, pythonTypeName } from './python-repr.js';
import type { Infer, ListType, StoneType, StringType, StructType, UnionType } from './stone-types.js';

/**
 * A failed decode, worded like Stone's Python `ValidationError`: the message plus the field
 * path that led to it, printed `a.b: message`.
 */
export class StoneValidationError extends Error {
  private readonly parents: string[] = [];

  constructor(readonly detail: string) {
    super(detail);
    this.name = 'StoneValidationError';
  }

  addParent(parent: string): this {
    this.parents.push(parent);
    return this;
  }

  override toString(): string {
    return this.parents.length > 0 ? `${[...this.parents].reverse().join('.')}: ${this.detail}` : this.detail;
  }
}

/** A decoded union before typing: the tag and, for non-Void members, the value. */
interface DecodedUnion {
  tag: string;
  value?: unknown;
}

const patternCache = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`);
    patternCache.set(pattern, re);
  }
  return re;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Decodes a parsed JSON value against a Stone type in strict mode (unknown fields and tags are
 * errors), with the same checks, order and messages as Stone's `json_compat_obj_decode`.
 */
export function decodeStone<T extends StoneType>(type: T, json: unknown): Infer<T> {
  const decoded = decode(type, json);
  validatePrimitive(type, decoded);
  return decoded as Infer<T>;
}

/** Structural decoding (Stone's decoder): primitives pass through unvalidated. */
function decode(type: StoneType, value: unknown): unknown {
  switch (type.kind) {
    case 'struct':
      return decodeStruct(type, value);
    case 'union':
      return decodeUnion(type, value);
    case 'list':
      if (!Array.isArray(value)) throw new StoneValidationError(`expected list, got ${pythonTypeName(value)}`);
      return value.map((item) => decode(type.item, item));
    default:
      return value;
  }
}

function hasRequiredFields(type: StructType): boolean {
  return Object.values(type.fields).some((f) => f.presence === 'required');
}

function defaults(type: StructType): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(type.fields)) {
    if (field.presence === 'default') out[name] = field.defaultValue;
  }
  return out;
}

function decodeStruct(type: StructType, value: unknown): Record<string, unknown> {
  if (value === null && !hasRequiredFields(type)) return defaults(type);
  if (!isPlainObject(value)) throw new StoneValidationError(`expected object, got ${pythonTypeName(value)}`);
  for (const key of Object.keys(value)) {
    if (!(key in type.fields) && !key.startsWith('.tag')) throw new StoneValidationError(`unknown field '${key}'`);
  }
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(type.fields)) {
    if (name in value) {
      // An optional (nullable) field takes null as "unset".
      if (field.presence === 'optional' && value[name] === null) continue;
      try {
        const decoded = decode(field.type, value[name]);
        validatePrimitive(field.type, decoded);
        out[name] = decoded;
      } catch (error) {
        if (error instanceof StoneValidationError) error.addParent(name);
        throw error;
      }
    } else if (field.presence === 'default') {
      out[name] = field.defaultValue;
    }
  }
  for (const [name, field] of Object.entries(type.fields)) {
    if (field.presence === 'required' && !(name in out)) {
      throw new StoneValidationError(`missing required field '${name}'`);
    }
  }
  return out;
}

function decodeUnion(type: UnionType, value: unknown): DecodedUnion {
  let result: DecodedUnion;
  if (typeof value === 'string') {
    const tag = value;
    if (!(tag in type.tags)) throw new StoneValidationError(`unknown tag '${tag}'`);
    if (type.tags[tag] !== null) throw new StoneValidationError(`expected object for '${tag}', got symbol`);
    if (tag === type.catchAll) throw new StoneValidationError(`unexpected use of the catch-all tag '${tag}'`);
    result = { tag };
  } else if (isPlainObject(value)) {
    result = decodeUnionObject(type, value);
  } else {
    throw new StoneValidationError(`expected string or object, got ${pythonTypeName(value)}`);
  }
  // The generated union constructor validates primitive member values (no tag in the path).
  const memberType = type.tags[result.tag];
  if (memberType && memberType.kind !== 'struct' && memberType.kind !== 'union') validatePrimitive(memberType, result.value);
  return result;
}

function decodeUnionObject(type: UnionType, value: Record<string, unknown>): DecodedUnion {
  if (!('.tag' in value)) throw new StoneValidationError("missing '.tag' key");
  const tag = value['.tag'];
  if (typeof tag !== 'string') throw new StoneValidationError(`tag must be string, got ${pythonTypeName(tag)}`);
  if (!(tag in type.tags)) throw new StoneValidationError(`unknown tag '${tag}'`);
  if (tag === type.catchAll) throw new StoneValidationError(`unexpected use of the catch-all tag '${tag}'`);
  const memberType = type.tags[tag];
  if (memberType === null || memberType === undefined) {
    if (tag in value && value[tag] !== null) {
      throw new StoneValidationError(`expected null, got ${pythonTypeName(value[tag])}`);
    }
    rejectExtraKeys(value, tag);
    return { tag };
  }
  if (memberType.kind === 'struct') {
    try {
      return { tag, value: decodeStruct(memberType, value) };
    } catch (error) {
      if (error instanceof StoneValidationError) error.addParent(tag);
      throw error;
    }
  }
  if (!(tag in value)) throw new StoneValidationError(`missing '${tag}' key`);
  let decoded: unknown;
  try {
    decoded = decode(memberType, value[tag]);
  } catch (error) {
    if (error instanceof StoneValidationError) error.addParent(tag);
    throw error;
  }
  rejectExtraKeys(value, tag);
  return { tag, value: decoded };
}

function rejectExtraKeys(value: Record<string, unknown>, tag: string): void {
  for (const key of Object.keys(value)) {
    if (key !== tag && key !== '.tag') throw new StoneValidationError(`unexpected key '${key}'`);
  }
}

/** Stone's validators for primitives and lists (run when a field or union value is assigned). */
function validatePrimitive(type: StoneType, value: unknown): void {
  switch (type.kind) {
    case 'string':
      validateString(type, value);
      return;
    case 'integer': {
      // Python's bool is an Integral, so `true` passes as 1, as it does on Dropbox.
      const n = typeof value === 'boolean' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) {
        throw new StoneValidationError(`expected integer, got ${pythonTypeName(value)}`);
      }
      if (n < type.min || n > type.max) throw new StoneValidationError(`${n} is not within range [${type.min}, ${type.max}]`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw new StoneValidationError(`${pythonRepr(value)} is not a valid boolean`);
      return;
    case 'list':
      validateList(type, value);
      return;
    default:
      return;
  }
}

function validateList(type: ListType, value: unknown): void {
  if (!Array.isArray(value)) throw new StoneValidationError(`${pythonRepr(value)} is not a valid list`);
  if (type.maxItems !== undefined && value.length > type.maxItems) {
    throw new StoneValidationError(`${pythonRepr(value)} has more than ${type.maxItems} items`);
  }
  for (const item of value) validatePrimitive(type.item, item);
}

function validateString(type: StringType, value: unknown): void {
  if (typeof value !== 'string') {
    throw new StoneValidationError(`'${pythonStr(value)}' expected to be a string, got ${pythonTypeName(value)}`);
  }
  const length = [...value].length;
  if (type.maxLength !== undefined && length > type.maxLength) {
    throw new StoneValidationError(`'${value}' must be at most ${type.maxLength} characters, got ${length}`);
  }
  if (type.minLength !== undefined && length < type.minLength) {
    throw new StoneValidationError(`'${value}' must be at least ${type.minLength} characters, got ${length}`);
  }
  if (type.pattern !== undefined && !compiled(type.pattern).test(value) && !type.allow?.includes(value)) {
    throw new StoneValidationError(`'${value}' did not match pattern '${type.pattern}'`);
  }
}
