import { isPlain, parsePath, PathSyntaxError, plainName, readPath, writePath } from '../../src/connectors/rest/json-path.js';
import { parseParams, substituteJson, substituteText } from '../../src/connectors/rest/template.js';
import type { JsonObject } from '../../src/util/json.js';

describe('SaaS REST paths: parsing', () => {
  test.each([
    ['id', [{ kind: 'key', key: 'id' }]],
    ['name.familyName', [{ kind: 'key', key: 'name' }, { kind: 'key', key: 'familyName' }]],
    ['users[0].userName', [{ kind: 'key', key: 'users' }, { kind: 'index', index: 0 }, { kind: 'key', key: 'userName' }]],
    ['roles[*].role_id', [{ kind: 'key', key: 'roles' }, { kind: 'all' }, { kind: 'key', key: 'role_id' }]],
    ['[*]', [{ kind: 'all' }]],
    ['/profile/email', [{ kind: 'key', key: 'profile' }, { kind: 'key', key: 'email' }]],
  ])('when "%s" is parsed, then its steps are read left to right', (text, steps) => {
    expect(parsePath(text).steps).toEqual(steps);
  });

  test.each(['', 'a..b', 'a.', 'a[', 'roles[*.id', 'a[x]', '/*', '.a', '//a'])('when "%s" is parsed, then it is a PathSyntaxError', (text) => {
    expect(() => parsePath(text)).toThrow(PathSyntaxError);
  });

  test('when a path fans out, then it is multi and its plain name drops indexes', () => {
    const path = parsePath('emails[0].value');
    expect(path.multi).toBe(false);
    expect(plainName(path)).toBe('emails.value');
    expect(isPlain(path)).toBe(false);
    expect(parsePath('roles[*].role_id').multi).toBe(true);
    expect(isPlain(parsePath('name.givenName'))).toBe(true);
  });
});

describe('SaaS REST paths: reading', () => {
  const body: JsonObject = {
    id: 'u1',
    name: { familyName: 'doe' },
    roles: [{ role_id: 'r1' }, { role_id: 'r2' }, { other: 1 }],
    teams: [{ members: [{ id: 'a' }, { id: 'b' }] }, { members: [{ id: 'c' }] }],
    emails: [{ value: 'x@example.com' }],
  };

  test('when a nested key is read, then its value comes back; an absent key is undefined', () => {
    expect(readPath(body, parsePath('name.familyName'))).toBe('doe');
    expect(readPath(body, parsePath('name.givenName'))).toBeUndefined();
    expect(readPath(body, parsePath('emails[0].value'))).toBe('x@example.com');
    expect(readPath(body, parsePath('emails[3].value'))).toBeUndefined();
  });

  test('when [*].field is read, then the field of every element comes back, absent ones left out', () => {
    expect(readPath(body, parsePath('roles[*].role_id'))).toEqual(['r1', 'r2']);
  });

  test('when two fan-outs are read, then the result is flat', () => {
    expect(readPath(body, parsePath('teams[*].members[*].id'))).toEqual(['a', 'b', 'c']);
  });

  test('when [*] is read on a missing array, then it is undefined (not an empty list)', () => {
    expect(readPath(body, parsePath('groups[*].id'))).toBeUndefined();
  });
});

describe('SaaS REST paths: writing', () => {
  test('when users[0].userName is written into a template, then the template keeps its other members', () => {
    const target: JsonObject = { users: [{ active: true }] };
    writePath(target, parsePath('users[0].userName'), 'john');
    expect(target).toEqual({ users: [{ active: true, userName: 'john' }] });
  });

  test('when an absent nested path is written, then objects and arrays are created on the way', () => {
    const target: JsonObject = {};
    writePath(target, parsePath('name.familyName'), 'doe');
    writePath(target, parsePath('emails[0].value'), 'x@example.com');
    expect(target).toEqual({ name: { familyName: 'doe' }, emails: [{ value: 'x@example.com' }] });
  });

  test('when a list is written through [*].id, then each value becomes an element', () => {
    const target: JsonObject = {};
    writePath(target, parsePath('groups[*].id'), ['a', 'b']);
    expect(target).toEqual({ groups: [{ id: 'a' }, { id: 'b' }] });
  });
});

describe('SaaS REST templates', () => {
  test('when a body template holds exactly one variable, then the value keeps its type', () => {
    expect(substituteJson({ limit: '{_pageSize}', offset: '{_pagedResultsOffSet}', user: { id: '{uid}' } }, { _pageSize: 50, _pagedResultsOffSet: 100, uid: 'u1' }))
      .toEqual({ limit: 50, offset: 100, user: { id: 'u1' } });
  });

  test('when a variable is embedded in text, then it is replaced as text; unknown braces stay', () => {
    expect(substituteText('/users/{uid}/roles?x={other}', { uid: 'a b' }, encodeURIComponent)).toBe('/users/a%20b/roles?x={other}');
  });

  test('when a body variable is unset, then it becomes null', () => {
    expect(substituteJson({ cookie: '{_pagedResultsCookie}' }, {})).toEqual({ cookie: null });
  });

  test('when param pagination text is parsed, then name → template pairs come back', () => {
    expect(parseParams('limit={_pageSize}&offSet={_pagedResultsOffSet}')).toEqual({ limit: '{_pageSize}', offSet: '{_pagedResultsOffSet}' });
    expect(parseParams('cursor={_pagedResultsCookie}')).toEqual({ cursor: '{_pagedResultsCookie}' });
    expect(parseParams('usemarker=true&marker={_pagedResultsCookie}')).toEqual({ usemarker: 'true', marker: '{_pagedResultsCookie}' });
  });
});
