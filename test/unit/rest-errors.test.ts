import { parseRestConfiguration } from '../../src/connectors/rest/rest-configuration.js';
import { exceptionStatuses, matchException } from '../../src/connectors/rest/rest-errors.js';
import { restSchema } from '../../src/connectors/rest/rest-schema.js';
import {
  AlreadyExistsError, ConfigurationError, InvalidAttributeValueError, PermissionDeniedError, UnknownUidError,
} from '../../src/provisioner/connector-errors.js';
import type { HttpResult } from '../../src/connectors/shared/http-client.js';
import type { JsonObject } from '../../src/util/json.js';

function compile(type: JsonObject) {
  return parseRestConfiguration({ serviceUri: 'https://api.example.com', authenticationMethod: 'TOKEN', authToken: 't', objectTypes: { __ACCOUNT__: type } });
}

const answer = (status: number, body: unknown): HttpResult => ({ status, headers: {}, body, text: JSON.stringify(body) });

describe('SaaS REST exceptions', () => {
  const rules = compile({
    exceptions: {
      ALREADY_EXIST: [{ code: '409', messageErrorPath: 'error_summary', regularExpression: '^email_address_taken' }],
      NOT_FOUND: [{ code: '409', messageErrorPath: 'error_summary', regularExpression: 'id_not_found' }, { code: '404', messageErrorPath: 'detail' }],
      BAD_REQUEST: [{ code: '400', messageErrorPath: 'errors[0].message' }],
      FORBIDDEN: [{ code: '403', messageErrorPath: 'detail' }],
      UNAUTHORIZED: [{ code: '401', messageErrorPath: 'detail' }],
    },
  }).objectTypes.get('__ACCOUNT__')!.exceptions;

  test('when a 409 says the e-mail is taken, then it is AlreadyExists (IDM 412) with the backend message', () => {
    const error = matchException(rules, answer(409, { error_summary: 'email_address_taken/..' }), 'CREATE of __ACCOUNT__');
    expect(error).toBeInstanceOf(AlreadyExistsError);
    expect(error!.message).toBe('CREATE of __ACCOUNT__ failed with ALREADY_EXIST (409): email_address_taken/..');
  });

  test('when the same status carries another message, then the rule whose regularExpression matches wins', () => {
    expect(matchException(rules, answer(409, { error_summary: 'id_not_found/' }), 'GET')).toBeInstanceOf(UnknownUidError);
    expect(matchException(rules, answer(409, { error_summary: 'something_else' }), 'GET')).toBeUndefined();
  });

  test('when a rule has no regularExpression, then the status alone matches', () => {
    expect(matchException(rules, answer(404, 'not json'), 'GET')).toBeInstanceOf(UnknownUidError);
    expect(matchException(rules, answer(400, { errors: [{ message: 'bad' }] }), 'X')).toBeInstanceOf(InvalidAttributeValueError);
    expect(matchException(rules, answer(403, {}), 'X')).toBeInstanceOf(PermissionDeniedError);
    expect(matchException(rules, answer(401, {}), 'X')).toBeInstanceOf(ConfigurationError);
  });

  test('when a 200 carries a failure tag that a rule recognises, then it is that failure; a success tag is not', () => {
    const okRules = compile({ exceptions: { ALREADY_EXIST: [{ code: '200', messageErrorPath: '/complete/0/.tag', regularExpression: '^user_already_on_team$' }] } })
      .objectTypes.get('__ACCOUNT__')!.exceptions;
    expect(matchException(okRules, answer(200, { complete: [{ '.tag': 'user_already_on_team' }] }), 'CREATE')).toBeInstanceOf(AlreadyExistsError);
    expect(matchException(okRules, answer(200, { complete: [{ '.tag': 'success' }] }), 'CREATE')).toBeUndefined();
    expect(exceptionStatuses(okRules)).toEqual([]);
  });

  test('when the HTTP layer is told which statuses to hand over, then 401, 429 and 5xx stay with it (token renewal, retries)', () => {
    expect(exceptionStatuses(rules).sort()).toEqual([400, 403, 404, 409]);
  });
});

describe('SaaS REST schema', () => {
  test('when the schema has types and flags, then the connector schema has __NAME__ plus each field typed with its flags', () => {
    const config = compile({
      schema: [
        { fieldName: 'userName', type: 'STRING', flags: ['REQUIRED'] },
        { fieldName: 'roles', type: 'STRING', flags: ['MULTIVALUED', 'NOT_UPDATEABLE'] },
        { fieldName: 'age', type: 'INTEGER', flags: [] },
        { fieldName: 'score', type: 'DECIMAL' },
        { fieldName: 'active', type: 'BOOLEAN' },
        { fieldName: 'address', type: 'COMPLEX' },
        { fieldName: 'photo', type: 'BINARY', flags: ['NOT_RETURNED_BY_DEFAULT'] },
      ],
    });
    expect(restSchema(config).objectClasses.__ACCOUNT__!.attributes).toEqual([
      { name: '__NAME__', type: 'string', nativeType: 'string' },
      { name: 'userName', type: 'string', nativeType: 'string', required: true, flags: ['REQUIRED'] },
      { name: 'roles', type: 'string', nativeType: 'string', multivalued: true, flags: ['MULTIVALUED', 'NOT_UPDATEABLE'] },
      { name: 'age', type: 'integer', nativeType: 'integer' },
      { name: 'score', type: 'number', nativeType: 'number' },
      { name: 'active', type: 'boolean', nativeType: 'boolean' },
      { name: 'address', type: 'object', nativeType: 'object' },
      { name: 'photo', type: 'string', nativeType: 'JAVA_TYPE_BYTE_ARRAY', flags: ['NOT_RETURNED_BY_DEFAULT'] },
    ]);
  });
});
