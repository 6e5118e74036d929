/**
 * CREST PATCH: parsing a request body into patch operations (CREST `PatchOperation.valueOfList`)
 * and applying them to a JSON document with IDM's generic semantics (IDM `JsonValuePatch`, as used
 * by /openidm/config). System objects patch per attribute instead (research §2.8); that
 * translation lives with the provisioner, which only needs {@link parsePatch}.
 *
 * Pure: no I/O, and {@link applyPatch} never mutates its input.
 *
 * Differences from IDM, all deliberate:
 * - Where IDM fails with a 500 on a caller's mistake (a bad pointer, a write through a scalar, a
 *   list index out of range, a patch of the document root), we answer 400, with IDM's
 *   JsonValueException wording where it has one ("<pointer>: Expecting a value").
 * - `transform` is parsed and validated, but applying it is a 400: IDM evaluates the value as a
 *   Rhino script and we have no script engine.
 * - A failed patch leaves nothing half-applied (IDM mutates in place and may stop midway).
 * - Object keys are written as own data properties: `__proto__`, `constructor` and `prototype`
 *   are plain keys and never reach Object.prototype.
 */
import { InvalidPointerError, JsonPointer } from './json-pointer.js';
import { ResourceError } from './resource-error.js';
import { cloneJson, isJsonObject, jsonEquals, type JsonObject, type JsonValue } from '../util/json.js';

export type PatchOperationType = 'add' | 'remove' | 'replace' | 'increment' | 'move' | 'copy' | 'transform';

const OPERATION_TYPES: readonly PatchOperationType[] = [
  'add',
  'remove',
  'replace',
  'increment',
  'move',
  'copy',
  'transform',
];

/**
 * One patch operation. `operation` is normalised to lower case (the wire form is case-insensitive).
 *
 * `value` is present exactly when the request carried a non-null `value`: IDM makes no difference
 * between an absent `value` and `"value": null` (so `remove` with a null value removes the whole
 * field, and add/replace/increment/transform with a null value are refused). Use {@link hasValue}.
 */
export interface PatchOperation {
  readonly operation: PatchOperationType;
  readonly field: JsonPointer;
  readonly value?: JsonValue;
  readonly from?: JsonPointer;
}

/** True when the operation carries a (non-null) value. */
export function hasValue(op: PatchOperation): op is PatchOperation & { readonly value: Exclude<JsonValue, null> } {
  return op.value !== undefined && op.value !== null;
}

const NOT_AN_ARRAY =
  'The request could not be processed because the provided content is not a JSON array of patch operations';
const NOT_A_PATCH = 'The request could not be processed because the provided content is not a valid JSON patch';

function invalidPatch(detail: string): ResourceError {
  return ResourceError.badRequest(`${NOT_A_PATCH}: ${detail}`);
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/**
 * Parses a PATCH request body, validating it as CREST does; every failure is a 400 with IDM's
 * message. Members are checked in IDM's order: the types of operation, field and from, then null
 * operation, null field, the operation name, and the per-operation rules.
 */
export function parsePatch(body: unknown): PatchOperation[] {
  if (!Array.isArray(body)) throw ResourceError.badRequest(NOT_AN_ARRAY);
  return body.map((element: unknown, index) => parseOperation(element, index));
}

function parseOperation(element: unknown, index: number): PatchOperation {
  if (!isJsonObject(element)) throw ResourceError.badRequest(NOT_A_PATCH);
  const name = stringMember(element, 'operation', index);
  const field = pointerMember(element, 'field', index);
  const from = pointerMember(element, 'from', index);
  const value = ownMember(element, 'value') ?? null;

  if (name === null) throw invalidPatch("Cannot instantiate PatchOperation with null 'operation' value");
  if (field === null) throw invalidPatch("Cannot instantiate PatchOperation with null 'field' value");
  const operation = operationType(name);
  checkOperation(name, operation, value, from);

  return {
    operation,
    field,
    ...(value !== null ? { value } : {}),
    ...(from !== null ? { from } : {}),
  };
}

/** An own member only: inherited properties are never read. `undefined` when absent. */
function ownMember(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function stringMember(object: JsonObject, key: string, index: number): string | null {
  const member = ownMember(object, key) ?? null;
  if (member === null) return null;
  // IDM's JsonValue#asString wording, located by the member's pointer in the body.
  if (typeof member !== 'string') throw invalidPatch(`/${index}/${key}: Expecting a java.lang.String`);
  return member;
}

function pointerMember(object: JsonObject, key: string, index: number): JsonPointer | null {
  const text = stringMember(object, key, index);
  if (text === null) return null;
  try {
    return JsonPointer.parse(text);
  } catch (error) {
    if (error instanceof InvalidPointerError) {
      throw invalidPatch(`/${index}/${key}: Invalid JSON pointer '${text}': ${error.message}`);
    }
    throw error;
  }
}

function operationType(name: string): PatchOperationType {
  const lower = name.toLowerCase();
  const type = OPERATION_TYPES.find((t) => t === lower);
  if (type === undefined) throw invalidPatch(`Invalid patch operation type ${name}`);
  return type;
}

/**
 * The per-operation rules of CREST's PatchOperation constructor. `name` is the operation as the
 * caller spelled it (IDM's messages echo it); `value` is null when absent.
 */
function checkOperation(name: string, type: PatchOperationType, value: JsonValue, from: JsonPointer | null): void {
  switch (type) {
    case 'add':
    case 'replace':
    case 'increment':
    case 'transform':
      if (value === null) throw invalidPatch(`No value field provided for '${name}' operation`);
      if (from !== null) throw invalidPatch(`'${name}' does not accept from field`);
      if (type === 'increment' && typeof value !== 'number') {
        throw invalidPatch('Non-numeric value provided for increment operation');
      }
      return;
    case 'remove':
      if (from !== null) throw invalidPatch(`'${name}' does not accept from field`);
      return;
    case 'move':
    case 'copy':
      if (from === null || from.isRoot) throw invalidPatch(`No from field provided for '${name}' operation`);
      if (value !== null) throw invalidPatch(`'${name}' does not accept value field`);
      return;
    default:
      throw invalidPatch(`Invalid patch operation type ${String(type)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Applying
// ---------------------------------------------------------------------------------------------

/**
 * Applies operations in order to a copy of `document` and returns the copy; the input is never
 * modified, and a failure (always a 400 ResourceError) leaves nothing applied. Semantics of IDM's
 * JsonValuePatch:
 * - add: sets the value (replacing any current value, arrays included), creating missing parent
 *   objects (or an array when the next token is `-`); a last token `-` on an array appends.
 * - remove: without value deletes the field (a missing field is a no-op); with a value, removes
 *   every element equal to it from an array, or deletes a non-array field only if equal.
 * - replace: remove, then add.
 * - increment: adds to a number, or to every element of an array of numbers. As in IDM an integral
 *   field stays integral (Java Integer/Long + amount.intValue()): 5 + 1.5 → 6, 5.5 + 1 → 6.5.
 * - move / copy: take the value at `from` (no-op if absent or null) and insert it at `field`; the
 *   target's parent must exist, an existing object key is refused, and an array index inserts.
 * - transform: refused (no script engine).
 * - Any operation whose last token is a single digit under an array: "Position-based operation is
 *   not allowed". Multi-digit indexes are not caught, as in IDM, and address the array element.
 */
export function applyPatch(document: JsonObject, operations: readonly PatchOperation[]): JsonObject {
  const result = cloneJson(document);
  for (const operation of operations) applyOperation(result, operation);
  return result;
}

type Container = JsonObject | JsonValue[];

function badRequest(message: string): ResourceError {
  return ResourceError.badRequest(message);
}

function applyOperation(document: JsonObject, op: PatchOperation): void {
  // Operations built in code rather than by parsePatch get the same validation.
  checkOperation(op.operation, op.operation, op.value ?? null, op.from ?? null);
  checkNotPositional(document, op.field);
  switch (op.operation) {
    case 'add':
      setPermissive(document, op.field, cloneJson(requiredValue(op)));
      return;
    case 'remove':
      remove(document, op);
      return;
    case 'replace':
      removeAt(document, op.field);
      setPermissive(document, op.field, cloneJson(requiredValue(op)));
      return;
    case 'increment':
      increment(document, op.field, requiredValue(op) as number);
      return;
    case 'move':
    case 'copy':
      moveOrCopy(document, op);
      return;
    case 'transform':
      throw badRequest('Transform patch operations are not supported');
  }
}

function requiredValue(op: PatchOperation): JsonValue {
  if (!hasValue(op)) throw invalidPatch(`No value field provided for '${op.operation}' operation`);
  return op.value;
}

/** IDM refuses positional operations: a single-digit last token addressing an array element. */
function checkNotPositional(document: JsonObject, field: JsonPointer): void {
  const leaf = field.leaf;
  if (leaf === undefined || !/^[0-9]$/.test(leaf)) return;
  if (Array.isArray(getAt(document, field.tokens.slice(0, -1)))) {
    throw badRequest(`Position-based operation is not allowed: ${field.toString()}`);
  }
}

function remove(document: JsonObject, op: PatchOperation): void {
  const current = getAt(document, op.field.tokens);
  if (current === undefined || current === null) return;
  if (!hasValue(op)) {
    removeAt(document, op.field);
  } else if (Array.isArray(current)) {
    for (let i = current.length - 1; i >= 0; i--) {
      if (jsonEquals(current[i], op.value)) current.splice(i, 1);
    }
  } else if (jsonEquals(op.value, current)) {
    removeAt(document, op.field);
  }
}

function increment(document: JsonObject, field: JsonPointer, amount: number): void {
  const current = getAt(document, field.tokens);
  if (current === undefined) throw badRequest(`The field '${field.toString()}' does not exist`);
  if (Array.isArray(current)) {
    for (let i = 0; i < current.length; i++) current[i] = incremented(current[i], amount, field);
    return;
  }
  const next = incremented(current, amount, field);
  // The field exists and is not the root (the root is an object, hence "not a number" above).
  setChild(parentOf(document, field), lastToken(field), next, field);
}

function incremented(value: JsonValue | undefined, amount: number, field: JsonPointer): number {
  if (typeof value !== 'number') throw badRequest(`The field '${field.toString()}' is not a number`);
  return Number.isInteger(value) ? value + Math.trunc(amount) : value + amount;
}

function moveOrCopy(document: JsonObject, op: PatchOperation): void {
  const from = op.from;
  if (from === undefined) throw invalidPatch(`No from field provided for '${op.operation}' operation`);
  const value = getAt(document, from.tokens);
  if (value === undefined || value === null) return;
  if (op.operation === 'move') removeAt(document, from);
  insertAt(document, op.field, op.operation === 'move' ? value : cloneJson(value));
}

// ---------------------------------------------------------------------------------------------
// Pointer navigation over a mutable JSON tree (the private copy made by applyPatch)
// ---------------------------------------------------------------------------------------------

function pointerText(tokens: readonly string[]): string {
  return new JsonPointer(tokens).toString();
}

function lastToken(field: JsonPointer): string {
  const leaf = field.leaf;
  if (leaf === undefined) throw badRequest('A patch operation cannot target the root of the resource');
  return leaf;
}

function isIndexToken(token: string): boolean {
  return /^[0-9]+$/.test(token);
}

/** A list index, or -1 when the token is not one. */
function toIndex(token: string): number {
  return isIndexToken(token) ? Number(token) : -1;
}

function getChild(parent: JsonValue | undefined, token: string): JsonValue | undefined {
  if (Array.isArray(parent)) {
    const index = toIndex(token);
    return index >= 0 && index < parent.length ? parent[index] : undefined;
  }
  if (isJsonObject(parent)) return Object.hasOwn(parent, token) ? parent[token] : undefined;
  return undefined;
}

/** The value at `tokens`; `undefined` when absent (a present null is returned as null). */
function getAt(document: JsonObject, tokens: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = document;
  for (const token of tokens) {
    current = getChild(current, token);
    if (current === undefined) return undefined;
  }
  return current;
}

/** Writes an own data property, so `__proto__` and friends stay plain keys. */
function defineKey(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** IDM JsonValue#put(String): set an object key, or replace / append (index == length) an element. */
function setChild(parent: JsonValue, token: string, value: JsonValue, field: JsonPointer): void {
  const parentPointer = pointerText(field.tokens.slice(0, -1));
  if (Array.isArray(parent)) {
    if (token === '-') {
      parent.push(value);
      return;
    }
    const index = toIndex(token);
    if (index < 0 || index > parent.length) throw badRequest(`${parentPointer}: List index out of range: ${token}`);
    if (index === parent.length) parent.push(value);
    else parent[index] = value;
  } else if (isJsonObject(parent)) {
    defineKey(parent, token, value);
  } else {
    throw badRequest(`${parentPointer}: Expecting a Map or List`);
  }
}

/** IDM JsonValue#add(String): add an absent object key, or insert an element (shifting the rest). */
function insertChild(parent: JsonValue, token: string, value: JsonValue, field: JsonPointer): void {
  const parentPointer = pointerText(field.tokens.slice(0, -1));
  if (Array.isArray(parent)) {
    if (token === '-') {
      parent.push(value);
      return;
    }
    const index = toIndex(token);
    if (index < 0 || index > parent.length) throw badRequest(`${parentPointer}: List index out of range: ${token}`);
    parent.splice(index, 0, value);
  } else if (isJsonObject(parent)) {
    if (Object.hasOwn(parent, token)) throw badRequest(`${parentPointer}: Map key ${token} already exists`);
    defineKey(parent, token, value);
  } else {
    throw badRequest(`${parentPointer}: Expecting a Map or List`);
  }
}

/** IDM JsonValue#putPermissive: set the value, creating missing parents. */
function setPermissive(document: JsonObject, field: JsonPointer, value: JsonValue): void {
  const leaf = lastToken(field);
  const tokens = field.tokens;
  let current: JsonValue = document;
  for (let n = 0; n < tokens.length - 1; n++) {
    const token = tokens[n]!;
    const next = getChild(current, token);
    if (next !== undefined && next !== null) {
      current = next;
      continue;
    }
    const nextToken = tokens[n + 1]!;
    if (isIndexToken(token) || isIndexToken(nextToken)) {
      // An array element cannot be created out of nothing.
      throw badRequest(`${pointerText(tokens.slice(0, n + 1))}: Expecting a value`);
    }
    const created: Container = nextToken === '-' ? [] : {};
    if (isJsonObject(current)) {
      defineKey(current, token, created);
    } else if (Array.isArray(current)) {
      throw badRequest(`${pointerText(tokens.slice(0, n))}: List index out of range: ${token}`);
    } else {
      throw badRequest(`${pointerText(tokens.slice(0, n))}: Expecting a Map or List`);
    }
    current = created;
  }
  setChild(current, leaf, value, field);
}

/** The existing parent of `field` (IDM navigateToParentOf + required); 400 when it is missing. */
function parentOf(document: JsonObject, field: JsonPointer): JsonValue {
  const tokens = field.tokens;
  let current: JsonValue = document;
  for (let n = 0; n < tokens.length - 1; n++) {
    const next = getChild(current, tokens[n]!);
    if (next === undefined || next === null) {
      throw badRequest(`${pointerText(tokens.slice(0, n + 1))}: Expecting a value`);
    }
    current = next;
  }
  return current;
}

/** IDM JsonValue#add(JsonPointer): insert at `field`, whose parent must exist. */
function insertAt(document: JsonObject, field: JsonPointer, value: JsonValue): void {
  const leaf = lastToken(field);
  insertChild(parentOf(document, field), leaf, value, field);
}

/** IDM JsonValue#remove(JsonPointer): delete the key or element; absent paths (and the root) are a no-op. */
function removeAt(document: JsonObject, field: JsonPointer): void {
  const leaf = field.leaf;
  if (leaf === undefined) return;
  const parent = getAt(document, field.tokens.slice(0, -1));
  if (Array.isArray(parent)) {
    const index = toIndex(leaf);
    if (index >= 0 && index < parent.length) parent.splice(index, 1);
  } else if (isJsonObject(parent) && Object.hasOwn(parent, leaf)) {
    Reflect.deleteProperty(parent, leaf);
  }
}
