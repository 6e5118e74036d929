import { JsonPointer } from '../../src/crest/json-pointer.js';
import { parseQueryFilter } from '../../src/crest/query-filter.js';
import { ResourceError } from '../../src/crest/resource-error.js';
import { ObjectType } from '../../src/provisioner/object-type.js';
import type { ConnectorObject } from '../../src/provisioner/objects.js';

const type = new ObjectType('account', {
  nativeType: '__ACCOUNT__',
  properties: {
    uid: { type: 'string', nativeName: '__NAME__', required: true },
    lastName: { type: 'string', nativeName: 'sn', required: true },
    age: { type: 'integer', nativeName: 'age' },
    active: { type: 'boolean', nativeName: 'enabled' },
    groups: { type: 'array', items: { type: 'string' }, nativeName: '__GROUPS__', flags: ['NOT_RETURNED_BY_DEFAULT'] },
    mail: { type: 'string', nativeName: 'mail', flags: ['MULTIVALUED'] },
    created: { type: 'string', nativeName: 'createTimestamp', flags: ['NOT_CREATABLE', 'NOT_UPDATEABLE'] },
    secret: { type: 'string', nativeName: '__PASSWORD__', nativeType: 'JAVA_TYPE_GUARDEDSTRING', flags: ['NOT_READABLE', 'NOT_RETURNED_BY_DEFAULT'] },
    phone: { type: 'string', nativeName: 'phone' },
  },
});

function badRequest(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ResourceError && error.code === 400) return error.message;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('object type: writes', () => {
  test('when a create body is valid, then IDM names become native names and __NAME__ comes from the name property', () => {
    expect(type.createAttributes({ uid: 'bj', lastName: 'Jensen', age: 30, mail: 'a@x', secret: 's3', _id: 'ignored' }))
      .toEqual({ __NAME__: 'bj', sn: 'Jensen', age: 30, mail: ['a@x'], __PASSWORD__: 's3' });
  });

  test('when values arrive as strings of the declared type, then they are coerced as IDM coerces', () => {
    expect(type.createAttributes({ uid: 'bj', lastName: 'J', age: '31', active: 'true' })).toMatchObject({ age: 31, enabled: true });
  });

  test('when a NOT_CREATABLE property is sent on create, then it is silently dropped', () => {
    expect(type.createAttributes({ uid: 'bj', lastName: 'J', created: 'now' })).not.toHaveProperty('createTimestamp');
  });

  test('when a PUT body carries a NOT_UPDATEABLE property, then it is dropped and null clears the others', () => {
    expect(type.updateAttributes({ created: 'x', phone: null, lastName: 'K' })).toEqual({ phone: null, sn: 'K' });
  });

  test('when a PUT sets the password to null, then it is not sent (IDM never clears a GuardedString that way)', () => {
    expect(type.updateAttributes({ secret: null })).toEqual({});
  });

  test.each([
    [{ uid: 'bj' }, "Required attribute 'lastName' value is null"],
    [{ uid: 'bj', lastName: null }, "Required attribute 'lastName' value is null"],
    [{ uid: 'bj', lastName: 'J', nope: 1 }, 'Target does not support attribute nope'],
    [{ uid: 'bj', lastName: 'J', age: 'twenty' }, 'Failed build age attribute.'],
    [{ uid: 'bj', lastName: 'J', groups: [{ a: 1 }] }, 'Failed build groups attribute.'],
  ])('when a create body is %j, then 400 "%s"', (body, message) => {
    expect(badRequest(() => type.createAttributes(body))).toBe(message);
  });
});

describe('object type: reads', () => {
  const object: ConnectorObject = {
    objectClass: '__ACCOUNT__',
    uid: { value: 'u1', revision: '7' },
    attributes: { __NAME__: 'bj', sn: 'Jensen', age: '42', enabled: 'false', __GROUPS__: ['g1'], mail: 'one@x', __PASSWORD__: 'secret', phone: null, extra: 'dropped' },
  };

  test('when a connector object is read, then readable default properties are typed, nulls absent, unknowns dropped', () => {
    expect(type.toResource(object)).toEqual({ _id: 'u1', _rev: '7', uid: 'bj', lastName: 'Jensen', age: 42, active: false, mail: ['one@x'] });
  });

  test('when _fields names a NOT_RETURNED_BY_DEFAULT property, then only it comes back (and never a NOT_READABLE one)', () => {
    const fields = ['groups', 'secret'].map((f) => JsonPointer.parse(f));
    expect(type.toResource(object, fields)).toEqual({ _id: 'u1', _rev: '7', groups: ['g1'] });
    expect(type.attributesToGet(fields)).toEqual(['__GROUPS__']);
  });

  test('when no _fields are given, then attributes-to-get are the readable, returned-by-default native names', () => {
    expect(type.attributesToGet(undefined)).toEqual(['__NAME__', 'sn', 'age', 'enabled', 'mail', 'createTimestamp', 'phone']);
  });

  test('when absentIfNull is false and absentIfEmpty is true, then nulls stay and empty arrays go', () => {
    const t = new ObjectType('a', { nativeType: '__ACCOUNT__', absentIfNull: false, absentIfEmpty: true, properties: { phone: { type: 'string' }, tags: { type: 'array' } } });
    expect(t.toResource({ objectClass: '__ACCOUNT__', uid: { value: 'x' }, attributes: { phone: null, tags: [] } })).toEqual({ _id: 'x', phone: null });
  });
});

describe('object type: filters', () => {
  test.each([
    ['true', null],
    ['false', false],
    ['uid eq "bj"', { type: 'eq', attribute: '__NAME__', value: 'bj' }],
    ['_id eq 5', { type: 'eq', attribute: '__UID__', value: '5' }],
    ['age gt "30"', { type: 'gt', attribute: 'age', value: 30 }],
    ['lastName sw "J" and true', { type: 'sw', attribute: 'sn', value: 'J' }],
    ['lastName sw "J" or true', null],
    ['! (age lt 3)', { type: 'not', filter: { type: 'lt', attribute: 'age', value: 3 } }],
    ['nope pr', false],
    ['phone pr or nope pr', { type: 'pr', attribute: 'phone' }],
    ['/lastName ew "n"', { type: 'ew', attribute: 'sn', value: 'n' }],
  ])('when the filter is %s, then the connector filter is %j', (text, expected) => {
    expect(type.translateFilter(parseQueryFilter(text))).toEqual(expected);
  });

  test.each([
    ['nope eq 1', 'Attribute nope does not exist as part of __ACCOUNT__'],
    ['lastName/x eq 1', 'Only one level JsonPointer supported'],
    ['lastName regex "x"', 'ExtendedMatchFilter is not supported'],
  ])('when the filter is %s, then 400 "%s"', (text, message) => {
    expect(badRequest(() => type.translateFilter(parseQueryFilter(text)))).toBe(message);
  });

  test('when sort keys name IDM properties and _id, then native names are used', () => {
    const keys = [{ field: JsonPointer.parse('lastName'), ascending: false }, { field: JsonPointer.parse('_id'), ascending: true }];
    expect(type.sortKeys(keys)).toEqual([{ attribute: 'sn', ascending: false }, { attribute: '__UID__', ascending: true }]);
  });
});
