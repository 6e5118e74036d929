import supertest from 'supertest';
import type { ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { SCIM_EXAMPLE_IDS, SCIM_SANDBOX_CREDENTIALS } from '../../src/sandbox/scim/scim-sandbox.js';
import type { Gateway } from '../support/gateway-harness.js';
import { startRestGateway } from '../support/rest-gateway.js';
import { ADMIN_HEADERS, sendSeedCall, type SeedCall } from '../support/seed-call.js';

/**
 * Every curl example of the SaaS REST connector page (shared/seeds/saas-rest-connector.md) for
 * system `rest`, as written: same method, URL, headers and body text, against the shipped
 * conf/provisioner.openicf-rest.json and the SCIM sandbox. The sandbox holds the page's literal
 * `USER_ID` (userName "john"), so the get and update examples run on it as is.
 *
 * Where the page contradicts itself the gateway follows its list and update examples: `__NAME__`
 * is the userName (the create example shows "john" for userName "johndoe", its list "johndoe").
 * The page's `_rev` values have no source in the configuration language (no revision key), so
 * objects come back without `_rev`; and a list without `_pageSize` is one page, so its
 * `pagedResultsCookie` is null where the page prints a placeholder.
 */
const SEED = {
  test: {
    method: 'POST', url: '/system/rest?_action=test',
    headers: [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0'],
  },
  createUser: {
    method: 'POST', url: '/openidm/system/rest/__ACCOUNT__?_action=create',
    headers: [...ADMIN_HEADERS, 'Content-Type: application/json'],
    data: `{
  "userName": "johndoe",
  "sn": "doe",
  "givenName": "john",
  "mail": "john.doe@example.com",
  "telephoneNumber": "0101010101",
  "description": "some description"
}`,
  },
  updateUser: {
    method: 'PUT', url: '/openidm/system/rest/__ACCOUNT__/USER_ID',
    headers: [...ADMIN_HEADERS, 'Content-Type: application/json'],
    data: `{
  "userName": "updatedUsername",
  "sn": "updatedSn",
  "givenName": "updatedGivenName",
  "mail": "john.doe123@example.com",
  "telephoneNumber": "11110000",
  "description": "updated description"
}`,
  },
  getUser: {
    method: 'GET', url: '/openidm/system/rest/__ACCOUNT__/USER_ID',
    headers: [...ADMIN_HEADERS, 'Content-Type: application/json'],
  },
  listUsers: {
    method: 'GET', url: '/openidm/system/rest/__ACCOUNT__?_queryFilter=true',
    headers: [...ADMIN_HEADERS, 'Content-Type: application/json'],
  },
} as const satisfies Record<string, SeedCall>;

let scim: ListeningScimSandbox;
let gw: Gateway;

beforeAll(async () => {
  ({ scim, gw } = await startRestGateway('rest-seed'));
});
afterAll(async () => {
  await gw.close();
  await scim.close();
});
beforeEach(() => scim.sandbox.reset());

function send(call: SeedCall, ids: Readonly<Record<string, string>> = {}) {
  return sendSeedCall(gw.http, call, ids);
}

/** What the SCIM sandbox itself holds for a user (backend state, not the gateway's view); null when it has none. */
async function scimUser(id: string): Promise<Record<string, unknown> | null> {
  const res = await supertest(scim.baseUrl).get(`/v2/Users/${encodeURIComponent(id)}`)
    .auth(SCIM_SANDBOX_CREDENTIALS.username, SCIM_SANDBOX_CREDENTIALS.password);
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return res.body as Record<string, unknown>;
}

async function scimUserCount(): Promise<number> {
  const res = await supertest(scim.baseUrl).get('/v2/Users?count=0').auth(SCIM_SANDBOX_CREDENTIALS.username, SCIM_SANDBOX_CREDENTIALS.password);
  return (res.body as { totalResults: number }).totalResults;
}

describe('SaaS REST connector page: test', () => {
  test('when the connector is tested, then the status names the Rest connector, its object types, and ok is true', async () => {
    const res = await send(SEED.test);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'rest',
      enabled: true,
      config: 'config/provisioner.openicf/rest',
      connectorRef: {
        bundleVersion: '1.5.20.34',
        bundleName: 'org.forgerock.openicf.connectors.rest-connector',
        connectorName: 'org.forgerock.openicf.connectors.rest.RestConnector',
      },
      displayName: 'Rest Connector',
      objectTypes: expect.arrayContaining(['__ACCOUNT__', '__ALL__']),
      ok: true,
    });
    expect(res.body.objectTypes).toHaveLength(2);
  });
});

describe('SaaS REST connector page: create user', () => {
  test('when the page\'s user is created, then it is 201 with the documented properties and the SCIM service holds it', async () => {
    const res = await send(SEED.createUser);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      _id: expect.any(String),
      __NAME__: 'johndoe',
      sn: 'doe',
      givenName: 'john',
      mail: 'john.doe@example.com',
      telephoneNumber: '0101010101',
      description: 'some description',
      accountStatus: 'active',
    });
    expect(await scimUser(res.body._id)).toMatchObject({
      id: res.body._id,
      userName: 'johndoe',
      name: { familyName: 'doe', givenName: 'john' },
      emails: [{ value: 'john.doe@example.com' }],
      phoneNumbers: [{ value: '0101010101' }],
      description: 'some description',
      active: true,
      status: 'active',
    });
  });

  test('when the page\'s user is created twice, then the second create is 412 and only one johndoe exists', async () => {
    expect((await send(SEED.createUser)).status).toBe(201);
    const before = await scimUserCount();
    const again = await send(SEED.createUser);
    expect(again.status).toBe(412);
    expect(again.body).toMatchObject({ code: 412, reason: 'Precondition Failed' });
    expect(await scimUserCount()).toBe(before);
  });
});

describe('SaaS REST connector page: update user', () => {
  test('when USER_ID is updated with a PUT as the page shows, then every property changes in the response and in the SCIM service', async () => {
    const res = await send(SEED.updateUser);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      _id: 'USER_ID',
      __NAME__: 'updatedUsername',
      sn: 'updatedSn',
      givenName: 'updatedGivenName',
      mail: 'john.doe123@example.com',
      telephoneNumber: '11110000',
      description: 'updated description',
      accountStatus: 'active',
    });
    expect(await scimUser('USER_ID')).toMatchObject({
      userName: 'updatedUsername',
      name: { familyName: 'updatedSn', givenName: 'updatedGivenName' },
      emails: [{ value: 'john.doe123@example.com' }],
      phoneNumbers: [{ value: '11110000' }],
      description: 'updated description',
      active: true,
    });
  });

  test('when the user created by the page is updated, then its id stays and the update shows', async () => {
    const created = await send(SEED.createUser);
    const res = await send(SEED.updateUser, { USER_ID: created.body._id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: created.body._id, __NAME__: 'updatedUsername', sn: 'updatedSn' });
    expect(await scimUser(created.body._id)).toMatchObject({ userName: 'updatedUsername', name: { familyName: 'updatedSn' } });
  });
});

describe('SaaS REST connector page: get user', () => {
  test('when USER_ID is read, then it comes back exactly as the page shows', async () => {
    const res = await send(SEED.getUser);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      _id: 'USER_ID',
      __NAME__: 'john',
      sn: 'doe',
      givenName: 'john',
      mail: 'john.doe@example.com',
      telephoneNumber: '0101010101',
      description: 'some description',
      accountStatus: 'active',
    });
    expect(await scimUser('USER_ID')).toMatchObject({ userName: 'john', name: { familyName: 'doe', givenName: 'john' } });
  });

  test('when an id the SCIM service does not have is read, then it is 404 in CREST form', async () => {
    const res = await send(SEED.getUser, { USER_ID: 'no-such-user' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 404, reason: 'Not Found' });
  });
});

describe('SaaS REST connector page: list users', () => {
  test('when the users are listed with _queryFilter=true after the page\'s create, then johndoe and testuser come back as the page shows, with every user', async () => {
    const created = await send(SEED.createUser);
    const res = await send(SEED.listUsers);
    expect(res.status).toBe(200);
    const total = await scimUserCount();
    expect(res.body).toMatchObject({
      resultCount: total,
      pagedResultsCookie: null,
      totalPagedResultsPolicy: 'NONE',
      totalPagedResults: -1,
      remainingPagedResults: -1,
    });
    expect(res.body.result).toHaveLength(total);
    expect(res.body.result).toContainEqual({
      _id: created.body._id,
      __NAME__: 'johndoe',
      accountStatus: 'active',
      mail: 'john.doe@example.com',
      givenName: 'john',
      sn: 'doe',
      telephoneNumber: '0101010101',
      description: 'some description',
    });
    expect(res.body.result).toContainEqual({
      _id: SCIM_EXAMPLE_IDS.testUser,
      __NAME__: 'testuser',
      accountStatus: 'active',
      mail: 'test.user@example.com',
      givenName: 'test',
      sn: 'user',
      description: 'some description',
    });
    expect(new Set(res.body.result.map((o: { _id: string }) => o._id)).size).toBe(total);
  });
});
