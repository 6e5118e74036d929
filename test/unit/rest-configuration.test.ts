import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseRestConfiguration, validateRestConfiguration } from '../../src/connectors/rest/rest-configuration.js';
import type { JsonObject } from '../../src/util/json.js';

const REPO = resolve(import.meta.dirname, '../..');

/** The seed's "Sample Configuration", verbatim (nulls and all). */
const SEED_SAMPLE = (JSON.parse(readFileSync(join(REPO, 'test/fixtures/rest/seed-sample-configuration.json'), 'utf8')) as { configurationProperties: JsonObject })
  .configurationProperties;

const CONNECTION: JsonObject = { serviceUri: 'https://api.example.com/v1', authenticationMethod: 'TOKEN', authToken: 't' };

/** A configuration with one `__ACCOUNT__` type whose members are `type`. */
function withType(type: JsonObject): JsonObject {
  return { ...CONNECTION, objectTypes: { __ACCOUNT__: type } };
}

const FULL_TYPE: JsonObject = {
  schema: [
    { fieldName: 'userName', type: 'STRING', flags: ['REQUIRED'] },
    { fieldName: 'roles', type: 'STRING', flags: ['MULTIVALUED'] },
    { fieldName: 'active', type: 'BOOLEAN', flags: [] },
    { fieldName: 'groups', type: 'STRING', flags: ['MULTIVALUED', 'NOT_CREATABLE', 'NOT_UPDATEABLE'] },
  ],
  operations: {
    GET: {
      path: '/users/{uid}', method: 'GET', idPath: 'id', namePath: 'userName',
      headers: { 'X-Trace': 'get-{uid}' }, queryParams: { expand: 'roles' },
      responseMapping: { user: { userName: 'userName', roles: 'roles[*].role_id', active: 'active' } },
      additionalStep: [{ resourceName: 'groups', method: 'GET', path: '/users/{uid}/groups', valuePath: 'entries[*].id' }],
    },
    QUERY: {
      path: '/users', method: 'POST', idPath: 'id', namePath: 'userName',
      requestBody: { query: { active: true } },
      responseMapping: { users: { '/*': '/*' } },
      pagination: {
        cookiePagination: { type: 'body', requestBody: { cursor: '{_pagedResultsCookie}' }, path: '/users/continue' },
        pageSizePagination: { type: 'param', param: 'limit={_pageSize}' },
        pagedResultsCookie: { type: 'header', path: 'Link', regularExpression: 'cursor=([^&>]+)' },
      },
    },
    CREATE: {
      path: '/users', method: 'POST', idPath: 'users[0].id',
      requestMapping: { userName: 'users[0].userName', roles: 'users[0].roles' },
      requestBody: { users: [{ active: true }] },
      unflattenAttributes: [{ attributeName: 'roles', attributeValue: 'id' }],
      additionalStep: { method: 'POST', path: '/users/{uid}/activate', requestMapping: null, requestBody: { now: true } },
    },
    UPDATE: { path: '/users/{uid}', method: 'PATCH', requestMapping: {}, unflattenAttributes: [] },
    DELETE: { path: '/users/{uid}', method: 'DELETE', headers: {}, queryParams: {}, requestBody: {}, additionalStep: {} },
  },
  exceptions: {
    ALREADY_EXIST: [{ code: '409', messageErrorPath: 'error.message', regularExpression: 'already' }],
    NOT_FOUND: [{ code: 404, messageErrorPath: 'detail' }],
  },
  attrToGetKey: 'fields',
  filters: { quotes: '%22', separator: '%20', queryParamKey: 'filter', operators: { equals: 'eq', and: 'and' } },
};

describe('SaaS REST configuration: the seed sample', () => {
  test('when the seed sample configuration (with its nulls) is read, then it has no problem', () => {
    expect(validateRestConfiguration(SEED_SAMPLE)).toEqual([]);
  });

  test('when the seed sample is parsed, then __ACCOUNT__ exists with no operation configured and OAuth refresh_token settings', () => {
    const config = parseRestConfiguration(SEED_SAMPLE);
    const account = config.objectTypes.get('__ACCOUNT__')!;
    expect(account).toMatchObject({ schema: [], get: undefined, query: undefined, create: undefined, update: undefined, delete: undefined, exceptions: [], filters: undefined });
    expect(config.settings.auth).toMatchObject({ method: 'OAUTH', prefix: 'Bearer', oauth: { grantType: 'refresh_token', useBasicAuth: true } });
    expect(config.settings.http.maximumConnections).toBe(10);
  });

  test('when OAUTH uses jwt_bearer with the seed\'s JWT keys, then the signer settings are read', () => {
    const config = parseRestConfiguration({
      ...SEED_SAMPLE, grantType: 'jwt_bearer', clientSecret: null, refreshToken: null,
      jwtPem: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----', jwtAlgorithm: 'RS256', jwtExpiration: 120, jwtKey: 'kid-1', jwtClaims: { sub: 'svc', aud: 'api' },
    });
    expect(config.settings.auth).toMatchObject({ method: 'OAUTH', oauth: { grantType: 'jwt_bearer', jwt: { algorithm: 'RS256', expirationSeconds: 120, keyId: 'kid-1', claims: { sub: 'svc', aud: 'api' } } } });
  });

  test('when the seed table default objectTypes is read, then it is valid', () => {
    expect(validateRestConfiguration({ ...CONNECTION, objectTypes: { __ACCOUNT__: { schema: [], operations: {}, exceptions: {} } } })).toEqual([]);
  });
});

describe('SaaS REST configuration: the whole language', () => {
  test('when every documented key is used, then it compiles without problems', () => {
    expect(validateRestConfiguration(withType(FULL_TYPE))).toEqual([]);
  });

  test('when every documented key is used, then operations, pagination, exceptions and filters are compiled', () => {
    const account = parseRestConfiguration(withType(FULL_TYPE)).objectTypes.get('__ACCOUNT__')!;
    expect(account.schema.map((f) => [f.fieldName, f.type, f.flags])).toEqual([
      ['userName', 'STRING', ['REQUIRED']], ['roles', 'STRING', ['MULTIVALUED']], ['active', 'BOOLEAN', []],
      ['groups', 'STRING', ['MULTIVALUED', 'NOT_CREATABLE', 'NOT_UPDATEABLE']],
    ]);
    expect(account.get).toMatchObject({ path: '/users/{uid}', method: 'GET', headers: { 'X-Trace': 'get-{uid}' }, queryParams: { expand: 'roles' } });
    expect(account.get!.idPath.text).toBe('id');
    const nested = account.get!.responseMapping.nested.get('user')!;
    expect(nested.fields.get('roles')).toMatchObject({ text: 'roles[*].role_id', multi: true });
    expect(account.get!.additionalSteps[0]).toMatchObject({ resourceName: 'groups', path: '/users/{uid}/groups', valuePath: { text: 'entries[*].id' } });
    expect(account.query!.responseMapping.nested.get('users')!.copyAll).toBe(true);
    expect(account.query!.requestBody).toEqual({ query: { active: true } });
    expect(account.query!.pagination).toMatchObject({
      offset: undefined,
      cookie: { type: 'body', requestBody: { cursor: '{_pagedResultsCookie}' }, path: '/users/continue' },
      pageSize: { type: 'param', params: { limit: '{_pageSize}' } },
      pagedResultsCookie: { type: 'header', path: 'Link' },
    });
    expect(account.query!.pagination.pagedResultsCookie!.regularExpression!.source).toBe('cursor=([^&>]+)');
    expect(account.create).toMatchObject({ idPath: { text: 'users[0].id' }, requestBody: { users: [{ active: true }] }, unflatten: [{ attributeName: 'roles', attributeValue: 'id' }] });
    expect(account.create!.additionalSteps).toMatchObject([{ method: 'POST', path: '/users/{uid}/activate', requestBody: { now: true }, requestMapping: undefined }]);
    expect(account.update!.requestMapping.copyAll).toBe(true);
    expect(account.delete).toMatchObject({ method: 'DELETE', requestBody: undefined, additionalSteps: [] });
    expect(account.exceptions).toMatchObject([
      { kind: 'ALREADY_EXIST', status: 409, messageErrorPath: { text: 'error.message' } },
      { kind: 'NOT_FOUND', status: 404, regularExpression: undefined },
    ]);
    expect(account.filters).toEqual({ quotes: '"', separator: ' ', queryParamKey: 'filter', operators: { equals: 'eq', and: 'and' } });
    expect(account.attrToGetKey).toBe('fields');
  });

  test('when pagination is written as param strings, then offset and page size parameters are split', () => {
    const type = { ...FULL_TYPE, operations: { QUERY: { path: '/users', method: 'GET', idPath: 'id', pagination: { offSetPagination: { type: 'param', param: 'limit={_pageSize}&offSet={_pagedResultsOffSet}' } } } } };
    const query = parseRestConfiguration(withType(type)).objectTypes.get('__ACCOUNT__')!.query!;
    expect(query.pagination.offset).toMatchObject({ type: 'param', params: { limit: '{_pageSize}', offSet: '{_pagedResultsOffSet}' } });
  });
});

describe('SaaS REST configuration: mistakes are reported at load time with their JSON path', () => {
  const problemsOf = (type: JsonObject): string[] => validateRestConfiguration(withType(type));

  test('when an operation has a path but no method, then the problem names operations.GET.method', () => {
    expect(problemsOf({ operations: { GET: { path: '/u/{uid}', idPath: 'id' } } })).toEqual(['objectTypes.__ACCOUNT__.operations.GET.method is required']);
  });

  test('when a method is not an HTTP method, then the problem names it and the allowed ones', () => {
    expect(problemsOf({ operations: { DELETE: { path: '/u/{uid}', method: 'REMOVE' } } })).toEqual([
      'objectTypes.__ACCOUNT__.operations.DELETE.method must be one of GET, POST, PUT, PATCH, DELETE (got "REMOVE")',
    ]);
  });

  test('when a path expression is malformed, then the problem names the responseMapping key', () => {
    const problems = problemsOf({ operations: { GET: { path: '/u/{uid}', method: 'GET', idPath: 'id', responseMapping: { roles: 'roles[*.id' } } } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^objectTypes\.__ACCOUNT__\.operations\.GET\.responseMapping\.roles is not a valid path: /);
  });

  test('when idPath is missing on QUERY, then it is reported as required', () => {
    expect(problemsOf({ operations: { QUERY: { path: '/u', method: 'GET' } } })).toEqual(['objectTypes.__ACCOUNT__.operations.QUERY.idPath is required']);
  });

  test('when a filter operator is unknown, then the problem names filters.operators.<key>', () => {
    expect(problemsOf({ filters: { queryParamKey: 'filter', operators: { equals: 'eq', like: 'lk' } } })).toEqual([
      expect.stringMatching(/^objectTypes\.__ACCOUNT__\.filters\.operators\.like is not a filter operator/),
    ]);
  });

  test('when filters have operators but no queryParamKey, then queryParamKey is required', () => {
    expect(problemsOf({ filters: { operators: { equals: 'eq' } } })).toEqual(['objectTypes.__ACCOUNT__.filters.queryParamKey is required when filters are configured']);
  });

  test('when an exception type or code is wrong, then each is reported with its path', () => {
    expect(problemsOf({ exceptions: { CONFLICT: [{ code: '409', messageErrorPath: 'm' }], NOT_FOUND: [{ code: 'nope', messageErrorPath: 'm' }] } })).toEqual([
      expect.stringMatching(/^objectTypes\.__ACCOUNT__\.exceptions\.CONFLICT is not an exception type/),
      'objectTypes.__ACCOUNT__.exceptions.NOT_FOUND[0].code must be an HTTP error status such as "404"',
    ]);
  });

  test('when an exception rule names a success status, then it needs a regularExpression (failures inside a 200)', () => {
    expect(problemsOf({ exceptions: { ALREADY_EXIST: [{ code: '200', messageErrorPath: '/complete/0/.tag' }] } })).toEqual([
      'objectTypes.__ACCOUNT__.exceptions.ALREADY_EXIST[0].regularExpression is required when code is a success status (200)',
    ]);
    expect(problemsOf({ exceptions: { ALREADY_EXIST: [{ code: '200', messageErrorPath: '/complete/0/.tag', regularExpression: '^user_already_on_team$' }] } })).toEqual([]);
  });

  test('when messageErrorPath is missing from an exception, then it is required', () => {
    expect(problemsOf({ exceptions: { NOT_FOUND: [{ code: '404' }] } })).toEqual(['objectTypes.__ACCOUNT__.exceptions.NOT_FOUND[0].messageErrorPath is required']);
  });

  test('when a regularExpression does not compile, then the problem names it', () => {
    expect(problemsOf({ exceptions: { NOT_FOUND: [{ code: '404', messageErrorPath: 'm', regularExpression: '(' }] } })).toEqual([
      expect.stringMatching(/^objectTypes\.__ACCOUNT__\.exceptions\.NOT_FOUND\[0\]\.regularExpression is not a valid regular expression/),
    ]);
  });

  test('when a schema type or flag is unknown, then the problem names the schema entry', () => {
    expect(problemsOf({ schema: [{ fieldName: 'a', type: 'TEXT', flags: ['NOT_UPDATEABLE', 'HIDDEN'] }] })).toEqual([
      expect.stringMatching(/^objectTypes\.__ACCOUNT__\.schema\[0\]\.type must be one of BINARY/),
      expect.stringMatching(/^objectTypes\.__ACCOUNT__\.schema\[0\]\.flags\[1\] must be one of NOT_UPDATEABLE/),
    ]);
  });

  test('when an additionalStep fills an attribute that is not in the schema, then resourceName is reported', () => {
    const type = { schema: [{ fieldName: 'a', type: 'STRING' }], operations: { GET: { path: '/u/{uid}', method: 'GET', idPath: 'id', additionalStep: [{ resourceName: 'b', method: 'GET', path: '/x', valuePath: 'v' }] } } };
    expect(problemsOf(type)).toEqual(['objectTypes.__ACCOUNT__.operations.GET.additionalStep[0].resourceName "b" is not a fieldName of the schema']);
  });

  test('when cookiePagination has no pagedResultsCookie, then the missing source is reported', () => {
    const type = { operations: { QUERY: { path: '/u', method: 'GET', idPath: 'id', pagination: { cookiePagination: { type: 'param', param: 'cursor={_pagedResultsCookie}' } } } } };
    expect(problemsOf(type)).toEqual([expect.stringMatching(/^objectTypes\.__ACCOUNT__\.operations\.QUERY\.pagination\.pagedResultsCookie is required with cookiePagination/)]);
  });

  test('when a body pagination has no requestBody, then requestBody is required', () => {
    const type = { operations: { QUERY: { path: '/u', method: 'POST', idPath: 'id', pagination: { offSetPagination: { type: 'body' } } } } };
    expect(problemsOf(type)).toEqual([expect.stringMatching(/^objectTypes\.__ACCOUNT__\.operations\.QUERY\.pagination\.offSetPagination\.requestBody is required/)]);
  });

  test('when a key is misspelt, then the unknown key is reported instead of being ignored', () => {
    expect(problemsOf({ operations: { LIST: { path: '/u' }, GET: { path: '/u/{uid}', method: 'GET', idPath: 'id', responceMapping: {} } } })).toEqual([
      expect.stringMatching(/^objectTypes\.__ACCOUNT__\.operations\.LIST is not an operation/),
      expect.stringMatching(/^objectTypes\.__ACCOUNT__\.operations\.GET\.responceMapping is not an operation key/),
    ]);
  });

  test('when the connection is incomplete too, then every problem comes in one list', () => {
    const problems = validateRestConfiguration({ authenticationMethod: 'BASIC', objectTypes: { __ACCOUNT__: { operations: { GET: { path: '/u' } } } } });
    expect(problems).toEqual(expect.arrayContaining([
      'serviceUri is required',
      'login is required when authenticationMethod is BASIC',
      'objectTypes.__ACCOUNT__.operations.GET.method is required',
    ]));
  });

  test('when tokenRequestParameters (gateway extension) is set, then its string fields are kept; other values are reported', () => {
    const ok = parseRestConfiguration({ ...withType({}), tokenRequestParameters: { box_subject_type: 'enterprise', box_subject_id: '1' } });
    expect(ok.tokenRequestParameters).toEqual({ box_subject_type: 'enterprise', box_subject_id: '1' });
    expect(validateRestConfiguration({ ...withType({}), tokenRequestParameters: { nested: { a: 1 } } })).toEqual(['tokenRequestParameters.nested must be a string']);
  });

  test('when a configuration is invalid, then parse throws a ConfigurationError listing the problems', () => {
    expect(() => parseRestConfiguration(withType({ operations: { GET: { path: '/u' } } }))).toThrow(/Invalid SaaS REST configuration: .*operations\.GET\.method is required/);
  });
});
