import type { ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { SCIM_SANDBOX_CREDENTIALS } from '../../src/sandbox/scim/scim-sandbox.js';
import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, type Gateway } from '../support/gateway-harness.js';
import { shippedRestConf, startRestGateway } from '../support/rest-gateway.js';

const SYSTEM = '/openidm/system';
const connectorRef = shippedRestConf().connectorRef as JsonObject;

/** The shipped configurationProperties with `changes` applied (`&{…}` references resolve in the test gateway). */
function properties(changes: JsonObject = {}): JsonObject {
  return { ...(shippedRestConf().configurationProperties as JsonObject), ...changes };
}

/** The shipped `__ACCOUNT__` connector configuration with `changes` applied at its top level. */
function accountWith(changes: JsonObject): JsonObject {
  const objectTypes = (shippedRestConf().configurationProperties as { objectTypes: Record<string, JsonObject> }).objectTypes;
  return { __ACCOUNT__: { ...objectTypes.__ACCOUNT__!, ...changes } };
}

/** The shipped `__ACCOUNT__` connector configuration without one of its operations. */
function accountWithout(operation: string): JsonObject {
  const account = accountWith({}).__ACCOUNT__ as { operations: JsonObject };
  const operations = { ...account.operations };
  delete operations[operation];
  return { __ACCOUNT__: { ...account, operations } };
}

/** The shipped conf as system `name` with `changes` to its configurationProperties. */
function variant(name: string, changes: JsonObject): JsonObject {
  return { ...shippedRestConf(), name, configurationProperties: properties(changes) };
}

let scim: ListeningScimSandbox;
let gw: Gateway;

beforeAll(async () => {
  ({ scim, gw } = await startRestGateway('rest-connector', {
    restbasic: variant('restbasic', { authenticationMethod: 'BASIC', login: SCIM_SANDBOX_CREDENTIALS.username, password: '&{sandbox.scim.password}', clientSecret: null }),
    resttoken: variant('resttoken', { authenticationMethod: 'TOKEN', authToken: '&{sandbox.scim.token}', clientSecret: null }),
    restrefresh: variant('restrefresh', { grantType: 'refresh_token', refreshToken: SCIM_SANDBOX_CREDENTIALS.refreshToken, useBasicAuthForOauthTokenNeg: false }),
    restnoget: variant('restnoget', { objectTypes: accountWithout('GET') }),
    restnodelete: variant('restnodelete', { objectTypes: accountWithout('DELETE') }),
    restbroken: variant('restbroken', { objectTypes: accountWith({ filters: { queryParamKey: 'filter', operators: { equals: 'eq', like: 'lk' } } }) }),
    restnoew: variant('restnoew', {
      objectTypes: accountWith({ filters: { quotes: '%22', separator: '%20', queryParamKey: 'filter', operators: { equals: 'eq', and: 'and', or: 'or' } } }),
    }),
  }));
});
afterAll(async () => {
  await gw.close();
  await scim.close();
});
beforeEach(() => scim.sandbox.reset());

describe('SaaS REST connector: authentication', () => {
  test.each(['restbasic', 'resttoken', 'restrefresh', 'rest'])('when system %s is tested and read, then its credentials are accepted by the SCIM service', async (system) => {
    const test = await gw.http.post(`${SYSTEM}/${system}?_action=test`).set(ADMIN);
    expect(test.body).toMatchObject({ name: system, ok: true });
    const read = await gw.http.get(`${SYSTEM}/${system}/__ACCOUNT__/USER_ID`).set(ADMIN);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ _id: 'USER_ID', __NAME__: 'john' });
  });

  test('when the OAuth client secret is wrong, then the test is not ok and says the client was refused', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=testConfig`).set(ADMIN)
      .send({ name: 'restwrong', connectorRef, configurationProperties: properties({ clientSecret: 'wrong-secret' }) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'restwrong', ok: false });
    expect(JSON.stringify(res.body)).toMatch(/invalid_client|401/);
  });
});

describe('SaaS REST connector: configuration errors at load time', () => {
  test('when a filter operator is unknown, then the system is not ok and the error names the JSON path of the key', async () => {
    const res = await gw.http.post(`${SYSTEM}/restbroken?_action=test`).set(ADMIN);
    expect(res.body).toMatchObject({ name: 'restbroken', ok: false });
    expect(res.body.error).toMatch(/objectTypes\.__ACCOUNT__\.filters\.operators\.like is not a filter operator/);
  });

  test('when testConfig gets a configuration with several mistakes, then every one is listed with its path', async () => {
    const objectTypes = { __ACCOUNT__: { operations: { GET: { path: '/Users/{uid}', idPath: 'id[' }, QUERY: { method: 'GET', idPath: 'id' } } } };
    const res = await gw.http.post(`${SYSTEM}?_action=testConfig`).set(ADMIN)
      .send({ name: 'resttry', connectorRef, configurationProperties: properties({ objectTypes }) });
    const text = JSON.stringify(res.body);
    expect(res.body.ok).toBe(false);
    expect(text).toMatch(/objectTypes\.__ACCOUNT__\.operations\.GET\.method is required/);
    expect(text).toMatch(/objectTypes\.__ACCOUNT__\.operations\.GET\.idPath is not a valid path/);
    expect(text).toMatch(/objectTypes\.__ACCOUNT__\.operations\.QUERY\.path is required/);
  });
});

describe('SaaS REST connector: schema', () => {
  test('when createFullConfig is asked, then the object types generated from the schema flags are the shipped ones', async () => {
    const res = await gw.http.post(`${SYSTEM}?_action=createFullConfig`).set(ADMIN).send({ name: 'restnew', connectorRef, configurationProperties: properties() });
    expect(res.status).toBe(200);
    expect(res.body.objectTypes).toEqual(shippedRestConf().objectTypes);
  });

  test('when a create lacks the REQUIRED userName, then it is 400 and nothing reaches the SCIM service', async () => {
    const before = (await gw.http.get(`${SYSTEM}/rest/__ACCOUNT__`).query({ _queryId: 'query-all-ids' }).set(ADMIN)).body.resultCount as number;
    const res = await gw.http.post(`${SYSTEM}/rest/__ACCOUNT__?_action=create`).set(ADMIN).send({ sn: 'no user name' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("Required attribute 'userName' value is null");
    expect((await gw.http.get(`${SYSTEM}/rest/__ACCOUNT__`).query({ _queryId: 'query-all-ids' }).set(ADMIN)).body.resultCount).toBe(before);
  });

  test('when userName (NOT_RETURNED_BY_DEFAULT) is asked for with _fields, then it comes back', async () => {
    const res = await gw.http.get(`${SYSTEM}/rest/__ACCOUNT__/USER_ID`).query({ _fields: 'userName,sn' }).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ _id: 'USER_ID', userName: 'john', sn: 'doe' });
  });
});

describe('SaaS REST connector: operations', () => {
  test('when GET is not configured, then a read finds the object through the QUERY (filtered on idPath)', async () => {
    const res = await gw.http.get(`${SYSTEM}/restnoget/__ACCOUNT__/USER_ID`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: 'USER_ID', __NAME__: 'john', sn: 'doe' });
    expect((await gw.http.get(`${SYSTEM}/restnoget/__ACCOUNT__/no-such-user`).set(ADMIN)).status).toBe(404);
  });

  test('when DELETE is not configured, then a delete answers 501 naming the missing key and the user stays', async () => {
    const res = await gw.http.delete(`${SYSTEM}/restnodelete/__ACCOUNT__/USER_ID`).set(ADMIN);
    expect(res.status).toBe(501);
    expect(res.body.message).toMatch(/objectTypes\.__ACCOUNT__\.operations\.DELETE/);
    expect((await gw.http.get(`${SYSTEM}/rest/__ACCOUNT__/USER_ID`).set(ADMIN)).status).toBe(200);
  });
});

describe('SaaS REST connector: queries', () => {
  const ids = async (system: string, filter: string): Promise<string[]> => {
    const res = await gw.http.get(`${SYSTEM}/${system}/__ACCOUNT__`).query({ _queryFilter: filter, _fields: '_id' }).set(ADMIN);
    expect(res.status).toBe(200);
    return (res.body.result as { _id: string }[]).map((o) => o._id).sort();
  };

  test.each([
    'sn sw "J" or givenName ew "a"',
    'mail co "example.com" and !(accountStatus eq "active")',
    'telephoneNumber pr and givenName lt "B"',
    '__NAME__ eq "bjensen"',
  ])('when "%s" is filtered natively (rest) and in memory (restnoew), then both select the same users', async (filter) => {
    const native = await ids('rest', filter);
    expect(native.length).toBeGreaterThan(0);
    expect(await ids('restnoew', filter)).toEqual(native);
  });

  test('when a filter value holds a double quote, then it is escaped for the backend and matches nothing', async () => {
    expect(await ids('rest', 'sn eq "do\\"e"')).toEqual([]);
  });

  test('when users are paged by 5 with the backend cursor, then the pages hold every user once', async () => {
    const all = await ids('rest', 'true');
    const seen: string[] = [];
    let cookie: string | undefined;
    do {
      const page: { body: { result: { _id: string }[]; pagedResultsCookie: string | null } } = await gw.http.get(`${SYSTEM}/rest/__ACCOUNT__`)
        .query({ _queryFilter: 'true', _pageSize: 5, _fields: '_id', ...(cookie ? { _pagedResultsCookie: cookie } : {}) }).set(ADMIN);
      expect(page.body.result.length).toBeLessThanOrEqual(5);
      seen.push(...page.body.result.map((o) => o._id));
      cookie = page.body.pagedResultsCookie ?? undefined;
    } while (cookie);
    expect(seen.sort()).toEqual(all);
  });

  test('when a cookie the backend never issued is sent, then the answer is a CREST 400 (the SCIM service refuses it)', async () => {
    const res = await gw.http.get(`${SYSTEM}/rest/__ACCOUNT__`).query({ _queryFilter: 'true', _pageSize: 5, _pagedResultsCookie: 'bogus' }).set(ADMIN);
    expect(res.status).toBe(400);
  });
});
