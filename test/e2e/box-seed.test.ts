import { startBoxGateway, type BoxGateway } from '../support/box-gateway.js';
import { ADMIN_HEADERS as AUTH, sendSeedCall, type SeedCall } from '../support/seed-call.js';

/**
 * Every curl example of the Box connector page (shared/seeds/box-connector.md), as written: same
 * method, URL, headers and body text. The sandbox hands out the page's own ids (Jane Doe
 * 34383152830, Miguel Benitez 34721853021, Support 20147818911), so even the ids are the page's.
 * Backend state is read from the Box sandbox's API itself, and every request the connector sent is
 * checked against Box's official OpenAPI spec.
 */
const JSON_TYPE = 'Content-Type: application/json';

const FULL_USER = `{
  "__NAME__": "Miguel Benitez",
  "is_exempt_from_device_limits": "false",
  "type": "user",
  "job_title": "Designer",
  "space_amount": "1.000000456753152E15",
  "phone": "578945621",
  "status": "active",
  "enterprise": [
    {
      "type": "enterprise",
      "name": "testing"
    }
  ],
  "can_see_managed_users": "true",
  "is_external_collab_restricted": "false",
  "external_app_user_id": null,
  "is_exempt_from_login_verification": "false",
  "is_sync_enabled": "true",
  "groups": ["20013904637", "20013904699"],
  "max_upload_size": "5.36870912E10",
  "language": "en",
  "login": "someone@example.com",
  "avatar_url": "https://app.box.com/api/avatar/large/34721853021",
  "role": "user",
  "address": "San Carlos Buenos Aires",
  "is_platform_access_only": "false"
}`;

/** The page's update body; its `"groups": [agregarle el grupo que esta arriba]` placeholder ("add the group above") filled with the groups above. */
const UPDATE_USER = `{
  "__NAME__": "Miguel Benitez",
  "is_exempt_from_device_limits": "false",
  "type": "user",
  "job_title": "Web Developer",
  "space_amount": "1.000000456753152E15",
  "phone": "1157199024",
  "status": "active",
  "enterprise": [
    {
      "type": "enterprise",
      "id": "1162568706",
      "name": "testing"
    }
  ],
  "can_see_managed_users": "true",
  "is_external_collab_restricted": "false",
  "external_app_user_id": null,
  "is_exempt_from_login_verification": "false",
  "is_sync_enabled": "true",
  "groups": ["20013904637", "20013904699"],
  "max_upload_size": "5.36870912E10",
  "language": "en",
  "avatar_url": "https://app.box.com/api/avatar/large/34721853021",
  "role": "user",
  "address": "Puerto La Cruz P.R",
  "is_platform_access_only": "false"
}`;

const GROUP_BODY = `{
  "type": "group",
  "description": "Support Group - as imported from Active Directory",
  "external_sync_identifier": "AD:123456",
  "group_type": "managed_group",
  "invitability_level": "admins_only",
  "member_viewability_level": "admins_only",
  "__NAME__": "Support",
  "permissions": {
    "can_invite_as_collaborator": true
  },
  "provenance": "Active Directory"
}`;

const SEED = {
  test: { method: 'POST', url: 'http://localhost:8080/openidm/system/box?_action=test', headers: [...AUTH, JSON_TYPE] },
  createUser: {
    method: 'POST', url: 'http://localhost:8080/openidm/system/box/__ACCOUNT__', headers: [...AUTH, JSON_TYPE],
    data: `{
  "__NAME__": "Jane Doe",
  "login": "janeDoe@example.com"
}`,
  },
  createFullUser: { method: 'POST', url: 'http://localhost:8080/openidm/system/box/__ACCOUNT__', headers: [...AUTH, JSON_TYPE], data: FULL_USER },
  listUsers: { method: 'GET', url: 'http://localhost:8080/openidm/system/box/__ACCOUNT__?_queryFilter=True', headers: [...AUTH, JSON_TYPE] },
  listUserIds: { method: 'GET', url: 'http://localhost:8080/openidm/system/box/__ACCOUNT__?_queryId=query-all-ids', headers: [...AUTH, JSON_TYPE] },
  getUser: { method: 'GET', url: 'http://localhost:8080/openidm/system/box/__ACCOUNT__/34721853021', headers: [...AUTH, JSON_TYPE] },
  updateUser: {
    method: 'PUT', url: 'http://localhost:8080/openidm/system/box/__ACCOUNT__/34721853021', headers: [...AUTH, JSON_TYPE, 'If-Match: *'], data: UPDATE_USER,
  },
  deleteUser: { method: 'DELETE', url: 'http://localhost:8080/openidm/system/box/__ACCOUNT__/34721853021', headers: [...AUTH, JSON_TYPE, 'If-Match: *'] },
  createGroup: { method: 'POST', url: 'http://localhost:8080/openidm/system/box/__GROUP__', headers: [...AUTH, JSON_TYPE], data: GROUP_BODY },
  listGroups: { method: 'GET', url: 'http://localhost:8080/openidm/system/box/__GROUP__?_queryFilter=True', headers: [...AUTH, JSON_TYPE] },
  getGroup: { method: 'GET', url: 'http://localhost:8080/openidm/system/box/__GROUP__/20147818911', headers: [...AUTH, JSON_TYPE] },
  updateGroup: {
    method: 'PUT', url: 'http://localhost:8080/openidm/system/box/__GROUP__/20147818911', headers: [...AUTH, JSON_TYPE, 'If-Match: *'],
    data: GROUP_BODY.replace('"__NAME__": "Support"', '"name": "Support"'),
  },
  deleteGroup: { method: 'DELETE', url: 'http://localhost:8080/openidm/system/box/__GROUP__/20147818911', headers: [...AUTH, JSON_TYPE, 'If-Match: *'] },
} as const satisfies Record<string, SeedCall>;

const USER_KEYS = [
  '_id', 'hostname', '__NAME__', 'is_exempt_from_device_limits', 'type', 'job_title', 'space_amount', 'phone', 'status', 'enterprise',
  'can_see_managed_users', 'is_external_collab_restricted', 'external_app_user_id', 'is_exempt_from_login_verification',
  'is_sync_enabled', 'groups', 'max_upload_size', 'language', 'login', 'avatar_url', 'role', 'address', 'is_platform_access_only',
].sort();

const GROUP_KEYS = [
  '_id', 'provenance', 'description', 'group_type', 'invitability_level', 'member_viewability_level', '__NAME__', 'type', 'external_sync_identifier',
].sort();

let box: BoxGateway;

beforeAll(async () => {
  box = await startBoxGateway('box-seed');
});
afterAll(async () => {
  await box.close();
});
beforeEach(() => box.sandbox.reset());

function send(call: SeedCall) {
  return sendSeedCall(box.gw.http, call);
}

/** The Box sandbox's own view of a resource (`/2.0/...` with an enterprise token). */
async function boxApi(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = await fetch(`${box.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'X-Test-Probe': '1' },
    body: new URLSearchParams({
      grant_type: 'client_credentials', client_id: 'k3x9vq2m7wrt4zpd8yhn1cbf6lsg0ajo', client_secret: 'Qm7vXe2LrT9bNc4KpW8sZy3HdJ6gFa1U',
      box_subject_type: 'enterprise', box_subject_id: '1162568706',
    }),
  }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
  const res = await fetch(`${box.baseUrl}/2.0${path}`, { headers: { Authorization: `Bearer ${token}`, 'X-Test-Probe': '1' } });
  return { status: res.status, body: res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>) };
}

/** The page's two create examples in the page's order: Jane Doe gets 34383152830, Miguel Benitez 34721853021. */
async function createPageUsers(): Promise<void> {
  expect((await send(SEED.createUser)).status).toBe(201);
  expect((await send(SEED.createFullUser)).status).toBe(201);
}

async function groupIdsOfUser(id: string): Promise<string[]> {
  const { body } = await boxApi(`/users/${id}/memberships`);
  return (body.entries as { group: { id: string } }[]).map((m) => m.group.id).sort();
}

describe('Box connector page: test', () => {
  test('when the connector is tested, then ok is true with the Box connectorRef and object types', async () => {
    const res = await send(SEED.test);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'box',
      enabled: true,
      config: 'config/provisioner.openicf/box',
      connectorRef: {
        bundleVersion: '[1.5.0.0,1.6.0.0)',
        bundleName: 'org.forgerock.openicf.connectors.box-connector',
        connectorName: 'org.forgerock.openicf.connectors.box.BoxConnector',
      },
      displayName: 'org.forgerock.openicf.connectors.box.BoxConnector',
      objectTypes: expect.arrayContaining(['__ACCOUNT__', '__ALL__', '__GROUP__']),
      ok: true,
    });
    expect(res.body.objectTypes).toHaveLength(3);
  });
});

describe('Box connector page: users', () => {
  test('when a user is created with __NAME__ and login, then it is 201 with the page\'s shape and id, and Box holds it', async () => {
    const res = await send(SEED.createUser);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(USER_KEYS);
    expect(res.body).toMatchObject({
      _id: '34383152830',
      hostname: 'https://app.box.com/',
      __NAME__: 'Jane Doe',
      is_exempt_from_device_limits: 'false',
      type: 'user',
      job_title: '',
      phone: '',
      status: 'active',
      enterprise: [{ type: 'enterprise', id: '1162568706', name: 'testing' }],
      can_see_managed_users: 'true',
      is_external_collab_restricted: 'false',
      external_app_user_id: null,
      is_exempt_from_login_verification: 'false',
      is_sync_enabled: 'true',
      groups: [],
      max_upload_size: expect.stringMatching(/^\d\.\d+E\d+$/),
      space_amount: expect.stringMatching(/^-?\d\.\d+E\d+$|^-1\.0$/),
      language: 'en',
      login: 'janedoe@example.com',
      avatar_url: expect.stringMatching(/^https:\/\/app\.box\.com\/api\/avatar\/large\/\d+$/),
      role: 'user',
      address: '',
      is_platform_access_only: 'false',
    });
    const stored = await boxApi('/users/34383152830');
    expect(stored.body).toMatchObject({ name: 'Jane Doe', login: 'janedoe@example.com' });
  });

  test('when a full user is created with string-typed values and groups, then Box holds native values and both memberships', async () => {
    await send(SEED.createUser);
    const res = await send(SEED.createFullUser);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(USER_KEYS);
    expect(res.body).toMatchObject({
      _id: '34721853021',
      __NAME__: 'Miguel Benitez',
      job_title: 'Designer',
      space_amount: '1.000000456753152E15',
      phone: '578945621',
      can_see_managed_users: 'true',
      is_sync_enabled: 'true',
      groups: ['20013904637', '20013904699'],
      login: 'someone@example.com',
      address: 'San Carlos Buenos Aires',
      enterprise: [{ type: 'enterprise', id: '1162568706', name: 'testing' }],
    });
    const stored = await boxApi('/users/34721853021?fields=space_amount,is_sync_enabled,job_title,enterprise');
    expect(stored.body).toMatchObject({ space_amount: 1000000456753152, is_sync_enabled: true, job_title: 'Designer' });
    expect(await groupIdsOfUser('34721853021')).toEqual(['20013904637', '20013904699']);
  });

  test('when all users are queried, then every enterprise user comes back in the page\'s shape with no cookie after the last page', async () => {
    await createPageUsers();
    const res = await send(SEED.listUsers);
    expect(res.status).toBe(200);
    const all = await boxApi('/users?limit=1000');
    expect(res.body.resultCount).toBe(all.body.total_count);
    expect(res.body).toMatchObject({ pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 });
    const miguel = (res.body.result as Record<string, unknown>[]).find((u) => u._id === '34721853021');
    expect(Object.keys(miguel!).sort()).toEqual(USER_KEYS);
    expect(miguel).toMatchObject({ groups: ['20013904637', '20013904699'], space_amount: '1.000000456753152E15' });
  });

  test('when users are queried a page at a time, then Box\'s marker is the cookie and the pages cover every user once', async () => {
    const seen: string[] = [];
    let cookie: string | null = null;
    let pages = 0;
    do {
      const query: string = `_queryFilter=True&_pageSize=10${cookie ? `&_pagedResultsCookie=${encodeURIComponent(cookie)}` : ''}`;
      const res = await box.gw.http.get(`/openidm/system/box/__ACCOUNT__?${query}`).set('X-OpenIDM-Username', 'openidm-admin').set('X-OpenIDM-Password', 'openidm-admin');
      expect(res.status).toBe(200);
      seen.push(...(res.body.result as { _id: string }[]).map((u) => u._id));
      cookie = res.body.pagedResultsCookie as string | null;
      if (cookie) expect(JSON.parse(Buffer.from(cookie, 'base64url').toString())).toEqual({ type: 'id', dir: 'next', tail: seen[seen.length - 1] });
      pages++;
    } while (cookie && pages < 20);
    const all = await boxApi('/users?limit=1000');
    expect(seen.length).toBe(all.body.total_count);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test('when user ids are queried, then each result is {_id} only and the set equals Box\'s users', async () => {
    const before = box.calls.length;
    const res = await send(SEED.listUserIds);
    expect(res.status).toBe(200);
    for (const item of res.body.result as Record<string, unknown>[]) expect(Object.keys(item)).toEqual(['_id']);
    const all = await boxApi('/users?limit=1000&fields=id');
    const ids = (all.body.entries as { id: string }[]).map((u) => u.id).sort();
    expect((res.body.result as { _id: string }[]).map((u) => u._id).sort()).toEqual(ids);
    // Ids only: no memberships call per user.
    expect(box.calls.slice(before).filter((c) => c.path.includes('/memberships')).length).toBe(0);
  });

  test('when a user is read, then it has the page\'s shape with its groups', async () => {
    await createPageUsers();
    const res = await send(SEED.getUser);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(USER_KEYS);
    expect(res.body).toMatchObject({ _id: '34721853021', __NAME__: 'Miguel Benitez', groups: ['20013904637', '20013904699'], role: 'user', status: 'active' });
  });

  test('when a user is updated with If-Match *, then Box holds the new values, never loses its enterprise, and the answer shows them', async () => {
    await createPageUsers();
    const puts: number = box.calls.length;
    const res = await send(SEED.updateUser);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: '34721853021', job_title: 'Web Developer', phone: '1157199024', address: 'Puerto La Cruz P.R', login: 'someone@example.com', groups: ['20013904637', '20013904699'] });
    const stored = await boxApi('/users/34721853021?fields=job_title,phone,address,enterprise');
    expect(stored.body).toMatchObject({ job_title: 'Web Developer', phone: '1157199024', address: 'Puerto La Cruz P.R', enterprise: { id: '1162568706' } });
    const sent = box.calls.slice(puts).filter((c) => c.method === 'PUT');
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body)).not.toHaveProperty('enterprise');
  });

  test('when a user is deleted, then the answer is the user before deletion and Box no longer has it', async () => {
    await createPageUsers();
    const res = await send(SEED.deleteUser);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(USER_KEYS);
    expect(res.body).toMatchObject({ _id: '34721853021', __NAME__: 'Miguel Benitez', groups: ['20013904637', '20013904699'] });
    expect((await boxApi('/users/34721853021')).status).toBe(404);
  });
});

describe('Box connector page: groups', () => {
  test('when a group is created, then it is 201 with the page\'s shape and id, and Box holds it', async () => {
    const res = await send(SEED.createGroup);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(GROUP_KEYS);
    expect(res.body).toEqual({
      _id: '20147818911',
      provenance: 'Active Directory',
      description: 'Support Group - as imported from Active Directory',
      group_type: 'managed_group',
      invitability_level: 'admins_only',
      member_viewability_level: 'admins_only',
      __NAME__: 'Support',
      type: 'group',
      external_sync_identifier: 'AD:123456',
    });
    expect((await boxApi('/groups/20147818911?fields=name,provenance')).body).toMatchObject({ name: 'Support', provenance: 'Active Directory' });
  });

  test('when all groups are queried, then every Box group comes back with nulls shown and no cookie', async () => {
    await send(SEED.createGroup);
    const res = await send(SEED.listGroups);
    expect(res.status).toBe(200);
    const all = await boxApi('/groups?limit=1000');
    expect(res.body.resultCount).toBe(all.body.total_count);
    expect(res.body.pagedResultsCookie).toBeNull();
    for (const group of res.body.result as Record<string, unknown>[]) expect(Object.keys(group).sort()).toEqual(GROUP_KEYS);
    expect((res.body.result as { _id: string }[]).map((g) => g._id)).toContain('20147818911');
  });

  test('when a group is read, then it has the page\'s shape', async () => {
    await send(SEED.createGroup);
    const res = await send(SEED.getGroup);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: '20147818911', __NAME__: 'Support', external_sync_identifier: 'AD:123456' });
  });

  test('when a group is updated with the page\'s body (name instead of __NAME__), then Box holds it and the answer shows it', async () => {
    await send(SEED.createGroup);
    await box.gw.http.put('/openidm/system/box/__GROUP__/20147818911').set('X-OpenIDM-Username', 'openidm-admin').set('X-OpenIDM-Password', 'openidm-admin')
      .set('If-Match', '*').send({ __NAME__: 'Old name', description: 'old' });
    const res = await send(SEED.updateGroup);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      _id: '20147818911',
      provenance: 'Active Directory',
      description: 'Support Group - as imported from Active Directory',
      group_type: 'managed_group',
      invitability_level: 'admins_only',
      member_viewability_level: 'admins_only',
      __NAME__: 'Support',
      type: 'group',
      external_sync_identifier: 'AD:123456',
    });
    expect((await boxApi('/groups/20147818911?fields=name,description')).body).toMatchObject({ name: 'Support', description: 'Support Group - as imported from Active Directory' });
  });

  test('when a group is deleted, then the answer is the group before deletion and Box no longer has it', async () => {
    await send(SEED.createGroup);
    const res = await send(SEED.deleteGroup);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: '20147818911', __NAME__: 'Support' });
    expect((await boxApi('/groups/20147818911')).status).toBe(404);
  });
});

describe('Box connector page: the wire', () => {
  test('when every example above has run, then every request the connector sent conforms to Box\'s official OpenAPI spec', () => {
    expect(box.calls.length).toBeGreaterThan(50);
    expect(box.specViolations()).toEqual([]);
  });
});
