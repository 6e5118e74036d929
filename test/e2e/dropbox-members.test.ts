import { EXAMPLE_IDS } from '../../src/sandbox/dropbox/dropbox-sandbox.js';
import { type RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import { startDropboxGateway } from '../support/dropbox-gateway.js';
import { ADMIN, type Gateway } from '../support/gateway-harness.js';

const MEMBERS = '/openidm/system/dropbox/__ACCOUNT__';
let sandbox: RunningDropboxSandbox;
let gw: Gateway;

beforeAll(async () => {
  ({ sandbox, gw } = await startDropboxGateway('dropbox-members'));
});
afterAll(async () => {
  await gw.close();
  await sandbox.close();
});
beforeEach(() => sandbox.sandbox.reset());

/** The team as the sandbox holds it (backend state). */
function currentMembers() {
  return sandbox.sandbox.state.data.members.filter((m) => m.status !== 'removed');
}

function member(id: string) {
  return sandbox.sandbox.state.data.members.find((m) => m.team_member_id === id)!;
}

/** How many calls the gateway made to a Dropbox route so far (its backend metrics). */
async function calls(route: string): Promise<number> {
  const res = await gw.http.get('/openidm/metrics/prometheus').set(ADMIN);
  let total = 0;
  for (const line of res.text.split('\n')) {
    if (line.startsWith('idm_gateway_backend_call_seconds_count{') && line.includes('system="dropbox"') && line.includes(`route="/2/${route}"`)) {
      total += Number(line.split(' ').pop());
    }
  }
  return total;
}

async function query(params: Record<string, string | number>) {
  return gw.http.get(MEMBERS).query(params).set(ADMIN);
}

async function allPages(params: Record<string, string | number>, pageSize: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cookie: string | null = null;
  let pages = 0;
  do {
    const res = await query({ ...params, _pageSize: pageSize, ...(cookie ? { _pagedResultsCookie: cookie } : {}) });
    expect(res.status).toBe(200);
    expect(res.body.result.length).toBeLessThanOrEqual(pageSize);
    ids.push(...res.body.result.map((o: { _id: string }) => o._id));
    cookie = res.body.pagedResultsCookie;
    pages++;
  } while (cookie && pages < 100);
  return { ids, pages };
}

describe('querying members', () => {
  test('when members are filtered by e-mail, then Dropbox is asked directly and exactly that member comes back', async () => {
    const [lookups, listings] = [await calls('team/members/get_info_v2'), await calls('team/members/list_v2')];
    const res = await query({ _queryFilter: 'email eq "test@email.com"' });
    expect(res.status).toBe(200);
    expect(await calls('team/members/get_info_v2')).toBe(lookups + 1);
    expect(await calls('team/members/list_v2')).toBe(listings);
    expect(res.body.result).toHaveLength(1);
    expect(res.body.result[0]).toMatchObject({ _id: 'TEAM_MEMBER_ID', email: 'test@email.com', member_status: 'active' });
  });

  test('when the e-mail differs in case, then the CREST eq (case-sensitive) matches nothing', async () => {
    const res = await query({ _queryFilter: 'email eq "TEST@email.com"' });
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual([]);
  });

  test('when members are filtered by _id or e-mail, then each match comes back once', async () => {
    const res = await query({ _queryFilter: `_id eq "${EXAMPLE_IDS.activeMemberId}" or email eq "test@email.com" or email eq "nobody@example.com"`, _fields: 'email' });
    expect(res.status).toBe(200);
    expect(res.body.result.map((o: { _id: string }) => o._id).sort()).toEqual([EXAMPLE_IDS.activeMemberId, 'TEAM_MEMBER_ID'].sort());
  });

  test('when a removed member is looked up by id, then it is not found', async () => {
    const byFilter = await query({ _queryFilter: `_id eq "${EXAMPLE_IDS.removedMemberId}"` });
    expect(byFilter.body.result).toEqual([]);
    const read = await gw.http.get(`${MEMBERS}/${encodeURIComponent(EXAMPLE_IDS.removedMemberId)}`).set(ADMIN);
    expect(read.status).toBe(404);
  });

  test('when members are filtered on an attribute Dropbox cannot search, then the answer is still exact', async () => {
    const res = await query({ _queryFilter: 'member_status eq "suspended" or given_name sw "Ma"', _fields: 'member_status,given_name' });
    expect(res.status).toBe(200);
    const expected = currentMembers().filter((m) => m.status === 'suspended' || m.name.given_name.startsWith('Ma')).map((m) => m.team_member_id);
    expect(res.body.result.map((o: { _id: string }) => o._id).sort()).toEqual([...expected].sort());
    expect(expected.length).toBeGreaterThan(2);
  });

  test('when a residual filter is paged by 3, then every match comes exactly once', async () => {
    const { ids, pages } = await allPages({ _queryFilter: 'member_status eq "active"' }, 3);
    const expected = currentMembers().filter((m) => m.status === 'active').map((m) => m.team_member_id);
    expect(ids.sort()).toEqual([...expected].sort());
    expect(pages).toBeGreaterThan(5);
  });

  test('when members are listed by pages of 7, then the cookies are Dropbox cursors and every member comes once', async () => {
    const first = await query({ _queryFilter: 'true', _pageSize: 7, _fields: 'email' });
    expect(first.body.pagedResultsCookie).toMatch(/^AA/);
    const { ids } = await allPages({ _queryFilter: 'true', _fields: 'email' }, 7);
    expect(ids.sort()).toEqual(currentMembers().map((m) => m.team_member_id).sort());
  });

  test('when members are sorted by e-mail descending, then the order is by e-mail', async () => {
    const res = await query({ _queryFilter: 'true', _sortKeys: '-email', _fields: 'email' });
    const emails = res.body.result.map((o: { email: string }) => o.email);
    expect(emails).toEqual([...emails].sort().reverse());
    expect(emails).toHaveLength(currentMembers().length);
  });

  test('when a cookie this query did not return is sent, then the answer is 400', async () => {
    const res = await query({ _queryFilter: 'true', _pageSize: 2, _pagedResultsCookie: 'AAnot-a-cursor' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/_pagedResultsCookie/);
  });

  test('when the team has thousands of members, then query-all-ids walks Dropbox pages of 1000 and returns each member once', async () => {
    await sandbox.admin('seed-members', { count: 2500 });
    const [listings, continued] = [await calls('team/members/list_v2'), await calls('team/members/list/continue_v2')];
    const res = await query({ _queryId: 'query-all-ids' });
    expect(res.status).toBe(200);
    // One Dropbox page of 1000 at a time, streamed out: never the whole team in one call.
    expect(await calls('team/members/list_v2')).toBe(listings + 1);
    expect(await calls('team/members/list/continue_v2')).toBe(continued + 2);
    const ids: string[] = res.body.result.map((o: { _id: string }) => o._id);
    expect(ids).toHaveLength(currentMembers().length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(2500);
  });

  test('when a member owns a group, then its groups show owner there', async () => {
    const res = await gw.http.get(`${MEMBERS}/${encodeURIComponent(EXAMPLE_IDS.activeMemberId)}`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.groups).toEqual([
      { access_type: 'member', group_id: EXAMPLE_IDS.everyoneGroupId },
      { access_type: 'owner', group_id: EXAMPLE_IDS.engineeringGroupId },
    ]);
  });

  test('when a member is read again, then only its non-default groups are looked up again, and owner changes still show', async () => {
    const path = `${MEMBERS}/${encodeURIComponent(EXAMPLE_IDS.activeMemberId)}`;
    expect((await gw.http.get(path).set(ADMIN)).status).toBe(200);
    const lookups = await calls('team/groups/get_info');
    // Dropbox's default group never changes, so the second read asks about the engineering group alone.
    sandbox.sandbox.state.data.groups.find((g) => g.group_id === EXAMPLE_IDS.engineeringGroupId)!.members
      .find((m) => m.team_member_id === EXAMPLE_IDS.activeMemberId)!.access_type = 'member';
    const again = await gw.http.get(path).set(ADMIN);
    expect(again.body.groups).toEqual([
      { access_type: 'member', group_id: EXAMPLE_IDS.everyoneGroupId },
      { access_type: 'member', group_id: EXAMPLE_IDS.engineeringGroupId },
    ]);
    expect(await calls('team/groups/get_info')).toBe(lookups + 1);
  });

  test('when a member belongs to the default group only, then a repeated read is one Dropbox call', async () => {
    const explicit = sandbox.sandbox.state.data.groups.filter((g) => g.group_management_type !== 'system_managed').flatMap((g) => g.members.map((m) => m.team_member_id));
    const generated = currentMembers().find((m) => !explicit.includes(m.team_member_id))!;
    const path = `${MEMBERS}/${encodeURIComponent(generated.team_member_id)}`;
    expect((await gw.http.get(path).set(ADMIN)).status).toBe(200);
    const [infos, lookups] = [await calls('team/members/get_info_v2'), await calls('team/groups/get_info')];
    const again = await gw.http.get(path).set(ADMIN);
    expect(again.body.groups).toEqual([{ access_type: 'member', group_id: EXAMPLE_IDS.everyoneGroupId }]);
    expect(await calls('team/members/get_info_v2')).toBe(infos + 1);
    expect(await calls('team/groups/get_info')).toBe(lookups);
  });
});

describe('inviting members', () => {
  test('when only an e-mail is given, then an invited member without role or names is created', async () => {
    const res = await gw.http.post(`${MEMBERS}?_action=create`).set(ADMIN).send({ email: 'solo@example.com' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: 'solo@example.com', member_status: 'invited', given_name: '', surname: '', email_verified: false });
    expect(res.body.role_id).toBeUndefined();
    expect(res.body.invited_on).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(member(res.body._id)).toMatchObject({ status: 'invited' });
  });

  test('when the e-mail is already on the team, then 412 and no second member', async () => {
    const before = currentMembers().length;
    const res = await gw.http.post(`${MEMBERS}?_action=create`).set(ADMIN).send({ email: 'test@email.com' });
    expect(res.status).toBe(412);
    expect(res.body).toMatchObject({ code: 412, reason: 'Precondition Failed' });
    expect(currentMembers()).toHaveLength(before);
  });

  test('when the e-mail is missing, then 400 names the required attribute', async () => {
    const res = await gw.http.post(`${MEMBERS}?_action=create`).set(ADMIN).send({ given_name: 'No' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("Required attribute 'email' value is null");
  });

  test('when the role does not exist, then 400 and nobody is invited', async () => {
    const before = currentMembers().length;
    const res = await gw.http.post(`${MEMBERS}?_action=create`).set(ADMIN).send({ email: 'role@example.com', role_id: 'pid_dbtmr:nope' });
    expect(res.status).toBe(400);
    expect(currentMembers()).toHaveLength(before);
  });

  test('when a member is invited as active, then 400 explains invitations start invited', async () => {
    const res = await gw.http.post(`${MEMBERS}?_action=create`).set(ADMIN).send({ email: 'active@example.com', member_status: 'active' });
    expect(res.status).toBe(400);
    expect(res.body.detail.reason).toMatch(/always 'invited'/);
  });
});

describe('updating members', () => {
  const url = (id: string): string => `${MEMBERS}/${encodeURIComponent(id)}`;

  test('when names and e-mail are replaced, then Dropbox holds the new profile', async () => {
    const res = await gw.http.put(url(EXAMPLE_IDS.activeMemberId)).set(ADMIN).set('If-Match', '*')
      .send({ given_name: 'Jay', surname: 'Baker-Smith', email: 'jay@acme.example.com' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ given_name: 'Jay', surname: 'Baker-Smith', email: 'jay@acme.example.com' });
    expect(member(EXAMPLE_IDS.activeMemberId)).toMatchObject({ email: 'jay@acme.example.com', name: { given_name: 'Jay', surname: 'Baker-Smith' } });
  });

  test('when role_id is set and then cleared, then Dropbox grants and then removes the admin role', async () => {
    const granted = await gw.http.put(url(EXAMPLE_IDS.activeMemberId)).set(ADMIN).send({ role_id: 'pid_dbtmr:4567' });
    expect(granted.status).toBe(200);
    expect(granted.body.role_id).toBe('pid_dbtmr:4567');
    expect(member(EXAMPLE_IDS.activeMemberId).role_ids).toEqual(['pid_dbtmr:4567']);
    const cleared = await gw.http.put(url(EXAMPLE_IDS.activeMemberId)).set(ADMIN).send({ role_id: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.role_id).toBeUndefined();
    expect(member(EXAMPLE_IDS.activeMemberId).role_ids).toBeUndefined();
  });

  test('when member_status goes to suspended and back to active, then Dropbox suspends and unsuspends', async () => {
    const suspended = await gw.http.patch(url(EXAMPLE_IDS.activeMemberId)).set(ADMIN)
      .send([{ operation: 'replace', field: 'member_status', value: 'suspended' }]);
    expect(suspended.status).toBe(200);
    expect(suspended.body.member_status).toBe('suspended');
    expect(member(EXAMPLE_IDS.activeMemberId).status).toBe('suspended');
    const active = await gw.http.put(url(EXAMPLE_IDS.activeMemberId)).set(ADMIN).set('If-Match', '*').send({ member_status: 'active' });
    expect(active.status).toBe(200);
    expect(member(EXAMPLE_IDS.activeMemberId).status).toBe('active');
  });

  test('when a suspended member is unsuspended and given a role at once, then both happen', async () => {
    const res = await gw.http.put(url(EXAMPLE_IDS.suspendedMemberId)).set(ADMIN).send({ member_status: 'active', role_id: 'pid_dbtmr:5678' });
    expect(res.status).toBe(200);
    expect(member(EXAMPLE_IDS.suspendedMemberId)).toMatchObject({ status: 'active', role_ids: ['pid_dbtmr:5678'] });
  });

  test('when an invited member is set active, then 400 explains the allowed transitions and nothing changes', async () => {
    const res = await gw.http.put(url(EXAMPLE_IDS.invitedMemberId)).set(ADMIN).send({ member_status: 'active' });
    expect(res.status).toBe(400);
    expect(res.body.detail.reason).toMatch(/cannot change from 'invited' to 'active'/);
    expect(member(EXAMPLE_IDS.invitedMemberId).status).toBe('invited');
  });

  test('when the only team admin is suspended, then 400 says Dropbox refuses and she stays active', async () => {
    const res = await gw.http.put(url(EXAMPLE_IDS.adminMemberId)).set(ADMIN).send({ member_status: 'suspended' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/last team admin/);
    expect(member(EXAMPLE_IDS.adminMemberId).status).toBe('active');
  });

  test('when the e-mail of another member is taken, then 412', async () => {
    const res = await gw.http.put(url(EXAMPLE_IDS.activeMemberId)).set(ADMIN).send({ email: 'test@email.com' });
    expect(res.status).toBe(412);
    expect(member(EXAMPLE_IDS.activeMemberId).email).toBe('jamal.baker@acme.example.com');
  });

  test('when a read-only attribute is patched, then 400 and Dropbox is unchanged', async () => {
    const res = await gw.http.patch(url(EXAMPLE_IDS.activeMemberId)).set(ADMIN)
      .send([{ operation: 'replace', field: 'joined_on', value: '2000-01-01T00:00:00Z' }]);
    expect(res.status).toBe(400);
    expect(res.body.detail.reason).toMatch(/joined_on.*read-only/);
    expect(member(EXAMPLE_IDS.activeMemberId).joined_on).toBe('2020-06-08T10:00:03Z');
  });
});

describe('removing members', () => {
  test('when the only team admin is deleted, then 400 says Dropbox refuses and she stays', async () => {
    const res = await gw.http.delete(`${MEMBERS}/${encodeURIComponent(EXAMPLE_IDS.adminMemberId)}`).set(ADMIN);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/last team admin/);
    expect(member(EXAMPLE_IDS.adminMemberId).status).toBe('active');
  });

  test('when a removed member is deleted again, then 404', async () => {
    const res = await gw.http.delete(`${MEMBERS}/${encodeURIComponent(EXAMPLE_IDS.removedMemberId)}`).set(ADMIN);
    expect(res.status).toBe(404);
  });
});
