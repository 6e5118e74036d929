import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, startGateway, type Gateway } from '../support/gateway-harness.js';
import { expectDocumented, responseProblems, type CheckableResponse } from '../support/openapi-response-check.js';

const ACCOUNTS = '/openidm/system/csv/__ACCOUNT__';
let gw: Gateway;
let document: JsonObject;

beforeAll(async () => {
  gw = await startGateway();
  document = (await gw.http.get('/openapi.json')).body as JsonObject;
});
afterAll(() => gw.close());

/** Every response of this suite goes through here: description and behaviour may not drift. */
async function documented<T extends CheckableResponse>(pending: PromiseLike<T>): Promise<T> {
  const res = await pending;
  expectDocumented(document, res);
  return res;
}

describe('the CSV calls answer as the OpenAPI document describes them', () => {
  test('when an account goes through create, read, query, update, patch and delete, then every answer matches its documented schema', async () => {
    const created = await documented(gw.http.post(`${ACCOUNTS}?_action=create`).set(ADMIN)
      .send({ uid: 'doc1', firstName: 'Doc', lastName: 'Umented', email: 'doc1@example.com', password: 'Secret-123' }));
    expect(created.status).toBe(201);

    const plain = await documented(gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: 'doc2', lastName: 'Two' }));
    expect(plain.status).toBe(201);

    const read = await documented(gw.http.get(`${ACCOUNTS}/doc1`).set(ADMIN));
    expect(read.body).toMatchObject({ _id: 'doc1', email: 'doc1@example.com' });

    const notModified = await documented(gw.http.get(`${ACCOUNTS}/doc1`).set(ADMIN).set('If-None-Match', `"${read.body._rev as string}"`));
    expect(notModified.status).toBe(304);

    const allIds = await documented(gw.http.get(`${ACCOUNTS}?_queryId=query-all-ids`).set(ADMIN));
    expect(allIds.body.resultCount).toBeGreaterThan(0);

    const page = await documented(gw.http.get(ACCOUNTS).query({ _queryFilter: 'lastName sw "U"', _pageSize: 1, _sortKeys: '-uid', _fields: 'uid,email' }).set(ADMIN));
    expect(page.status).toBe(200);

    const updated = await documented(gw.http.put(`${ACCOUNTS}/doc1`).set(ADMIN).set('If-Match', '*').send({ description: 'updated' }));
    expect(updated.body.description).toBe('updated');

    const patched = await documented(gw.http.patch(`${ACCOUNTS}/doc1`).set(ADMIN)
      .send([{ operation: 'replace', field: '/email', value: 'patched@example.com' }]));
    expect(patched.body.email).toBe('patched@example.com');

    const authenticated = await documented(gw.http.post(`${ACCOUNTS}?_action=authenticate&username=doc1&password=Secret-123`).set(ADMIN));
    expect(authenticated.body._id).toBe('doc1');

    const deleted = await documented(gw.http.delete(`${ACCOUNTS}/doc1`).set(ADMIN));
    expect(deleted.body._id).toBe('doc1');
  });

  test('when system and connector actions and ping are called, then their answers match the document', async () => {
    await documented(gw.http.get('/openidm/info/ping'));
    await documented(gw.http.post('/openidm/system?_action=test').set(ADMIN));
    await documented(gw.http.post('/openidm/system?_action=test').set(ADMIN).send({ id: 'csv' }));
    await documented(gw.http.post('/openidm/system?_action=availableConnectors').set(ADMIN));
    await documented(gw.http.post('/openidm/system/csv?_action=test').set(ADMIN));
    await documented(gw.http.post('/system/csv?_action=test').set(ADMIN));
  });

  test.each([
    ['a bad filter', () => gw.http.get(ACCOUNTS).query({ _queryFilter: 'uid eq' }), 400],
    ['an unknown object', () => gw.http.get(`${ACCOUNTS}/nobody`), 404],
    ['an unknown attribute on create', () => gw.http.post(ACCOUNTS).send({ uid: 'e1', lastName: 'x', nope: 1 }), 400],
    ['a missing required attribute', () => gw.http.post(ACCOUNTS).send({ uid: 'e2' }), 400],
    ['an existing uid', () => gw.http.post(ACCOUNTS).send({ uid: 'doc2', lastName: 'again' }), 412],
    ['a bad patch', () => gw.http.patch(`${ACCOUNTS}/doc2`).send([{ operation: 'nope', field: '/email' }]), 400],
    ['an unknown _ parameter', () => gw.http.get(`${ACCOUNTS}/doc2?_nope=1`), 400],
    ['an unknown action', () => gw.http.post(`${ACCOUNTS}?_action=nope`), 400],
  ])('when the request has %s, then the CREST error matches the document', async (_what, send, status) => {
    const res = await documented(send().set(ADMIN));
    expect(res.status).toBe(status);
  });

  test('when no credentials are sent, then the 401 matches the documented error body', async () => {
    const res = await documented(gw.http.get(`${ACCOUNTS}?_queryId=query-all-ids`));
    expect(res.status).toBe(401);
  });

  test('when a response differs from the document, then the check names the problem', async () => {
    const res = await gw.http.get(`${ACCOUNTS}/doc2`).set(ADMIN);
    const tampered: CheckableResponse = { ...res, request: res.request, headers: res.headers, text: JSON.stringify({ ...res.body, _id: 42 }) };
    expect(responseProblems(document, tampered).join('\n')).toMatch(/body\/_id must be string/);
    const undocumented: CheckableResponse = { ...tampered, request: { method: 'GET', url: '/openidm/system/csv/__NOPE__' } };
    expect(responseProblems(document, undocumented).join('\n')).toMatch(/not in the document/);
  });
});
