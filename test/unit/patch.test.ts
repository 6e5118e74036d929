import { applyPatch, hasValue, parsePatch, type PatchOperation, type PatchOperationType } from '../../src/crest/patch.js';
import { JsonPointer } from '../../src/crest/json-pointer.js';
import { ResourceError } from '../../src/crest/resource-error.js';
import type { JsonObject, JsonValue } from '../../src/util/json.js';

const NOT_AN_ARRAY =
  'The request could not be processed because the provided content is not a JSON array of patch operations';
const NOT_A_PATCH = 'The request could not be processed because the provided content is not a valid JSON patch';
const invalid = (detail: string): string => `${NOT_A_PATCH}: ${detail}`;

function caught(fn: () => unknown): ResourceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ResourceError) return error;
    throw error;
  }
  throw new Error('expected a ResourceError, but nothing was thrown');
}

function op(operation: PatchOperationType, field: string, rest: { value?: JsonValue; from?: string } = {}): PatchOperation {
  return {
    operation,
    field: JsonPointer.parse(field),
    ...(rest.value !== undefined ? { value: rest.value } : {}),
    ...(rest.from !== undefined ? { from: JsonPointer.parse(rest.from) } : {}),
  };
}

/**
 * Proves no prototype was touched. Jest runs tests in a vm context and structuredClone builds
 * objects in Node's main realm, so two Object.prototypes are in play: check both.
 */
function expectPrototypesUntouched(result: JsonObject): void {
  const resultPrototype = Object.getPrototypeOf(result) as object;
  for (const prototype of [Object.prototype, resultPrototype]) {
    expect(Object.getPrototypeOf(prototype)).toBeNull();
    expect(Object.hasOwn(prototype, 'hasOwnProperty')).toBe(true);
    expect(Object.hasOwn(prototype, 'polluted')).toBe(false);
    expect(Object.hasOwn(prototype.constructor, 'polluted')).toBe(false);
  }
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}

/** Parses a wire body then applies it: the way the routes will use this module. */
function patch(document: JsonObject, body: JsonValue): JsonObject {
  return applyPatch(document, parsePatch(body));
}

describe('parsePatch', () => {
  describe('rejections', () => {
    const rows: { name: string; body: unknown; message: string }[] = [
      { name: 'when the body is an object, then it is not a JSON array', body: { operation: 'add' }, message: NOT_AN_ARRAY },
      { name: 'when the body is null, then it is not a JSON array', body: null, message: NOT_AN_ARRAY },
      { name: 'when the body is a string, then it is not a JSON array', body: 'add', message: NOT_AN_ARRAY },
      { name: 'when an element is a number, then it is not a valid JSON patch', body: [5], message: NOT_A_PATCH },
      { name: 'when an element is null, then it is not a valid JSON patch', body: [null], message: NOT_A_PATCH },
      { name: 'when an element is an array, then it is not a valid JSON patch', body: [[]], message: NOT_A_PATCH },
      {
        name: 'when a later element is a string, then it is not a valid JSON patch',
        body: [{ operation: 'remove', field: '/a' }, 'remove'],
        message: NOT_A_PATCH,
      },
      {
        name: 'when operation is missing, then the null operation message is returned',
        body: [{ field: '/a', value: 1 }],
        message: invalid("Cannot instantiate PatchOperation with null 'operation' value"),
      },
      {
        name: 'when operation is null, then the null operation message is returned',
        body: [{ operation: null, field: '/a', value: 1 }],
        message: invalid("Cannot instantiate PatchOperation with null 'operation' value"),
      },
      {
        name: 'when both operation and field are missing, then operation is reported first',
        body: [{ value: 1 }],
        message: invalid("Cannot instantiate PatchOperation with null 'operation' value"),
      },
      {
        name: 'when field is missing, then the null field message is returned',
        body: [{ operation: 'add', value: 1 }],
        message: invalid("Cannot instantiate PatchOperation with null 'field' value"),
      },
      {
        name: 'when field is null, then the null field message is returned',
        body: [{ operation: 'remove', field: null }],
        message: invalid("Cannot instantiate PatchOperation with null 'field' value"),
      },
      {
        name: 'when the operation is unknown, then the invalid type message echoes it',
        body: [{ operation: 'frobnicate', field: '/a', value: 1 }],
        message: invalid('Invalid patch operation type frobnicate'),
      },
      {
        name: 'when the operation is unknown and value missing, then the type is reported first',
        body: [{ operation: 'upsert', field: '/a' }],
        message: invalid('Invalid patch operation type upsert'),
      },
      {
        name: 'when add has no value, then no value field is reported',
        body: [{ operation: 'add', field: '/a' }],
        message: invalid("No value field provided for 'add' operation"),
      },
      {
        name: 'when ADD (upper case) has no value, then the message keeps the caller spelling',
        body: [{ operation: 'ADD', field: '/a' }],
        message: invalid("No value field provided for 'ADD' operation"),
      },
      {
        name: 'when replace has a null value, then no value field is reported',
        body: [{ operation: 'replace', field: '/a', value: null }],
        message: invalid("No value field provided for 'replace' operation"),
      },
      {
        name: 'when increment has no value, then no value field is reported',
        body: [{ operation: 'increment', field: '/a' }],
        message: invalid("No value field provided for 'increment' operation"),
      },
      {
        name: 'when transform has no value, then no value field is reported',
        body: [{ operation: 'transform', field: '/a' }],
        message: invalid("No value field provided for 'transform' operation"),
      },
      {
        name: 'when add has a from field, then from is refused',
        body: [{ operation: 'add', field: '/a', value: 1, from: '/b' }],
        message: invalid("'add' does not accept from field"),
      },
      {
        name: 'when replace has an empty from field, then from is still refused',
        body: [{ operation: 'replace', field: '/a', value: 1, from: '' }],
        message: invalid("'replace' does not accept from field"),
      },
      {
        name: 'when increment has a from field, then from is refused before the numeric check',
        body: [{ operation: 'increment', field: '/a', value: 'x', from: '/b' }],
        message: invalid("'increment' does not accept from field"),
      },
      {
        name: 'when transform has a from field, then from is refused',
        body: [{ operation: 'Transform', field: '/a', value: 'x', from: '/b' }],
        message: invalid("'Transform' does not accept from field"),
      },
      {
        name: 'when remove has a from field, then from is refused',
        body: [{ operation: 'remove', field: '/a', from: '/b' }],
        message: invalid("'remove' does not accept from field"),
      },
      {
        name: 'when increment has a string value, then the value is non-numeric',
        body: [{ operation: 'increment', field: '/a', value: '1' }],
        message: invalid('Non-numeric value provided for increment operation'),
      },
      {
        name: 'when increment has an array value, then the value is non-numeric',
        body: [{ operation: 'increment', field: '/a', value: [1] }],
        message: invalid('Non-numeric value provided for increment operation'),
      },
      {
        name: 'when copy has no from, then no from field is reported',
        body: [{ operation: 'copy', field: '/a' }],
        message: invalid("No from field provided for 'copy' operation"),
      },
      {
        name: 'when move has an empty from, then no from field is reported',
        body: [{ operation: 'move', field: '/a', from: '' }],
        message: invalid("No from field provided for 'move' operation"),
      },
      {
        name: 'when move has the root pointer as from, then no from field is reported',
        body: [{ operation: 'MOVE', field: '/a', from: '/' }],
        message: invalid("No from field provided for 'MOVE' operation"),
      },
      {
        name: 'when copy has a value, then value is refused',
        body: [{ operation: 'copy', field: '/a', from: '/b', value: 1 }],
        message: invalid("'copy' does not accept value field"),
      },
      {
        name: 'when move has a false value, then value is refused (false is not absent)',
        body: [{ operation: 'move', field: '/a', from: '/b', value: false }],
        message: invalid("'move' does not accept value field"),
      },
      {
        name: 'when operation is a number, then the member is located and a string expected',
        body: [{ operation: 5, field: '/a' }],
        message: invalid('/0/operation: Expecting a java.lang.String'),
      },
      {
        name: 'when field of the second element is a number, then the member is located',
        body: [
          { operation: 'remove', field: '/a' },
          { operation: 'remove', field: 7 },
        ],
        message: invalid('/1/field: Expecting a java.lang.String'),
      },
      {
        name: 'when from is an object, then a string is expected',
        body: [{ operation: 'copy', field: '/a', from: { p: 1 } }],
        message: invalid('/0/from: Expecting a java.lang.String'),
      },
      {
        name: 'when field holds a malformed percent escape, then the pointer is named',
        body: [{ operation: 'remove', field: '/a%zz' }],
        message: invalid("/0/field: Invalid JSON pointer '/a%zz': Malformed escape pair at index 2: #a%zz"),
      },
      {
        name: 'when from holds an illegal character, then the pointer is named',
        body: [{ operation: 'copy', field: '/a', from: '/b c' }],
        message: invalid("/0/from: Invalid JSON pointer '/b c': Illegal character in fragment at index 2: #b c"),
      },
      {
        name: 'when operation is only inherited from a prototype, then it is not read',
        body: [Object.create({ operation: 'add', field: '/a', value: 1 }) as unknown],
        message: invalid("Cannot instantiate PatchOperation with null 'operation' value"),
      },
    ];

    it.each(rows)('$name', ({ body, message }) => {
      const error = caught(() => parsePatch(body));
      expect(error.code).toBe(400);
      expect(error.reason).toBe('Bad Request');
      expect(error.message).toBe(message);
    });
  });

  describe('accepted bodies', () => {
    const rows: { name: string; body: JsonValue; expected: { operation: string; field: string[]; value?: JsonValue; from?: string[] }[] }[] = [
      { name: 'when the array is empty, then there are no operations', body: [], expected: [] },
      {
        name: 'when operation names are mixed case, then they are normalised to lower case',
        body: [
          { operation: 'Add', field: '/a', value: 1 },
          { operation: 'REMOVE', field: '/b' },
          { operation: 'rEpLaCe', field: '/c', value: 'x' },
        ],
        expected: [
          { operation: 'add', field: ['a'], value: 1 },
          { operation: 'remove', field: ['b'] },
          { operation: 'replace', field: ['c'], value: 'x' },
        ],
      },
      {
        name: 'when the field has no leading slash, then it is still a pointer',
        body: [{ operation: 'remove', field: 'name' }],
        expected: [{ operation: 'remove', field: ['name'] }],
      },
      {
        name: 'when the field is percent-encoded, then the tokens are decoded',
        body: [{ operation: 'add', field: '/a%20b/c%2Fd', value: true }],
        expected: [{ operation: 'add', field: ['a b', 'c/d'], value: true }],
      },
      {
        name: 'when remove carries a null value, then the operation has no value',
        body: [{ operation: 'remove', field: '/a', value: null }],
        expected: [{ operation: 'remove', field: ['a'] }],
      },
      {
        name: 'when add carries falsy values, then they are kept as values',
        body: [
          { operation: 'add', field: '/a', value: false },
          { operation: 'add', field: '/b', value: 0 },
          { operation: 'add', field: '/c', value: '' },
        ],
        expected: [
          { operation: 'add', field: ['a'], value: false },
          { operation: 'add', field: ['b'], value: 0 },
          { operation: 'add', field: ['c'], value: '' },
        ],
      },
      {
        name: 'when move and copy carry from, then from is parsed as a pointer',
        body: [
          { operation: 'move', field: '/a', from: '/b/c' },
          { operation: 'copy', field: '/d/-', from: 'e' },
        ],
        expected: [
          { operation: 'move', field: ['a'], from: ['b', 'c'] },
          { operation: 'copy', field: ['d', '-'], from: ['e'] },
        ],
      },
      {
        name: 'when transform and increment are valid, then they parse',
        body: [
          { operation: 'transform', field: '/a', value: { script: 'x' } },
          { operation: 'increment', field: '/n', value: -2.5 },
        ],
        expected: [
          { operation: 'transform', field: ['a'], value: { script: 'x' } },
          { operation: 'increment', field: ['n'], value: -2.5 },
        ],
      },
    ];

    it.each(rows)('$name', ({ body, expected }) => {
      const parsed = parsePatch(body).map((o) => ({
        operation: o.operation,
        field: [...o.field.tokens],
        ...(o.value !== undefined ? { value: o.value } : {}),
        ...(o.from !== undefined ? { from: [...o.from.tokens] } : {}),
      }));
      expect(parsed).toEqual(expected);
    });

    const valueRows: { name: string; body: JsonValue; hasValue: boolean }[] = [
      { name: 'when remove has no value member, then hasValue is false', body: [{ operation: 'remove', field: '/a' }], hasValue: false },
      {
        name: 'when remove has a null value, then hasValue is false and value is absent',
        body: [{ operation: 'remove', field: '/a', value: null }],
        hasValue: false,
      },
      {
        name: 'when remove has a value, then hasValue is true',
        body: [{ operation: 'remove', field: '/a', value: 'x' }],
        hasValue: true,
      },
    ];

    it.each(valueRows)('$name', ({ body, hasValue: expected }) => {
      const [parsed] = parsePatch(body);
      expect(hasValue(parsed!)).toBe(expected);
      expect('value' in parsed!).toBe(expected);
    });
  });
});

describe('applyPatch', () => {
  describe('semantics', () => {
    const rows: { name: string; document: JsonObject; body: JsonValue; expected: JsonObject }[] = [
      // add
      {
        name: 'when add targets a new field, then it is set',
        document: { a: 1 },
        body: [{ operation: 'add', field: '/b', value: 'x' }],
        expected: { a: 1, b: 'x' },
      },
      {
        name: 'when add targets an existing scalar, then it is replaced',
        document: { a: 1 },
        body: [{ operation: 'add', field: '/a', value: 2 }],
        expected: { a: 2 },
      },
      {
        name: 'when add targets an existing array without -, then the whole array is replaced',
        document: { mail: ['a@x'] },
        body: [{ operation: 'add', field: '/mail', value: ['b@x'] }],
        expected: { mail: ['b@x'] },
      },
      {
        name: 'when add targets a nested missing path, then the parents are created',
        document: { a: 1 },
        body: [{ operation: 'add', field: '/x/y/z', value: true }],
        expected: { a: 1, x: { y: { z: true } } },
      },
      {
        name: 'when add targets a path through a null field, then the parent is created',
        document: { x: null },
        body: [{ operation: 'add', field: '/x/y', value: 1 }],
        expected: { x: { y: 1 } },
      },
      {
        name: 'when add targets /-, then the value is appended to the array',
        document: { mail: ['a@x'] },
        body: [{ operation: 'add', field: '/mail/-', value: 'b@x' }],
        expected: { mail: ['a@x', 'b@x'] },
      },
      {
        name: 'when add appends an array with /-, then it is appended as one element',
        document: { mail: ['a@x'] },
        body: [{ operation: 'add', field: '/mail/-', value: ['b@x', 'c@x'] }],
        expected: { mail: ['a@x', ['b@x', 'c@x']] },
      },
      {
        name: 'when add targets /- of a missing field, then an array is created',
        document: {},
        body: [{ operation: 'add', field: '/profile/mail/-', value: 'a@x' }],
        expected: { profile: { mail: ['a@x'] } },
      },
      {
        name: 'when add targets - on an object, then - is an ordinary key',
        document: { o: {} },
        body: [{ operation: 'add', field: '/o/-', value: 1 }],
        expected: { o: { '-': 1 } },
      },
      {
        name: 'when add targets a multi-digit index equal to the length, then the value is appended',
        document: { l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] },
        body: [{ operation: 'add', field: '/l/10', value: 10 }],
        expected: { l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
      },
      {
        name: 'when add targets an existing multi-digit index, then that element is replaced',
        document: { l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
        body: [{ operation: 'add', field: '/l/10', value: 'ten' }],
        expected: { l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 'ten'] },
      },
      {
        name: 'when add targets a single digit under an object, then it is an ordinary key',
        document: { o: { a: 1 } },
        body: [{ operation: 'add', field: '/o/0', value: 'zero' }],
        expected: { o: { a: 1, 0: 'zero' } },
      },
      {
        name: 'when add uses a percent-encoded key, then the decoded key is written',
        document: {},
        body: [{ operation: 'add', field: '/a%2Fb', value: 1 }],
        expected: { 'a/b': 1 },
      },
      // remove
      {
        name: 'when remove has no value, then the field is deleted',
        document: { a: 1, b: 2 },
        body: [{ operation: 'remove', field: '/a' }],
        expected: { b: 2 },
      },
      {
        name: 'when remove targets a nested field, then only that field is deleted',
        document: { a: { b: 1, c: 2 } },
        body: [{ operation: 'remove', field: '/a/b' }],
        expected: { a: { c: 2 } },
      },
      {
        name: 'when remove targets a missing field, then nothing changes',
        document: { a: 1 },
        body: [{ operation: 'remove', field: '/x/y' }],
        expected: { a: 1 },
      },
      {
        name: 'when remove targets a null field, then nothing changes',
        document: { a: null },
        body: [{ operation: 'remove', field: '/a' }],
        expected: { a: null },
      },
      {
        name: 'when remove with a value matches a scalar field, then the field is deleted',
        document: { a: 'x', b: 2 },
        body: [{ operation: 'remove', field: '/a', value: 'x' }],
        expected: { b: 2 },
      },
      {
        name: 'when remove with a value differs from a scalar field, then the field is kept',
        document: { a: 'x' },
        body: [{ operation: 'remove', field: '/a', value: 'y' }],
        expected: { a: 'x' },
      },
      {
        name: 'when remove with a value matches an object field in any key order, then the field is deleted',
        document: { a: { p: 1, q: [1, 2] } },
        body: [{ operation: 'remove', field: '/a', value: { q: [1, 2], p: 1 } }],
        expected: {},
      },
      {
        name: 'when remove with a value targets an array, then every equal element is removed',
        document: { mail: ['a', 'b', 'a', 'c', 'a'] },
        body: [{ operation: 'remove', field: '/mail', value: 'a' }],
        expected: { mail: ['b', 'c'] },
      },
      {
        name: 'when remove with an object value targets an array of objects, then equal objects are removed',
        document: {
          roles: [
            { _ref: 'r/1', props: { a: 1, b: 2 } },
            { _ref: 'r/2' },
            { props: { b: 2, a: 1 }, _ref: 'r/1' },
          ],
        },
        body: [{ operation: 'remove', field: '/roles', value: { _ref: 'r/1', props: { a: 1, b: 2 } } }],
        expected: { roles: [{ _ref: 'r/2' }] },
      },
      {
        name: 'when remove with a value absent from the array, then the array is unchanged',
        document: { mail: ['a', 'b'] },
        body: [{ operation: 'remove', field: '/mail', value: 'z' }],
        expected: { mail: ['a', 'b'] },
      },
      {
        name: 'when remove with an array value targets an array, then only elements equal to that array go',
        document: { l: [['a', 'b'], 'a', 'b'] },
        body: [{ operation: 'remove', field: '/l', value: ['a', 'b'] }],
        expected: { l: ['a', 'b'] },
      },
      {
        name: 'when remove with a number value targets an array, then strings that look alike stay',
        document: { l: [1, '1', 1.0, 2] },
        body: [{ operation: 'remove', field: '/l', value: 1 }],
        expected: { l: ['1', 2] },
      },
      {
        name: 'when remove targets a multi-digit index, then that element is removed',
        document: { l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
        body: [{ operation: 'remove', field: '/l/10' }],
        expected: { l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11] },
      },
      {
        name: 'when remove targets the root, then nothing changes',
        document: { a: 1 },
        body: [{ operation: 'remove', field: '/' }],
        expected: { a: 1 },
      },
      // replace
      {
        name: 'when replace targets an existing field, then it is set',
        document: { a: 1, b: 2 },
        body: [{ operation: 'replace', field: '/a', value: { n: 1 } }],
        expected: { a: { n: 1 }, b: 2 },
      },
      {
        name: 'when replace targets a missing nested field, then the parents are created',
        document: {},
        body: [{ operation: 'replace', field: '/a/b', value: [1] }],
        expected: { a: { b: [1] } },
      },
      {
        name: 'when replace targets a null field, then it is set',
        document: { a: null },
        body: [{ operation: 'replace', field: '/a', value: 'x' }],
        expected: { a: 'x' },
      },
      // increment
      {
        name: 'when increment targets a number, then the amount is added',
        document: { n: 5 },
        body: [{ operation: 'increment', field: '/n', value: 3 }],
        expected: { n: 8 },
      },
      {
        name: 'when increment has a negative amount, then the number is decremented',
        document: { c: { n: 5 } },
        body: [{ operation: 'increment', field: '/c/n', value: -7 }],
        expected: { c: { n: -2 } },
      },
      {
        name: 'when increment targets an array of numbers, then every element is incremented',
        document: { l: [1, 2.5, -3] },
        body: [{ operation: 'increment', field: '/l', value: 2 }],
        expected: { l: [3, 4.5, -1] },
      },
      {
        name: 'when increment targets an empty array, then it stays empty',
        document: { l: [] },
        body: [{ operation: 'increment', field: '/l', value: 2 }],
        expected: { l: [] },
      },
      {
        name: 'when increment adds a fraction to an integer, then the field stays integral as in IDM',
        document: { n: 5 },
        body: [{ operation: 'increment', field: '/n', value: 1.9 }],
        expected: { n: 6 },
      },
      {
        name: 'when increment adds to a fractional number, then the full amount is added',
        document: { n: 0.5 },
        body: [{ operation: 'increment', field: '/n', value: 1.25 }],
        expected: { n: 1.75 },
      },
      {
        name: 'when increment targets a multi-digit array index, then that element is incremented',
        document: { l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
        body: [{ operation: 'increment', field: '/l/10', value: 5 }],
        expected: { l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15] },
      },
      // move / copy
      {
        name: 'when move has an existing source, then the value leaves from and lands at field',
        document: { a: { b: 1 }, c: {} },
        body: [{ operation: 'move', field: '/c/d', from: '/a/b' }],
        expected: { a: {}, c: { d: 1 } },
      },
      {
        name: 'when move targets /- of an array, then the value is appended',
        document: { old: 'x', l: ['a'] },
        body: [{ operation: 'move', field: '/l/-', from: '/old' }],
        expected: { l: ['a', 'x'] },
      },
      {
        name: 'when move has a missing source, then nothing changes',
        document: { a: 1 },
        body: [{ operation: 'move', field: '/b', from: '/missing' }],
        expected: { a: 1 },
      },
      {
        name: 'when move has a null source, then nothing changes',
        document: { a: null },
        body: [{ operation: 'move', field: '/b', from: '/a' }],
        expected: { a: null },
      },
      {
        name: 'when copy has an existing source, then both places hold the value',
        document: { a: { b: [1, 2] } },
        body: [{ operation: 'copy', field: '/c', from: '/a' }],
        expected: { a: { b: [1, 2] }, c: { b: [1, 2] } },
      },
      {
        name: 'when copy has a missing source, then nothing changes',
        document: { a: 1 },
        body: [{ operation: 'copy', field: '/b', from: '/nope' }],
        expected: { a: 1 },
      },
      {
        name: 'when copy targets a multi-digit index, then the value is inserted there',
        document: { s: 'x', l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
        body: [{ operation: 'copy', field: '/l/10', from: '/s' }],
        expected: { s: 'x', l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 'x', 10] },
      },
      // sequences
      {
        name: 'when several operations are sent, then they apply in order on the running result',
        document: { n: 1 },
        body: [
          { operation: 'add', field: '/m', value: 10 },
          { operation: 'increment', field: '/m', value: 1 },
          { operation: 'copy', field: '/k', from: '/m' },
          { operation: 'remove', field: '/n' },
        ],
        expected: { m: 11, k: 11 },
      },
      {
        name: 'when no operations are sent, then the document is returned unchanged',
        document: { a: [1, { b: 2 }] },
        body: [],
        expected: { a: [1, { b: 2 }] },
      },
    ];

    it.each(rows)('$name', ({ document, body, expected }) => {
      expect(patch(document, body)).toEqual(expected);
    });
  });

  describe('failures', () => {
    const rows: { name: string; document: JsonObject; body: JsonValue; message: string }[] = [
      {
        name: 'when increment targets a missing field, then the field does not exist',
        document: { a: 1 },
        body: [{ operation: 'increment', field: '/b/c', value: 1 }],
        message: "The field '/b/c' does not exist",
      },
      {
        name: 'when increment targets a string, then the field is not a number',
        document: { a: '1' },
        body: [{ operation: 'increment', field: '/a', value: 1 }],
        message: "The field '/a' is not a number",
      },
      {
        name: 'when increment targets a null field, then the field is not a number',
        document: { a: null },
        body: [{ operation: 'increment', field: '/a', value: 1 }],
        message: "The field '/a' is not a number",
      },
      {
        name: 'when increment targets an array holding a string, then the field is not a number',
        document: { l: [1, 'two', 3] },
        body: [{ operation: 'increment', field: '/l', value: 1 }],
        message: "The field '/l' is not a number",
      },
      {
        name: 'when increment targets an object, then the field is not a number',
        document: { o: { n: 1 } },
        body: [{ operation: 'increment', field: '/o', value: 1 }],
        message: "The field '/o' is not a number",
      },
      {
        name: 'when a transform operation is applied, then it is not supported',
        document: { a: 1 },
        body: [{ operation: 'transform', field: '/a', value: 'content.a + 1' }],
        message: 'Transform patch operations are not supported',
      },
      {
        name: 'when add targets a single-digit index of an array, then it is position-based',
        document: { l: ['a', 'b'] },
        body: [{ operation: 'add', field: '/l/0', value: 'z' }],
        message: 'Position-based operation is not allowed: /l/0',
      },
      {
        name: 'when remove targets a single-digit index of an array, then it is position-based',
        document: { l: ['a', 'b'] },
        body: [{ operation: 'remove', field: '/l/1' }],
        message: 'Position-based operation is not allowed: /l/1',
      },
      {
        name: 'when replace targets a single-digit index past the end of an array, then it is position-based',
        document: { l: [] },
        body: [{ operation: 'replace', field: 'l/9', value: 1 }],
        message: 'Position-based operation is not allowed: /l/9',
      },
      {
        name: 'when increment targets a single-digit index of a nested array, then it is position-based',
        document: { a: { l: [1] } },
        body: [{ operation: 'increment', field: '/a/l/0', value: 1 }],
        message: 'Position-based operation is not allowed: /a/l/0',
      },
      {
        name: 'when copy targets a single-digit index of an array, then it is position-based',
        document: { s: 1, l: [0] },
        body: [{ operation: 'copy', field: '/l/0', from: '/s' }],
        message: 'Position-based operation is not allowed: /l/0',
      },
      {
        name: 'when an earlier operation made the parent an array, then the later one is position-based',
        document: {},
        body: [
          { operation: 'add', field: '/l', value: [1] },
          { operation: 'remove', field: '/l/0' },
        ],
        message: 'Position-based operation is not allowed: /l/0',
      },
      {
        name: 'when add targets a multi-digit index past the end, then the index is out of range',
        document: { l: [1, 2, 3] },
        body: [{ operation: 'add', field: '/l/12', value: 1 }],
        message: '/l: List index out of range: 12',
      },
      {
        name: 'when add would create an array element out of nothing, then a value is expected',
        document: {},
        body: [{ operation: 'add', field: '/l/0/name', value: 1 }],
        message: '/l: Expecting a value',
      },
      {
        name: 'when add goes through a scalar, then a map or list is expected',
        document: { name: 'Ann' },
        body: [{ operation: 'add', field: '/name/first', value: 'Ann' }],
        message: '/name: Expecting a Map or List',
      },
      {
        name: 'when add goes through a scalar deeper down, then the scalar is named',
        document: { name: 'Ann' },
        body: [{ operation: 'add', field: '/name/first/x', value: 'Ann' }],
        message: '/name: Expecting a Map or List',
      },
      {
        name: 'when add names a non-index token under an array, then the index is out of range',
        document: { l: [] },
        body: [{ operation: 'add', field: '/l/x/y', value: 1 }],
        message: '/l: List index out of range: x',
      },
      {
        name: 'when add targets the root, then it is refused',
        document: { a: 1 },
        body: [{ operation: 'add', field: '/', value: { b: 1 } }],
        message: 'A patch operation cannot target the root of the resource',
      },
      {
        name: 'when replace targets the root, then it is refused',
        document: { a: 1 },
        body: [{ operation: 'replace', field: '', value: { b: 1 } }],
        message: 'A patch operation cannot target the root of the resource',
      },
      {
        name: 'when increment targets the root, then the root is not a number',
        document: { a: 1 },
        body: [{ operation: 'increment', field: '/', value: 1 }],
        message: "The field '/' is not a number",
      },
      {
        name: 'when copy targets an existing key, then the key already exists',
        document: { a: 1, b: 2 },
        body: [{ operation: 'copy', field: '/b', from: '/a' }],
        message: '/: Map key b already exists',
      },
      {
        name: 'when move targets an existing nested key, then the key already exists',
        document: { a: 1, o: { b: 2 } },
        body: [{ operation: 'move', field: '/o/b', from: '/a' }],
        message: '/o: Map key b already exists',
      },
      {
        name: 'when move targets a missing parent, then a value is expected',
        document: { a: 1 },
        body: [{ operation: 'move', field: '/x/y/z', from: '/a' }],
        message: '/x: Expecting a value',
      },
      {
        name: 'when move targets the root, then it is refused',
        document: { a: 1 },
        body: [{ operation: 'move', field: '/', from: '/a' }],
        message: 'A patch operation cannot target the root of the resource',
      },
    ];

    it.each(rows)('$name', ({ document, body, message }) => {
      const error = caught(() => patch(document, body));
      expect(error.code).toBe(400);
      expect(error.message).toBe(message);
    });

    const programmatic: { name: string; operation: PatchOperation; message: string }[] = [
      {
        name: 'when an operation built in code has a non-numeric increment, then it is refused like a parsed one',
        operation: op('increment', '/n', { value: 'x' }),
        message: invalid('Non-numeric value provided for increment operation'),
      },
      {
        name: 'when an operation built in code lacks a value for add, then no value field is reported',
        operation: op('add', '/n'),
        message: invalid("No value field provided for 'add' operation"),
      },
      {
        name: 'when an operation built in code is a copy without from, then no from field is reported',
        operation: op('copy', '/n'),
        message: invalid("No from field provided for 'copy' operation"),
      },
      {
        name: 'when an operation built in code has an unknown type, then it is an invalid type',
        operation: { operation: 'upsert' as string as PatchOperationType, field: JsonPointer.parse('/n') },
        message: invalid('Invalid patch operation type upsert'),
      },
    ];

    it.each(programmatic)('$name', ({ operation, message }) => {
      const error = caught(() => applyPatch({ n: 1 }, [operation]));
      expect(error.code).toBe(400);
      expect(error.message).toBe(message);
    });
  });

  describe('immutability and atomicity', () => {
    it('when a patch succeeds, then the input document is untouched and shares nothing with the result', () => {
      const document: JsonObject = { a: { b: [1, 2] }, n: 1 };
      const snapshot = structuredClone(document);
      const result = patch(document, [
        { operation: 'add', field: '/a/b/-', value: 3 },
        { operation: 'increment', field: '/n', value: 1 },
        { operation: 'remove', field: '/a/c' },
      ]);
      expect(document).toEqual(snapshot);
      expect(result).toEqual({ a: { b: [1, 2, 3] }, n: 2 });
      expect(result.a).not.toBe(document.a);
    });

    it('when a later operation fails, then the input is untouched and no partial result escapes', () => {
      const document: JsonObject = { a: 1, l: [1, 2] };
      const snapshot = structuredClone(document);
      const error = caught(() =>
        patch(document, [
          { operation: 'add', field: '/b', value: 2 },
          { operation: 'increment', field: '/l', value: 1 },
          { operation: 'increment', field: '/missing', value: 1 },
        ]),
      );
      expect(error.message).toBe("The field '/missing' does not exist");
      expect(document).toEqual(snapshot);
    });

    it('when the result is modified, then the operation value is not affected', () => {
      const operations = parsePatch([{ operation: 'add', field: '/o', value: { list: [1] } }]);
      const result = applyPatch({}, operations);
      ((result.o as JsonObject).list as JsonValue[]).push(2);
      expect(operations[0]!.value).toEqual({ list: [1] });
    });

    it('when a value is copied, then the copy and the source are independent', () => {
      const result = patch({ a: { l: [1] } }, [{ operation: 'copy', field: '/b', from: '/a' }]);
      ((result.b as JsonObject).l as JsonValue[]).push(2);
      expect(result.a).toEqual({ l: [1] });
    });
  });

  describe('prototype pollution', () => {
    const rows: { name: string; document: () => JsonObject; body: () => JsonValue; key: string; expected: JsonValue }[] = [
      {
        name: 'when add targets /__proto__/polluted, then __proto__ is a plain key',
        document: () => ({}),
        body: () => [{ operation: 'add', field: '/__proto__/polluted', value: true }],
        key: '__proto__',
        expected: { polluted: true },
      },
      {
        name: 'when add targets /constructor/prototype/polluted, then constructor is a plain key',
        document: () => ({}),
        body: () => [{ operation: 'add', field: '/constructor/prototype/polluted', value: true }],
        key: 'constructor',
        expected: { prototype: { polluted: true } },
      },
      {
        name: 'when replace targets /__proto__, then an own __proto__ member is written',
        document: () => ({ a: 1 }),
        body: () => [{ operation: 'replace', field: '/__proto__', value: { polluted: true } }],
        key: '__proto__',
        expected: { polluted: true },
      },
      {
        name: 'when the document already has an own __proto__ member, then it is patched as data',
        document: () => JSON.parse('{"__proto__": {"x": 1}}') as JsonObject,
        body: () => [{ operation: 'add', field: '/__proto__/polluted', value: true }],
        key: '__proto__',
        expected: { x: 1, polluted: true },
      },
      {
        name: 'when the value carries an own __proto__ member, then it stays an own member',
        document: () => ({}),
        body: () => JSON.parse('[{"operation": "add", "field": "/p", "value": {"__proto__": {"polluted": true}}}]') as JsonValue,
        key: 'p',
        expected: JSON.parse('{"__proto__": {"polluted": true}}') as JsonValue,
      },
      {
        name: 'when copy targets /__proto__, then the copy is an own member',
        document: () => ({ src: { polluted: true } }),
        body: () => [{ operation: 'copy', field: '/__proto__', from: '/src' }],
        key: '__proto__',
        expected: { polluted: true },
      },
      {
        name: 'when move targets /prototype, then prototype is a plain key',
        document: () => ({ src: { polluted: true } }),
        body: () => [{ operation: 'move', field: '/prototype', from: '/src' }],
        key: 'prototype',
        expected: { polluted: true },
      },
    ];

    it.each(rows)('$name', ({ document, body, key, expected }) => {
      const result = patch(document(), body());
      expect(Object.hasOwn(result, key)).toBe(true);
      expect(result[key]).toEqual(expected);
      expectPrototypesUntouched(result);
      expect(JSON.stringify(result)).toContain(`"${key}":`);
    });

    it('when remove targets /__proto__ of a document without one, then Object.prototype is untouched', () => {
      const result = patch({ a: 1 }, [{ operation: 'remove', field: '/__proto__' }]);
      expect(result).toEqual({ a: 1 });
      expectPrototypesUntouched(result);
    });

    it('when an own __proto__ member is removed, then only that member goes', () => {
      const result = patch(JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as JsonObject, [
        { operation: 'remove', field: '/__proto__' },
      ]);
      expect(Object.hasOwn(result, '__proto__')).toBe(false);
      expect(result).toEqual({ a: 1 });
      expectPrototypesUntouched(result);
    });

    it('when increment targets /constructor, then an inherited member is not found', () => {
      const error = caught(() => patch({}, [{ operation: 'increment', field: '/constructor', value: 1 }]));
      expect(error.message).toBe("The field '/constructor' does not exist");
    });
  });
});
