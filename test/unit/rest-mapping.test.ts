import { parseRestConfiguration } from '../../src/connectors/rest/rest-configuration.js';
import { buildRequestBody, extractRecords, stepApplies, toConnectorObject } from '../../src/connectors/rest/rest-mapping.js';
import { nextCookie, pageRequest, positionOf } from '../../src/connectors/rest/rest-paging.js';
import type { ObjectTypeConfig } from '../../src/connectors/rest/rest-config-types.js';
import type { HttpResult } from '../../src/connectors/shared/http-client.js';
import type { JsonObject } from '../../src/util/json.js';

/** The compiled `__ACCOUNT__` of a configuration holding only `type`. */
function compile(type: JsonObject): ObjectTypeConfig {
  return parseRestConfiguration({ serviceUri: 'https://api.example.com', authenticationMethod: 'TOKEN', authToken: 't', objectTypes: { __ACCOUNT__: type } })
    .objectTypes.get('__ACCOUNT__')!;
}

const readOp = (mapping: JsonObject, extra: JsonObject = {}): JsonObject => ({ path: '/u', method: 'GET', idPath: 'id', namePath: 'userName', responseMapping: mapping, ...extra });

function result(body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { status: 200, headers, body, text: JSON.stringify(body) };
}

describe('SaaS REST responseMapping', () => {
  test('when the mapping is "/*": "/*", then every member of the object becomes an attribute', () => {
    const type = compile({ operations: { GET: readOp({ '/*': '/*' }) } });
    const [record] = extractRecords({ id: 'u1', userName: 'john', active: true }, type.get!.responseMapping);
    expect(record!.attributes).toEqual({ id: 'u1', userName: 'john', active: true });
  });

  test('when the mapping is empty, then it copies everything too', () => {
    const type = compile({ operations: { GET: readOp({}) } });
    expect(extractRecords({ id: 'u1', a: 1 }, type.get!.responseMapping)[0]!.attributes).toEqual({ id: 'u1', a: 1 });
  });

  test('when the seed\'s flat mapping with roles[*].role_id is applied, then roles is the list of role ids', () => {
    const type = compile({ operations: { GET: readOp({ roles: 'roles[*].role_id', first_name: 'first_name', created_at: 'created_at', active: 'active' }) } });
    const body = { id: 7, first_name: 'john', created_at: '2024-01-01', active: true, roles: [{ role_id: 'r1' }, { role_id: 'r2' }], other: 'x' };
    expect(extractRecords(body, type.get!.responseMapping)[0]!.attributes).toEqual({ roles: ['r1', 'r2'], first_name: 'john', created_at: '2024-01-01', active: true });
  });

  test('when the seed\'s {"users": {...}} mapping is applied to a list answer, then each element of users is an object', () => {
    const type = compile({ operations: { QUERY: readOp({ users: { roles: 'roles[*].role_id', first_name: 'first_name' } }) } });
    const body = { users: [{ id: 'a', first_name: 'A', roles: [] }, { id: 'b', first_name: 'B', roles: [{ role_id: 'x' }] }], next: 'c' };
    const records = extractRecords(body, type.query!.responseMapping);
    expect(records.map((r) => r.attributes)).toEqual([{ first_name: 'A', roles: [] }, { first_name: 'B', roles: ['x'] }]);
    expect(records.map((r) => (r.node as JsonObject).id)).toEqual(['a', 'b']);
  });

  test('when {"users": {"/*": "/*"}} is applied and users is absent, then there are no objects', () => {
    const type = compile({ operations: { QUERY: readOp({ users: { '/*': '/*' } }) } });
    expect(extractRecords({ total: 0 }, type.query!.responseMapping)).toEqual([]);
  });

  test('when the answer is a bare array, then each element is an object', () => {
    const type = compile({ operations: { QUERY: readOp({ '/*': '/*' }) } });
    expect(extractRecords([{ id: 'a' }, { id: 'b' }], type.query!.responseMapping)).toHaveLength(2);
  });

  test('when a nested entry sits beside flat ones, then it descends into the embedded object', () => {
    const type = compile({ operations: { GET: readOp({ profile: { email: 'email', given: 'name.given_name' }, role: 'roles[0].role_id' }, { idPath: 'profile.team_member_id', namePath: 'profile.email' }) } });
    const body = { profile: { team_member_id: 'dbmid:1', email: 'a@b.c', name: { given_name: 'A' } }, roles: [{ role_id: 'admin' }] };
    const [record] = extractRecords(body, type.get!.responseMapping);
    expect(record!.attributes).toEqual({ email: 'a@b.c', given: 'A', role: 'admin' });
    const object = toConnectorObject('__ACCOUNT__', record!, body, type.get!, []);
    expect(object.uid).toEqual({ value: 'dbmid:1' });
    expect(object.attributes.__NAME__).toBe('a@b.c');
  });

  test('when idPath is absolute and the object is found in a container, then it is read in the whole answer', () => {
    const type = compile({ operations: { GET: readOp({ members_info: { '/*': '/*' } }, { idPath: 'members_info[0].id', namePath: null }) } });
    const body = { members_info: [{ name: 'x' }] };
    const object = toConnectorObject('__ACCOUNT__', extractRecords(body, type.get!.responseMapping)[0]!, { members_info: [{ id: 'm1', name: 'x' }] }, type.get!, []);
    expect(object.uid.value).toBe('m1');
    expect(object.attributes.__NAME__).toBe('m1');
  });

  test('when an object has no id at idPath, then it is a connector I/O error naming idPath', () => {
    const type = compile({ operations: { GET: readOp({ '/*': '/*' }) } });
    expect(() => toConnectorObject('__ACCOUNT__', extractRecords({ name: 'x' }, type.get!.responseMapping)[0]!, { name: 'x' }, type.get!, [])).toThrow(/no id at "id"/);
  });

  test('when values are strings of typed fields, then the schema types them and MULTIVALUED makes lists', () => {
    const type = compile({
      schema: [{ fieldName: 'age', type: 'INTEGER' }, { fieldName: 'active', type: 'BOOLEAN' }, { fieldName: 'score', type: 'DECIMAL' }, { fieldName: 'tags', type: 'STRING', flags: ['MULTIVALUED'] }],
      operations: { GET: readOp({ '/*': '/*' }) },
    });
    const body = { id: 1, age: '42', active: 'true', score: '1.5', tags: 'a' };
    const object = toConnectorObject('__ACCOUNT__', extractRecords(body, type.get!.responseMapping)[0]!, body, type.get!, type.schema);
    expect(object.attributes).toMatchObject({ age: 42, active: true, score: 1.5, tags: ['a'] });
    expect(object.uid.value).toBe('1');
  });
});

describe('SaaS REST requestMapping', () => {
  test('when the seed\'s request mapping and body are used, then attributes land in users[0] beside active', () => {
    const type = compile({
      operations: { CREATE: { path: '/u', method: 'POST', requestMapping: { userName: 'users[0].userName', sn: 'users[0].sn', givenName: 'users[0].givenName' }, requestBody: { users: [{ active: true }] } } },
    });
    expect(buildRequestBody(type.create!, { userName: 'john', sn: 'doe', givenName: 'John', ignored: 'x' }, {})).toEqual({
      users: [{ active: true, userName: 'john', sn: 'doe', givenName: 'John' }],
    });
  });

  test('when there is no requestMapping, then attributes are sent under their own names, ICF __X__ names left out', () => {
    const type = compile({ operations: { CREATE: { path: '/u', method: 'POST' } } });
    expect(buildRequestBody(type.create!, { __NAME__: 'n', userName: 'john', mail: 'j@x' }, {})).toEqual({ userName: 'john', mail: 'j@x' });
  });

  test('when unflattenAttributes are configured, then lists of ids become lists of objects', () => {
    const type = compile({
      operations: { UPDATE: { path: '/u/{uid}', method: 'PUT', unflattenAttributes: [{ attributeName: 'role_ids', attributeValue: 'id' }, { attributeName: 'group_ids', attributeValue: 'id' }] } },
    });
    expect(buildRequestBody(type.update!, { role_ids: ['r1', 'r2'], group_ids: 'g1', name: 'x' }, {})).toEqual({
      role_ids: [{ id: 'r1' }, { id: 'r2' }], group_ids: [{ id: 'g1' }], name: 'x',
    });
  });

  test('when a body template holds {uid}, then the uid is substituted', () => {
    const type = compile({ operations: { UPDATE: { path: '/u', method: 'POST', requestBody: { user: { '.tag': 'id', id: '{uid}' } }, requestMapping: { mail: 'new_email' } } } });
    expect(buildRequestBody(type.update!, { mail: 'x@y' }, { uid: 'u1' })).toEqual({ user: { '.tag': 'id', id: 'u1' }, new_email: 'x@y' });
  });

  test('when a step maps attributes none of which are given, then it does not apply', () => {
    const type = compile({ operations: { CREATE: { path: '/u', method: 'POST', additionalStep: [{ path: '/u/{uid}/roles', method: 'POST', requestMapping: { roles: 'roles' } }] } } });
    const step = type.create!.additionalSteps[0]!;
    expect(stepApplies(step.requestMapping, { name: 'x' })).toBe(false);
    expect(stepApplies(step.requestMapping, { roles: ['a'] })).toBe(true);
  });
});

describe('SaaS REST pagination', () => {
  const pagination = (p: JsonObject): ObjectTypeConfig => compile({ operations: { QUERY: readOp({ '/*': '/*' }, { pagination: p, queryParams: { active: 'true' } }) } });

  test('when cookie paging is by param on the same path, then the first page has no cookie and the next page sends it', () => {
    const q = pagination({
      cookiePagination: { type: 'param', param: 'cursor={_pagedResultsCookie}' },
      pageSizePagination: { type: 'param', param: 'count={_pageSize}' },
      pagedResultsCookie: { type: 'body', path: 'nextCursor' },
    }).query!;
    const first = pageRequest(q, positionOf(q, 10, undefined, undefined), { filter: 'x' }, 'QUERY');
    expect(first).toMatchObject({ route: '/u', query: { active: 'true', filter: 'x', count: '10' } });
    expect(nextCookie(q, positionOf(q, 10, undefined, undefined), result({ nextCursor: 'abc', items: [] }), 10)).toBe('abc');
    const second = pageRequest(q, positionOf(q, 10, 'abc', undefined), { filter: 'x' }, 'QUERY');
    expect(second.query).toEqual({ active: 'true', filter: 'x', count: '10', cursor: 'abc' });
  });

  test('when cookie paging has its own path and body, then the following pages post only the cursor there', () => {
    const q = compile({
      operations: { QUERY: { path: '/members/list', method: 'POST', idPath: 'id', requestBody: { limit: '{_pageSize}' }, pagination: {
        cookiePagination: { type: 'body', path: '/members/list/continue', requestBody: { cursor: '{_pagedResultsCookie}' } },
        pagedResultsCookie: { type: 'body', path: 'cursor' },
      } } },
    }).query!;
    const first = pageRequest(q, positionOf(q, 5, undefined, undefined), {}, 'QUERY');
    expect(first).toMatchObject({ route: '/members/list', method: 'POST', body: { limit: 5 } });
    const next = pageRequest(q, positionOf(q, 5, 'c1', undefined), {}, 'QUERY');
    expect(next).toMatchObject({ route: '/members/list/continue', body: { cursor: 'c1' }, query: {} });
  });

  test('when the first page has no size, then a {_pageSize} body member is left out', () => {
    const q = compile({ operations: { QUERY: { path: '/m', method: 'POST', idPath: 'id', requestBody: { limit: '{_pageSize}', x: 1 } } } }).query!;
    expect(pageRequest(q, positionOf(q, undefined, undefined, undefined), {}, 'QUERY').body).toEqual({ x: 1 });
  });

  test('when the cookie comes back unchanged or the page is empty, then paging ends', () => {
    const q = pagination({ cookiePagination: { type: 'param', param: 'cursor={_pagedResultsCookie}' }, pagedResultsCookie: { type: 'body', path: 'cursor' } }).query!;
    expect(nextCookie(q, positionOf(q, 5, 'c1', undefined), result({ cursor: 'c1' }), 5)).toBeNull();
    expect(nextCookie(q, positionOf(q, 5, 'c1', undefined), result({ cursor: 'c2' }), 0)).toBeNull();
  });

  test('when the cookie is in a Link header, then the regularExpression extracts it', () => {
    const q = pagination({
      cookiePagination: { type: 'param', param: 'page_info={_pagedResultsCookie}' },
      pagedResultsCookie: { type: 'header', path: 'Link', regularExpression: 'page_info=([^&>]+)[^>]*>; rel="next"' },
    }).query!;
    const headers = { link: '<https://x.example/users?page_info=p2&limit=5>; rel="next"' };
    expect(nextCookie(q, positionOf(q, 5, undefined, undefined), result([], headers), 5)).toBe('p2');
    expect(nextCookie(q, positionOf(q, 5, undefined, undefined), result([], { link: '<https://x>; rel="prev"' }), 5)).toBeNull();
  });

  test('when offset paging is configured, then the cookie is the next offset while pages are full', () => {
    const q = pagination({ offSetPagination: { type: 'param', param: 'limit={_pageSize}&offset={_pagedResultsOffSet}' } }).query!;
    const first = positionOf(q, 2, undefined, undefined);
    expect(pageRequest(q, first, {}, 'QUERY').query).toEqual({ active: 'true', limit: '2', offset: '0' });
    expect(nextCookie(q, first, result([]), 2)).toBe('2');
    const second = positionOf(q, 2, '2', undefined);
    expect(pageRequest(q, second, {}, 'QUERY').query).toMatchObject({ offset: '2' });
    expect(nextCookie(q, second, result([]), 1)).toBeNull();
    expect(() => positionOf(q, 2, 'not-a-number', undefined)).toThrow(/not issued by this connector/);
  });

  test('when offset paging is by body, then offset and limit are merged into the request body', () => {
    const q = compile({ operations: { QUERY: { path: '/s', method: 'POST', idPath: 'id', requestBody: { query: 'x' }, pagination: { offSetPagination: { type: 'body', requestBody: { limit: '{_pageSize}', offset: '{_pagedResultsOffSet}' } } } } } }).query!;
    expect(pageRequest(q, positionOf(q, 3, undefined, 6), {}, 'QUERY').body).toEqual({ query: 'x', limit: 3, offset: 6 });
  });
});
