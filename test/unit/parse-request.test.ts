import { parseCrestRequest, type RawHttpRequest } from '../../src/crest/parse-request.js';
import { ResourceError } from '../../src/crest/resource-error.js';

function raw(method: string, query = '', headers: Record<string, string> = {}, body?: string): RawHttpRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method, queryString: query, header: (n) => lower[n.toLowerCase()], body: body === undefined ? undefined : Buffer.from(body) };
}

function failure(r: RawHttpRequest): { code: number; message: string } {
  try {
    parseCrestRequest(r);
  } catch (error) {
    if (error instanceof ResourceError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the request to be refused');
}

const JSON_CT = { 'Content-Type': 'application/json' };

describe('CREST request-type dispatch', () => {
  test.each([
    ['GET', '', {}, undefined, 'read'],
    ['GET', '_queryFilter=true', {}, undefined, 'query'],
    ['GET', '_QUERYID=query-all-ids', {}, undefined, 'query'],
    ['GET', '_queryExpression=true', {}, undefined, 'query'],
    ['POST', '', JSON_CT, '{}', 'create'],
    ['POST', '_action=CREATE', JSON_CT, '{}', 'create'],
    ['POST', '_action=test', {}, undefined, 'action'],
    ['PUT', '', JSON_CT, '{}', 'create'],
    ['PUT', '', { ...JSON_CT, 'If-None-Match': '*' }, '{}', 'create'],
    ['PUT', '', { ...JSON_CT, 'If-Match': '*' }, '{}', 'update'],
    ['PUT', '', { ...JSON_CT, 'If-Match': '"3"' }, '{}', 'update'],
    ['PUT', '', { ...JSON_CT, 'Accept-API-Version': 'protocol=1.0' }, '{}', 'update'],
    ['PATCH', '', JSON_CT, '[]', 'patch'],
    ['DELETE', '', {}, undefined, 'delete'],
  ])('when %s ?%s with %j, then the request type is as CREST decides', (method, query, headers, body, type) => {
    expect(parseCrestRequest(raw(method, query, headers, body)).type).toBe(type);
  });

  test('when a PUT has If-Match "3" (quoted), then the revision is 3 without quotes', () => {
    const r = parseCrestRequest(raw('PUT', '', { ...JSON_CT, 'If-Match': '"3"' }, '{}'));
    expect(r.revision).toBe('3');
  });

  test('when a PUT has If-Match *, then there is no revision but the request is an update', () => {
    const r = parseCrestRequest(raw('PUT', '', { ...JSON_CT, 'If-Match': '*' }, '{}'));
    expect(r).toMatchObject({ type: 'update', ifMatch: true });
    expect(r.revision).toBeUndefined();
  });
});

describe('CREST request errors', () => {
  test.each([
    ['GET', '_queryFilter=true&_queryId=query-all-ids', {}, undefined, 400, 'The parameters _queryId and _queryFilter are mutually exclusive'],
    ['GET', '_queryFilter=true&_queryExpression=true', {}, undefined, 400, 'The parameters _queryFilter and _queryExpression are mutually exclusive'],
    ['GET', '_queryId=a&_queryExpression=true', {}, undefined, 400, 'The parameters _queryId and _queryExpression are mutually exclusive'],
    ['GET', '_queryFilter=true&_pageSize=x', {}, undefined, 400, "The value 'x' for parameter '_pageSize' could not be parsed as a valid integer"],
    ['GET', '_queryFilter=true&_pagedResultsOffset=1.5', {}, undefined, 400, "The value '1.5' for parameter '_pagedResultsOffset' could not be parsed as a valid integer"],
    ['GET', '_queryFilter=true&_pagedResultsOffset=2&_pagedResultsCookie=abc', {}, undefined, 400, 'The parameters _pagedResultsOffset and _pagedResultsCookie are mutually exclusive'],
    ['GET', '_queryFilter=true&_totalPagedResultsPolicy=ALL', {}, undefined, 400, "The value 'ALL' for parameter '_totalPagedResultsPolicy' could not be parsed as a valid count policy"],
    ['GET', '_queryFilter=true&_sortKeys=a,,b', {}, undefined, 400, "The value 'a,,b' for parameter '_sortKeys' could not be parsed as a comma separated list of sort keys"],
    ['GET', '_queryFilter=true&_queryFilter=false', {}, undefined, 400, "Multiple values provided for the single-valued request parameter '_queryFilter'"],
    ['GET', '_foo=1', {}, undefined, 400, "Unrecognized request parameter '_foo'"],
    ['GET', '_action=test', {}, undefined, 400, "Unrecognized request parameter '_action'"],
    ['DELETE', '_pageSize=1', {}, undefined, 400, "Unrecognized request parameter '_pageSize'"],
    ['GET', '', { 'If-Match': '*' }, undefined, 412, 'If-Match not supported for GET requests'],
    ['GET', '', { 'If-None-Match': '*' }, undefined, 412, 'If-None-Match * not appropriate for GET requests'],
    ['GET', '_queryFilter=true', { 'If-None-Match': '"1"' }, undefined, 412, 'If-None-Match not supported for GET requests'],
    ['POST', '_action=test', { 'If-Match': '1' }, undefined, 412, 'If-Match not supported for POST requests'],
    ['POST', '_action=test', { 'If-None-Match': '1', 'If-Match': '1' }, undefined, 412, 'If-None-Match not supported for POST requests'],
    ['PUT', '', { ...JSON_CT, 'If-None-Match': '*', 'If-Match': '1' }, '{}', 412, 'Simultaneous use of If-Match and If-None-Match not supported for PUT requests'],
    ['PUT', '', { ...JSON_CT, 'If-None-Match': '"5"' }, '{}', 400, '"5" is not a supported value for If-None-Match on PUT'],
    ['PATCH', '', { ...JSON_CT, 'If-None-Match': '*' }, '[]', 412, 'Use of If-None-Match not supported for PATCH requests'],
    ['DELETE', '', { 'If-None-Match': '*' }, undefined, 412, 'If-None-Match not supported for DELETE requests'],
    ['GET', '', { 'If-Modified-Since': 'Mon, 01 Jan 2024 00:00:00 GMT' }, undefined, 409, 'Header If-Modified-Since not supported'],
    ['TRACE', '', {}, undefined, 501, 'Method TRACE not supported'],
    ['POST', '', { ...JSON_CT, 'Accept-API-Version': 'protocol=2.0' }, '{}', 400, "No values provided for the request parameter '_action'"],
    ['GET', '', { 'Accept-API-Version': 'protocol=3.0' }, undefined, 400, 'Unsupported major version: 3.0'],
    ['GET', '', { 'Accept-API-Version': 'protocol=1.5' }, undefined, 400, 'Unsupported minor version: 1.5'],
    ['GET', '', { 'Accept-API-Version': 'version=1' }, undefined, 400, 'Version string is in an invalid format: version=1'],
    ['POST', '_action=create', { 'Content-Type': 'text/plain' }, '{}', 400, "The request could not be processed because it specified the content-type 'text/plain' when only the content-type 'application/json' and 'multipart/form-data' are supported"],
    ['POST', '_action=create', {}, '{}', 400, 'The request could not be processed because the  content-type was not specified and is required'],
    ['POST', '_action=create', JSON_CT, '', 400, 'The request could not be processed because it did not contain any JSON content'],
    ['POST', '_action=create', JSON_CT, '{"a":', 400, 'The request could not be processed because the provided content is not valid JSON'],
    ['POST', '_action=create', JSON_CT, '{"a":1} {"b":2}', 400, 'The request could not be processed because there is trailing data after the JSON content'],
    ['POST', '_action=create', JSON_CT, '[1,2]', 400, 'The request could not be processed because the provided content is not a JSON object'],
    ['PUT', '', { ...JSON_CT, 'If-Match': '*' }, '"x"', 400, 'The request could not be processed because the provided content is not a JSON object'],
    ['POST', '_action=create', JSON_CT, '{"a":' + '['.repeat(500) + ']'.repeat(500) + '}', 400, 'The request could not be processed because the provided content is nested more than 100 levels deep'],
  ])('when %s ?%s with %j, then %i "%s"', (method, query, headers, body, code, message) => {
    expect(failure(raw(method, query, headers as Record<string, string>, body))).toEqual({ code, message });
  });
});

describe('CREST request parameters', () => {
  test('when _fields is percent-encoded and repeated, then every pointer is kept', () => {
    const r = parseCrestRequest(raw('GET', '_fields=email%2Cname&_fields=/groups'));
    expect(r.fields?.map((f) => f.toString())).toEqual(['/email', '/name', '/groups']);
  });

  test('when _sortKeys mixes +, - and bare keys, then the directions follow CREST', () => {
    const r = parseCrestRequest(raw('GET', '_queryFilter=true&_sortKeys=-lastName,+firstName,uid'));
    expect(r.sortKeys?.map((k) => [k.field.toString(), k.ascending])).toEqual([['/lastName', false], ['/firstName', true], ['/uid', true]]);
  });

  test('when an action carries extra parameters, then they are passed on and underscore ones are accepted', () => {
    const r = parseCrestRequest(raw('POST', '_action=authenticate&username=bjensen&password=p%40ss&_extra=1'));
    expect(r.additionalParameters).toEqual({ username: 'bjensen', password: 'p@ss' });
  });

  test('when a DELETE has the body null, then it is accepted as IDM clients send it', () => {
    expect(parseCrestRequest(raw('DELETE', '', JSON_CT, 'null')).type).toBe('delete');
  });

  test('when an action has an empty JSON body or none, then its content is null or {}', () => {
    expect(parseCrestRequest(raw('POST', '_action=test')).content).toBeNull();
    expect(parseCrestRequest(raw('POST', '_action=test', JSON_CT, '{}')).content).toEqual({});
  });

  test('when Accept-API-Version names only a resource version, then protocol 2.1 applies', () => {
    expect(parseCrestRequest(raw('GET', '', { 'Accept-API-Version': 'resource=1.0' })).protocolVersion).toEqual({ major: 2, minor: 1 });
    expect(parseCrestRequest(raw('GET', '', { 'Accept-API-Version': 'protocol=2.0, resource=1.0' })).protocolVersion).toEqual({ major: 2, minor: 0 });
  });

  test('when _totalPagedResultsPolicy is lower case, then it is upper-cased as IDM does', () => {
    expect(parseCrestRequest(raw('GET', '_queryFilter=true&_totalPagedResultsPolicy=exact')).totalPagedResultsPolicy).toBe('EXACT');
  });

  test('when a body has a __proto__ member, then it stays plain data', () => {
    const r = parseCrestRequest(raw('POST', '_action=create', JSON_CT, '{"__proto__":{"polluted":true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(r.content as object)).toEqual(['__proto__']);
  });
});
