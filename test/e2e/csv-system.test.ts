import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, startGateway, type Gateway } from '../support/gateway-harness.js';

const ACCOUNTS = '/openidm/system/csv/__ACCOUNT__';
let gw: Gateway;

beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.close();
});

function csvText(): string {
  return readFileSync(join(gw.instanceDir, 'data', 'csvConnectorData.csv'), 'utf8');
}

async function createAccount(uid: string, extra: Record<string, string> = {}) {
  return gw.http.post(`${ACCOUNTS}?_action=create`).set(ADMIN)
    .send({ uid, firstName: 'Test', lastName: `User ${uid}`, email: `${uid}@example.com`, password: 'Secret-123', ...extra });
}

describe('authentication', () => {
  test('when no credentials are sent, then the answer is 401 Access Denied', async () => {
    const res = await gw.http.get(`${ACCOUNTS}?_queryId=query-all-ids`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 401, reason: 'Unauthorized', message: 'Access Denied' });
  });

  test('when the password is wrong, then the answer is 401', async () => {
    const res = await gw.http.get(`${ACCOUNTS}?_queryId=query-all-ids`).set({ ...ADMIN, 'X-OpenIDM-Password': 'nope' });
    expect(res.status).toBe(401);
  });

  test('when HTTP Basic credentials are right, then the request is served', async () => {
    const res = await gw.http.get(`${ACCOUNTS}?_queryId=query-all-ids`).auth('openidm-admin', 'openidm-admin');
    expect(res.status).toBe(200);
  });

  test('when ping is called without credentials, then IDM\'s ready answer comes back', async () => {
    const res = await gw.http.get('/openidm/info/ping');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ _id: '', state: 'ACTIVE_READY', shortDesc: 'OpenIDM ready' });
  });
});

describe('system and connector actions', () => {
  test('when all systems are tested, then an array of status objects with __ALL__ comes back', async () => {
    const res = await gw.http.post('/openidm/system?_action=test').set(ADMIN);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    const csv = res.body.find((s: { name: string }) => s.name === 'csv');
    expect(csv).toMatchObject({ name: 'csv', enabled: true, config: 'config/provisioner.openicf/csv', displayName: 'CSV File Connector', ok: true });
    expect(csv.objectTypes).toEqual(expect.arrayContaining(['__ALL__', '__ACCOUNT__']));
    expect(Object.keys(csv)).toEqual(['name', 'enabled', 'config', 'connectorRef', 'displayName', 'objectTypes', 'ok']);
  });

  test('when the short /system path is used, then it behaves as /openidm/system', async () => {
    const res = await gw.http.post('/system/csv?_action=test').set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'csv', ok: true });
  });

  test('when the CSV file disappears, then test answers 200 with ok:false and an error', async () => {
    const file = join(gw.instanceDir, 'data', 'csvConnectorData.csv');
    const saved = readFileSync(file, 'utf8');
    writeFileSync(file, 'not,the,header\n');
    try {
      const res = await gw.http.post('/openidm/system/csv?_action=test').set(ADMIN);
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      expect(typeof res.body.error).toBe('string');
    } finally {
      writeFileSync(file, saved);
    }
  });

  test('when availableConnectors is asked, then the CSV connector is listed as IDM lists it', async () => {
    const res = await gw.http.post('/openidm/system?_action=availableConnectors').set(ADMIN).set('Accept-API-Version', 'resource=1.0');
    expect(res.status).toBe(200);
    expect(res.body.connectorRef).toContainEqual({
      displayName: 'CSV File Connector', bundleVersion: '1.5.20.32', systemType: 'provisioner.openicf',
      bundleName: 'org.forgerock.openicf.connectors.csvfile-connector', connectorName: 'org.forgerock.openicf.csvfile.CSVFileConnector',
    });
  });

  test.each([
    ['/openidm/system?_action=nope', 400, 'Expecting String containing one of: activeSync liveSync test testConfig createConfiguration availableConnectors createCoreConfig createFullConfig'],
    ['/openidm/system/csv?_action=nope', 400, 'Expecting String containing one of: script test livesync'],
    ['/openidm/system/csv?_action=script', 400, 'Missing required parameter: scriptId'],
    ['/openidm/system/csv?_action=script&scriptId=hello', 400, 'Script ID: hello is not defined.'],
    [`${ACCOUNTS}?_action=nope`, 400, 'Expecting String containing one of: authenticate resolveUsername liveSync'],
    [`${ACCOUNTS}?_action=resolveUsername`, 400, 'Unsupported action: resolveUsername'],
    ['/openidm/system/nosuch?_action=test', 404, "Resource 'system/nosuch' not found"],
  ])('when POST %s, then %i "%s"', async (url, code, message) => {
    const res = await gw.http.post(url).set(ADMIN);
    expect(res.status).toBe(code);
    expect(res.body.message).toBe(message);
  });

  test.each([
    ['get', '/openidm/system', 501, 'Read are not supported for resource instances'],
    ['get', '/openidm/system/csv', 501, 'Read operations are not supported'],
    ['get', '/openidm/system/csv/nosuchtype', 404, 'Not found: nosuchtype'],
    ['get', ACCOUNTS, 400, 'The resource collection  cannot be read'],
    ['delete', ACCOUNTS, 400, 'The resource collection  cannot be deleted'],
    ['get', `${ACCOUNTS}/x?_queryFilter=true`, 400, 'The resource instance x cannot be queried'],
  ])('when %s %s, then %i "%s"', async (method, url, code, message) => {
    const res = await (method === 'get' ? gw.http.get(url) : gw.http.delete(url)).set(ADMIN);
    expect(res.status).toBe(code);
    expect(res.body).toMatchObject({ code, message });
  });
});

describe('CRUD on CSV accounts', () => {
  test('when an account is created, then it is 201, the CSV holds it, and the password is not returned', async () => {
    const res = await createAccount('crud1');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ _id: 'crud1', uid: 'crud1', lastName: 'User crud1', email: 'crud1@example.com' });
    expect(res.body.password).toBeUndefined();
    expect(res.headers.location).toMatch(/\/csv\/__ACCOUNT__\/crud1$/);
    expect(csvText()).toContain('crud1@example.com');
  });

  test('when a plain POST without _action is sent, then it creates too', async () => {
    const res = await gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: 'crud2', lastName: 'Two', email: 'crud2@example.com' });
    expect(res.status).toBe(201);
    expect(res.body._id).toBe('crud2');
  });

  test('when a required attribute is missing, then it is 400 with IDM\'s message and nothing is written', async () => {
    const before = csvText();
    const res = await gw.http.post(`${ACCOUNTS}?_action=create`).set(ADMIN).send({ uid: 'crud3', email: 'x@example.com' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("Required attribute 'lastName' value is null");
    expect(csvText()).toBe(before);
  });

  test('when the uid exists already, then create is 412 "System object … already exists"', async () => {
    await createAccount('crud4');
    const res = await createAccount('crud4');
    expect(res.status).toBe(412);
    expect(res.body).toEqual({ code: 412, reason: 'Precondition Failed', message: 'System object crud4 already exists' });
  });

  test('when an account is read with _fields, then only those fields and _id come back', async () => {
    await createAccount('crud5');
    const res = await gw.http.get(`${ACCOUNTS}/crud5?_fields=email`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ _id: 'crud5', ...(res.body._rev ? { _rev: res.body._rev } : {}), email: 'crud5@example.com' });
  });

  test('when a stale If-Match revision is sent, then the update is 412 and the row is unchanged', async () => {
    const created = await createAccount('crud6');
    const rev = created.body._rev as string;
    expect(typeof rev).toBe('string');
    const first = await gw.http.put(`${ACCOUNTS}/crud6`).set(ADMIN).set('If-Match', `"${rev}"`).send({ description: 'first' });
    expect(first.status).toBe(200);
    expect(first.body.description).toBe('first');
    const stale = await gw.http.put(`${ACCOUNTS}/crud6`).set(ADMIN).set('If-Match', `"${rev}"`).send({ description: 'second' });
    expect(stale.status).toBe(412);
    const read = await gw.http.get(`${ACCOUNTS}/crud6`).set(ADMIN);
    expect(read.body.description).toBe('first');
  });

  test('when a PUT has no If-Match, then it updates the existing account', async () => {
    await createAccount('crud7');
    const res = await gw.http.put(`${ACCOUNTS}/crud7`).set(ADMIN).send({ email: 'new7@example.com' });
    expect(res.status).toBe(200);
    expect(res.body.email).toBe('new7@example.com');
  });

  test('when a PATCH replaces and removes fields, then a fresh read shows the result', async () => {
    await createAccount('crud8', { description: 'to be removed' });
    const res = await gw.http.patch(`${ACCOUNTS}/crud8`).set(ADMIN)
      .send([{ operation: 'replace', field: '/email', value: 'p8@example.com' }, { operation: 'remove', field: '/description' }]);
    expect(res.status).toBe(200);
    expect(res.body.email).toBe('p8@example.com');
    expect(res.body.description).toBeUndefined();
  });

  test('when a PATCH names an unknown attribute, then it is 400 and nothing changes', async () => {
    await createAccount('crud9');
    const res = await gw.http.patch(`${ACCOUNTS}/crud9`).set(ADMIN).send([{ operation: 'replace', field: '/nope', value: 1 }]);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Target does not support attribute nope');
  });

  test('when an account is deleted with a body of null, then the response is the account before deletion', async () => {
    await createAccount('crud10');
    const res = await gw.http.delete(`${ACCOUNTS}/crud10`).set(ADMIN).set('Content-Type', 'application/json').send('null');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: 'crud10', email: 'crud10@example.com' });
    expect(csvText()).not.toContain('crud10@example.com');
  });

  test('when authenticate is called with the right and a wrong password, then 200 {_id} and 401', async () => {
    await createAccount('auth1', { password: 'Right-Pass1' });
    const ok = await gw.http.post(`${ACCOUNTS}?_action=authenticate&username=auth1&password=Right-Pass1`).set(ADMIN);
    expect(ok.status).toBe(200);
    expect(ok.body._id).toBe('auth1');
    const bad = await gw.http.post(`${ACCOUNTS}?_action=authenticate&username=auth1&password=wrong`).set(ADMIN);
    expect(bad.status).toBe(401);
  });
});

describe('queries on CSV accounts', () => {
  beforeAll(async () => {
    for (const [uid, first] of [['q1', 'Ann'], ['q2', 'Bob'], ['q3', 'Cid'], ['q4', 'Dee']] as const) {
      await createAccount(uid, { firstName: first, lastName: 'Querymann' });
    }
  });

  test('when a filter selects by lastName, then the envelope lists exactly those accounts', async () => {
    const res = await gw.http.get(ACCOUNTS).query({ _queryFilter: 'lastName eq "Querymann"', _sortKeys: 'firstName' }).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.result.map((o: { _id: string }) => o._id)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(res.body).toMatchObject({ resultCount: 4, pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 });
  });

  test('when sorting descending and paging by cookie, then pages follow each other without gaps', async () => {
    const page1 = await gw.http.get(ACCOUNTS).query({ _queryFilter: "lastName eq 'Querymann'", _sortKeys: '-firstName', _pageSize: 3 }).set(ADMIN);
    expect(page1.body.result.map((o: { _id: string }) => o._id)).toEqual(['q4', 'q3', 'q2']);
    expect(typeof page1.body.pagedResultsCookie).toBe('string');
    const page2 = await gw.http.get(ACCOUNTS).query({ _queryFilter: "lastName eq 'Querymann'", _sortKeys: '-firstName', _pageSize: 3, _pagedResultsCookie: page1.body.pagedResultsCookie }).set(ADMIN);
    expect(page2.body.result.map((o: { _id: string }) => o._id)).toEqual(['q1']);
    expect(page2.body.pagedResultsCookie).toBeNull();
  });

  test('when paging by offset, then the offset skips matches', async () => {
    const res = await gw.http.get(ACCOUNTS).query({ _queryFilter: 'lastName eq "Querymann"', _sortKeys: 'firstName', _pageSize: 2, _pagedResultsOffset: 1 }).set(ADMIN);
    expect(res.body.result.map((o: { _id: string }) => o._id)).toEqual(['q2', 'q3']);
  });

  test('when query-all-ids runs, then each result is only _id and the __NAME__ property', async () => {
    const res = await gw.http.get(`${ACCOUNTS}?_queryId=query-all-ids`).set(ADMIN);
    expect(res.status).toBe(200);
    const q1 = res.body.result.find((o: { _id: string }) => o._id === 'q1');
    expect(Object.keys(q1).filter((k) => k !== '_rev').sort()).toEqual(['_id', 'uid']);
  });

  test.each([
    ['uid eq', "The value 'uid eq' for parameter '_queryFilter' could not be parsed as a valid query filter"],
    ['nosuch eq "x"', 'Attribute nosuch does not exist as part of __ACCOUNT__'],
    ['uid/x eq "x"', 'Only one level JsonPointer supported'],
    ['uid regex "x"', 'ExtendedMatchFilter is not supported'],
  ])('when the filter is %s, then it is a 400 "%s"', async (filter, message) => {
    const res = await gw.http.get(ACCOUNTS).query({ _queryFilter: filter }).set(ADMIN);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
  });

  test('when a filter is false, then the result is empty without error', async () => {
    const res = await gw.http.get(ACCOUNTS).query({ _queryFilter: 'false' }).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.resultCount).toBe(0);
  });

  test('when a presence filter names an unknown attribute, then the result is empty', async () => {
    const res = await gw.http.get(ACCOUNTS).query({ _queryFilter: 'nosuch pr' }).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.resultCount).toBe(0);
  });

  test('when _prettyPrint=true, then the body is indented JSON', async () => {
    const res = await gw.http.get(`${ACCOUNTS}/q1?_prettyPrint=true`).set(ADMIN);
    expect(res.text).toContain('\n  "_id"');
  });
});

describe('bad input never half-applies and never 500s', () => {
  test('when the body is malformed JSON, then 400 with the parser detail and the file is unchanged', async () => {
    const before = csvText();
    const res = await gw.http.post(`${ACCOUNTS}?_action=create`).set(ADMIN).set('Content-Type', 'application/json').send('{"uid": "x",');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('The request could not be processed because the provided content is not valid JSON');
    expect(csvText()).toBe(before);
  });

  test('when a write uses a non-JSON content type, then 400 names the content type', async () => {
    const res = await gw.http.post(`${ACCOUNTS}?_action=create`).set(ADMIN).set('Content-Type', 'text/plain').send('uid=x');
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("content-type 'text/plain'");
  });

  test('when the body is larger than the limit, then 413 in CREST form', async () => {
    const small = await startGateway({ bodyLimitBytes: 2048 });
    const res = await small.http.post(`${ACCOUNTS}?_action=create`).set(ADMIN).set('Content-Type', 'application/json')
      .send(JSON.stringify({ uid: 'big', lastName: 'x'.repeat(10_000) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 413, reason: 'Request Entity Too Large' });
    await small.close();
  });

  test('when a body has a __proto__ member, then it is ignored like every _-prefixed member and pollutes nothing', async () => {
    const res = await gw.http.post(`${ACCOUNTS}?_action=create`).set(ADMIN).set('Content-Type', 'application/json')
      .send('{"uid":"proto1","lastName":"x","__proto__":{"admin":true}}');
    expect(res.status).toBe(201);
    expect(res.body.admin).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(csvText()).not.toContain('admin');
  });

  test('when a value has the wrong type, then 400 names the attribute', async () => {
    const res = await gw.http.post(`${ACCOUNTS}?_action=create`).set(ADMIN).send({ uid: 'type1', lastName: { not: 'a string' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Failed build lastName attribute.');
  });

  test('when 20 concurrent updates hit different accounts, then none is lost', async () => {
    const uids = Array.from({ length: 20 }, (_, i) => `conc${i}`);
    for (const uid of uids) await createAccount(uid);
    const results = await Promise.all(uids.map((uid) => gw.http.put(`${ACCOUNTS}/${uid}`).set(ADMIN).set('If-Match', '*').send({ description: `d-${uid}` })));
    expect(results.map((r) => r.status)).toEqual(uids.map(() => 200));
    for (const uid of uids) {
      const read = await gw.http.get(`${ACCOUNTS}/${uid}`).set(ADMIN);
      expect(read.body.description).toBe(`d-${uid}`);
    }
  });
});

describe('connector configuration walk-through (seed: configure-connectors)', () => {
  test('when createCoreConfig is posted with the CSV connectorRef, then the CSV defaults come back', async () => {
    const connectorRef = {
      systemType: 'provisioner.openicf', bundleName: 'org.forgerock.openicf.connectors.csvfile-connector',
      connectorName: 'org.forgerock.openicf.csvfile.CSVFileConnector', displayName: 'CSV File Connector', bundleVersion: '1.5.20.32',
    };
    const res = await gw.http.post('/openidm/system?_action=createCoreConfig').set(ADMIN).set('Accept-API-Version', 'resource=1.0').send({ connectorRef });
    expect(res.status).toBe(200);
    expect(res.body.connectorRef).toEqual(connectorRef);
    expect(res.body.configurationProperties).toEqual({
      headerPassword: 'password', spaceReplacementString: '_', csvFile: null, newlineString: '\n', headerUid: 'uid',
      quoteCharacter: '"', escapeCharacter: '\\', fieldDelimiter: ',', syncFileRetentionCount: 3,
    });
    expect(res.body.operationTimeout).toMatchObject({ CREATE: 5000, SEARCH: 15000, SCHEMA: 10000 });
    expect(res.body.resultsHandlerConfig).toMatchObject({ enableAttributesToGetSearchResultsHandler: true });
  });

  test('when createCoreConfig lacks a connector name or names an unknown one, then 404', async () => {
    const none = await gw.http.post('/openidm/system?_action=createCoreConfig').set(ADMIN).send({ connectorRef: {} });
    expect(none.status).toBe(404);
    expect(none.body.message).toBe('No connector name provided');
    const unknown = await gw.http.post('/openidm/system?_action=createCoreConfig').set(ADMIN).send({ connectorRef: { connectorName: 'x.Y' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Connector not found: x.Y');
  });
});

describe('paging cookies', () => {
  test('when a cookie was not issued by the gateway, then the query is a 400 naming the cookie', async () => {
    const res = await gw.http.get(ACCOUNTS).query({ _queryFilter: 'true', _pageSize: 2, _pagedResultsCookie: 'garbage' }).set(ADMIN);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("'garbage'");
  });
});

describe('conditional reads', () => {
  test('when If-None-Match carries the current revision, then 304; with another, then 200', async () => {
    const created = await createAccount('cond1');
    const rev = created.body._rev as string;
    const same = await gw.http.get(`${ACCOUNTS}/cond1`).set(ADMIN).set('If-None-Match', `"${rev}"`);
    expect(same.status).toBe(304);
    const other = await gw.http.get(`${ACCOUNTS}/cond1`).set(ADMIN).set('If-None-Match', '"not-it"');
    expect(other.status).toBe(200);
    expect(other.headers.etag).toBe(`"${rev}"`);
  });
});
