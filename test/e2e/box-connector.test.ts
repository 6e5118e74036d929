import { BOX_SANDBOX_CREDENTIALS } from '../../src/sandbox/box/box-sandbox.js';
import type { JsonObject } from '../../src/util/json.js';
import { boxConfWith, boxProbeToken, shippedBoxConf, startBoxGateway, type BoxGateway } from '../support/box-gateway.js';
import { ADMIN } from '../support/gateway-harness.js';

/**
 * The Box connector beyond the page's examples: native filters, both value forms, writes that
 * lose nothing, Box's options, rate limit, 429s, tokens and configuration errors. Assertions read
 * the Box sandbox's API for the backend state.
 */
const USERS = '/openidm/system/box/__ACCOUNT__';
const GROUPS = '/openidm/system/box/__GROUP__';

let box: BoxGateway;

beforeAll(async () => {
  box = await startBoxGateway('box-connector', (conf) => conf, {
    boxuser: boxConfWith({ boxSubjectType: 'User', boxSubjectId: BOX_SANDBOX_CREDENTIALS.adminUserId }),
    boxplain: boxConfWith({ boxSubjectType: 'user', boxSubjectId: BOX_SANDBOX_CREDENTIALS.regularUserId }),
    boxrobot: boxConfWith({ boxSubjectType: 'Robot' }),
    boxbadrate: boxConfWith({ rateLimit: 'lots' }),
    boxwrongsecret: boxConfWith({ clientSecret: 'not-the-secret' }),
    boxslow: boxConfWith({ rateLimit: '5/sec' }),
    boxhurry: { ...boxConfWith({}), operationTimeout: { ...(boxConfWith({}).operationTimeout as JsonObject), GET: 300 } },
  });
});
afterAll(async () => {
  await box.close();
});
beforeEach(async () => {
  await box.sandbox.reset();
  box.sandbox.faults.clear();
});

async function boxApi(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = await boxProbeToken(box.baseUrl);
  const res = await fetch(`${box.baseUrl}/2.0${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'X-Test-Probe': '1', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>) };
}

async function userCount(): Promise<number> {
  return (await boxApi('GET', '/users?limit=1')).body.total_count as number;
}

function callsSince(index: number, pathPart: string) {
  return box.calls.slice(index).filter((c) => c.path.includes(pathPart));
}

describe('queries', () => {
  test('when a user listing is sent a cookie Box did not issue, then 400 names the cookie (not a schema conflict)', async () => {
    const forged = Buffer.from('{"type":"id","dir":"next"}').toString('base64url');
    const res = await box.gw.http.get(USERS).query({ _queryFilter: 'true', _pageSize: 2, _pagedResultsCookie: forged }).set(ADMIN);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 400, reason: 'Bad Request', message: 'The _pagedResultsCookie is not a cookie this query returned' });
  });

  test('when users are filtered with __NAME__ sw, then Box filters by filter_term and login-only matches are left out', async () => {
    await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'Zed Alpha', login: 'zed.alpha@example.com' });
    await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'Other Person', login: 'zed.other@example.com' });
    const before = box.calls.length;
    const res = await box.gw.http.get(USERS).query({ _queryFilter: '__NAME__ sw "Zed"' }).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.result.map((u: { __NAME__: string }) => u.__NAME__)).toEqual(['Zed Alpha']);
    const lists = callsSince(before, '/2.0/users?');
    expect(lists).toHaveLength(1);
    expect(new URL(`http://x${lists[0]!.path}`).searchParams.get('filter_term')).toBe('Zed');
  });

  test('when users are filtered on an attribute Box cannot filter, then the answer is still exact', async () => {
    await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'Pat Designer', login: 'pat@example.com', job_title: 'Chief Designer' });
    const res = await box.gw.http.get(USERS).query({ _queryFilter: 'job_title eq "Chief Designer"' }).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.result.map((u: { login: string }) => u.login)).toEqual(['pat@example.com']);
  });

  test('when groups are filtered with __NAME__ sw, then Box filters them and the answer is exact', async () => {
    await box.gw.http.post(GROUPS).set(ADMIN).send({ __NAME__: 'Quartz Team' });
    const before = box.calls.length;
    const res = await box.gw.http.get(GROUPS).query({ _queryFilter: '__NAME__ sw "Quartz"' }).set(ADMIN);
    expect(res.body.result.map((g: { __NAME__: string }) => g.__NAME__)).toEqual(['Quartz Team']);
    expect(callsSince(before, 'filter_term=Quartz')).toHaveLength(1);
  });

  test('when groups are paged by 5, then the offset cookies walk every group once and the last cookie is null', async () => {
    const total = (await boxApi('GET', '/groups?limit=1')).body.total_count as number;
    const seen: string[] = [];
    let cookie: string | null = null;
    do {
      const res: { status: number; body: { result: { _id: string }[]; pagedResultsCookie: string | null } } = await box.gw.http.get(GROUPS).query({ _queryFilter: 'true', _pageSize: 5, ...(cookie ? { _pagedResultsCookie: cookie } : {}) }).set(ADMIN);
      expect(res.status).toBe(200);
      seen.push(...res.body.result.map((g) => g._id));
      cookie = res.body.pagedResultsCookie;
    } while (cookie);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  test('when a read asks for _fields=login, then only _id and login come back and no memberships are fetched', async () => {
    const created = await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'Few Fields', login: 'few@example.com' });
    const before = box.calls.length;
    const res = await box.gw.http.get(`${USERS}/${created.body._id}`).query({ _fields: 'login' }).set(ADMIN);
    expect(res.body).toEqual({ _id: created.body._id, login: 'few@example.com' });
    expect(callsSince(before, '/memberships')).toHaveLength(0);
  });
});

describe('values and writes', () => {
  test('when a user is created with native JSON booleans and numbers, then Box holds them and the answer shows the page\'s strings', async () => {
    const res = await box.gw.http.post(USERS).set(ADMIN)
      .send({ __NAME__: 'Native Types', login: 'native@example.com', is_sync_enabled: false, space_amount: 1073741824, can_see_managed_users: false });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ is_sync_enabled: 'false', space_amount: '1.073741824E9', can_see_managed_users: 'false' });
    const stored = await boxApi('GET', `/users/${res.body._id}?fields=is_sync_enabled,space_amount,can_see_managed_users`);
    expect(stored.body).toMatchObject({ is_sync_enabled: false, space_amount: 1073741824, can_see_managed_users: false });
  });

  test('when a boolean attribute is not true or false, then 400 names it and no user is created', async () => {
    const before = await userCount();
    const res = await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'Bad Bool', login: 'badbool@example.com', is_sync_enabled: 'maybe' });
    expect(res.status).toBe(400);
    expect(res.body.detail.reason).toMatch(/is_sync_enabled must be true or false/);
    expect(await userCount()).toBe(before);
  });

  test('when a user is created with a group Box does not have, then 400 names the group and no user is created', async () => {
    const before = await userCount();
    const res = await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'No Group', login: 'nogroup@example.com', groups: ['20013904637', '99999999'] });
    expect(res.status).toBe(400);
    expect(res.body.detail.reason).toMatch(/Box has no group 99999999/);
    expect(await userCount()).toBe(before);
  });

  test('when a login is already used, then the create is 412 and Box has one such user', async () => {
    await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'First', login: 'taken@example.com' });
    const res = await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'Second', login: 'taken@example.com' });
    expect(res.status).toBe(412);
    expect(res.body.message).toBe('System object Second already exists');
    const matches = (await boxApi('GET', '/users?filter_term=taken@example.com')).body.entries as unknown[];
    expect(matches).toHaveLength(1);
  });

  test('when a user\'s groups are replaced, then Box memberships are added and removed to match', async () => {
    const created = await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'Mover', login: 'mover@example.com', groups: ['20013904637'] });
    const res = await box.gw.http.put(`${USERS}/${created.body._id}`).set(ADMIN).set('If-Match', '*').send({ groups: ['20013904699'] });
    expect(res.status).toBe(200);
    expect(res.body.groups).toEqual(['20013904699']);
    const memberships = (await boxApi('GET', `/users/${created.body._id}/memberships`)).body.entries as { group: { id: string } }[];
    expect(memberships.map((m) => m.group.id)).toEqual(['20013904699']);
  });

  test('when an update names a group Box does not have, then 400 and neither the fields nor the groups change', async () => {
    const created = await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'Keeper', login: 'keeper@example.com', job_title: 'Before', groups: ['20013904637'] });
    const res = await box.gw.http.put(`${USERS}/${created.body._id}`).set(ADMIN).set('If-Match', '*').send({ job_title: 'After', groups: ['424242'] });
    expect(res.status).toBe(400);
    const stored = await boxApi('GET', `/users/${created.body._id}?fields=job_title`);
    expect(stored.body.job_title).toBe('Before');
    const memberships = (await boxApi('GET', `/users/${created.body._id}/memberships`)).body.entries as { group: { id: string } }[];
    expect(memberships.map((m) => m.group.id)).toEqual(['20013904637']);
  });

  test('when a PUT without If-Match names a user Box does not have, then 404 in CREST form names the UPDATE', async () => {
    const res = await box.gw.http.put(`${USERS}/12345`).set(ADMIN).send({ job_title: 'Nobody' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      code: 404, reason: 'Not Found', detail: {},
      message: 'Operation UPDATE could not find resource 12345 on system object: system/box/__ACCOUNT__',
    });
  });

  test('when a user is deleted with force and notify, then Box receives both options', async () => {
    const created = await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'Gone', login: 'gone@example.com' });
    const before = box.calls.length;
    const res = await box.gw.http.delete(`${USERS}/${created.body._id}`).query({ force: 'true', notify: 'false' }).set(ADMIN);
    expect(res.status).toBe(200);
    const deletes = box.calls.slice(before).filter((c) => c.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.path).toBe(`/2.0/users/${created.body._id}?force=true&notify=false`);
    expect((await boxApi('GET', `/users/${created.body._id}`)).status).toBe(404);
  });

  test('when force is not a boolean, then 400 and the user remains', async () => {
    const created = await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'Stays', login: 'stays@example.com' });
    const res = await box.gw.http.delete(`${USERS}/${created.body._id}`).query({ force: 'yes' }).set(ADMIN);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/force parameter must be true or false/);
    expect((await boxApi('GET', `/users/${created.body._id}`)).status).toBe(200);
  });

  test('when a group is renamed to a name Box already has, then 412 and the group keeps its name', async () => {
    const a = await box.gw.http.post(GROUPS).set(ADMIN).send({ __NAME__: 'Alpha Squad' });
    await box.gw.http.post(GROUPS).set(ADMIN).send({ __NAME__: 'Beta Squad' });
    const res = await box.gw.http.put(`${GROUPS}/${a.body._id}`).set(ADMIN).set('If-Match', '*').send({ __NAME__: 'Beta Squad' });
    expect(res.status).toBe(412);
    expect((await boxApi('GET', `/groups/${a.body._id}`)).body.name).toBe('Alpha Squad');
  });

  test('when a group level is not one of Box\'s values, then 400 and nothing is created', async () => {
    const before = (await boxApi('GET', '/groups?limit=1')).body.total_count;
    const res = await box.gw.http.post(GROUPS).set(ADMIN).send({ __NAME__: 'Bad Level', invitability_level: 'everyone' });
    expect(res.status).toBe(400);
    expect((await boxApi('GET', '/groups?limit=1')).body.total_count).toBe(before);
  });
});

describe('rate limit, retries and tokens', () => {
  test('when 12 reads run at once under rateLimit 5/sec, then Box never sees more than 5 calls in a second and all succeed', async () => {
    await box.gw.http.post('/openidm/system/boxslow?_action=test').set(ADMIN);
    const before = box.calls.length;
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 12 }, () => box.gw.http.get('/openidm/system/boxslow/__GROUP__/20013904637').set(ADMIN)));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    const times = box.calls.slice(before).filter((c) => c.path.startsWith('/2.0/')).map((c) => c.at);
    expect(times).toHaveLength(12);
    // Arrival times jitter by a few ms around the limiter's grants: no 950 ms span may hold more than 5.
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 950).length).toBeLessThanOrEqual(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  test('when Box answers 429 with retry-after 1, then the gateway waits and the read succeeds', async () => {
    box.sandbox.faults.add({ status: 429, retryAfter: 1, path: '/2.0/groups/20013904637' });
    const started = Date.now();
    const res = await box.gw.http.get(`${GROUPS}/20013904637`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test('when Box keeps answering 429 beyond the operation timeout, then 503 at once', async () => {
    box.sandbox.faults.add({ status: 429, retryAfter: 120, times: 5, path: '/2.0/groups/20013904637' });
    const started = Date.now();
    const res = await box.gw.http.get(`${GROUPS}/20013904637`).set(ADMIN);
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('when the access token expires, then the connector fetches a new one once and the read succeeds', async () => {
    await box.gw.http.get(`${GROUPS}/20013904637`).set(ADMIN);
    box.sandbox.tokens.expireAll();
    const before = box.calls.length;
    const res = await box.gw.http.get(`${GROUPS}/20013904637`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(callsSince(before, '/oauth2/token')).toHaveLength(1);
  });

  test('when the token request is sent, then it carries the subject in Box\'s lower-case form and the secret in the body', async () => {
    const before = box.calls.length;
    box.sandbox.tokens.expireAll();
    await box.gw.http.post('/openidm/system/boxuser?_action=test').set(ADMIN);
    const token = callsSince(before, '/oauth2/token')[0]!;
    const form = new URLSearchParams(token.body);
    expect(form.get('box_subject_type')).toBe('user');
    expect(form.get('box_subject_id')).toBe(BOX_SANDBOX_CREDENTIALS.adminUserId);
    expect(form.get('client_secret')).toBe(BOX_SANDBOX_CREDENTIALS.clientSecret);
  });
});

describe('faults', () => {
  test('when a read\'s connection is dropped once, then it is retried and succeeds', async () => {
    box.sandbox.faults.add({ drop: true, path: '/2.0/groups/20013904637' });
    const res = await box.gw.http.get(`${GROUPS}/20013904637`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.__NAME__).toBeDefined();
  });

  test('when a create\'s connection is dropped, then it is not repeated: 503 and no user is made', async () => {
    const before = await userCount();
    box.sandbox.faults.add({ drop: true, path: '/2.0/users' });
    const res = await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'Dropped', login: 'dropped@example.com' });
    expect(res.status).toBe(503);
    expect(await userCount()).toBe(before);
  });

  test('when a create meets a 500, then it is not repeated and the gateway answers 503 with no user made', async () => {
    const before = await userCount();
    box.sandbox.faults.add({ status: 500, path: '/2.0/users' });
    const res = await box.gw.http.post(USERS).set(ADMIN).send({ __NAME__: 'Five Hundred', login: 'fivehundred@example.com' });
    expect(res.status).toBe(503);
    expect(await userCount()).toBe(before);
  });

  test('when Box answers malformed JSON, then 503 says so and the next read works', async () => {
    box.sandbox.faults.add({ malformed: true, times: 10, path: '/2.0/groups/20013904699' });
    const res = await box.gw.http.get(`${GROUPS}/20013904699`).set(ADMIN);
    expect(res.status).toBe(503);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    box.sandbox.faults.clear();
    expect((await box.gw.http.get(`${GROUPS}/20013904699`).set(ADMIN)).status).toBe(200);
  });

  test('when Box is slower than the GET timeout, then 503 within the timeout and the gateway stays up', async () => {
    box.sandbox.faults.add({ latencyMs: 2000, path: '/2.0/groups/20013904637' });
    const started = Date.now();
    const res = await box.gw.http.get('/openidm/system/boxhurry/__GROUP__/20013904637').set(ADMIN);
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await box.gw.http.get('/openidm/info/ping')).status).toBe(200);
  });
});

describe('configuration', () => {
  test('when boxSubjectType is "User" with the admin id, then the test is ok and users can be listed', async () => {
    expect((await box.gw.http.post('/openidm/system/boxuser?_action=test').set(ADMIN)).body).toMatchObject({ name: 'boxuser', ok: true });
    expect((await box.gw.http.get('/openidm/system/boxuser/__ACCOUNT__').query({ _queryId: 'query-all-ids' }).set(ADMIN)).status).toBe(200);
  });

  test('when the subject is a plain user, then listing users is 403 in CREST form', async () => {
    const res = await box.gw.http.get('/openidm/system/boxplain/__ACCOUNT__').query({ _queryId: 'query-all-ids' }).set(ADMIN);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 403, reason: 'Forbidden' });
  });

  test('when boxSubjectType is not User or Enterprise, then the test says so', async () => {
    const res = await box.gw.http.post('/openidm/system/boxrobot?_action=test').set(ADMIN);
    expect(res.body).toMatchObject({ name: 'boxrobot', ok: false });
    expect(res.body.error).toMatch(/boxSubjectType must be User or Enterprise; got "Robot"/);
  });

  test('when rateLimit cannot be read, then the test says how to write it', async () => {
    const res = await box.gw.http.post('/openidm/system/boxbadrate?_action=test').set(ADMIN);
    expect(res.body).toMatchObject({ ok: false });
    expect(res.body.error).toMatch(/rateLimit must look like 1000\/min/);
  });

  test('when the client secret is wrong, then the test names Box\'s error and never the secret', async () => {
    const res = await box.gw.http.post('/openidm/system/boxwrongsecret?_action=test').set(ADMIN);
    expect(res.body).toMatchObject({ ok: false });
    expect(res.body.error).toMatch(/invalid_client/);
    expect(JSON.stringify(res.body)).not.toContain('not-the-secret');
  });

  test('when the Box configuration is read back, then the client secret is not in clear', async () => {
    const res = await box.gw.http.get('/openidm/config/provisioner.openicf/boxwrongsecret').set(ADMIN);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('not-the-secret');
  });

  test('when the available connectors are listed and createFullConfig is asked for Box, then the generated object types are the shipped ones', async () => {
    const connectorRef = {
      bundleName: 'org.forgerock.openicf.connectors.box-connector', bundleVersion: '1.5.20.34',
      connectorName: 'org.forgerock.openicf.connectors.box.BoxConnector', displayName: 'org.forgerock.openicf.connectors.box.BoxConnector', systemType: 'provisioner.openicf',
    };
    expect((await box.gw.http.post('/openidm/system?_action=availableConnectors').set(ADMIN)).body.connectorRef).toContainEqual(connectorRef);
    const core = await box.gw.http.post('/openidm/system?_action=createCoreConfig').set(ADMIN).send({ connectorRef });
    expect(core.body.configurationProperties).toMatchObject({ grantType: 'client_credentials', rateLimit: '1000/min', boxSubjectType: null, boxSubjectId: null });
    const properties = {
      serviceUri: `${box.baseUrl}/2.0`, tokenEndpoint: `${box.baseUrl}/oauth2/token`, clientId: BOX_SANDBOX_CREDENTIALS.clientId,
      clientSecret: BOX_SANDBOX_CREDENTIALS.clientSecret, boxSubjectType: 'Enterprise', boxSubjectId: BOX_SANDBOX_CREDENTIALS.enterpriseId,
    };
    const full = await box.gw.http.post('/openidm/system?_action=createFullConfig').set(ADMIN).send({ name: 'boxnew', connectorRef, configurationProperties: properties });
    expect(full.status).toBe(200);
    const shipped = shippedBoxConf().objectTypes as Record<string, { properties: JsonObject }>;
    const generated = full.body.objectTypes as Record<string, { properties: JsonObject }>;
    expect(Object.keys(generated).sort()).toEqual(['__ACCOUNT__', '__GROUP__']);
    for (const type of Object.keys(generated)) expect([type, generated[type]!.properties]).toEqual([type, shipped[type]!.properties]);
  });
});
