import type { RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import { startDropboxGateway } from '../support/dropbox-gateway.js';
import { ADMIN, type Gateway } from '../support/gateway-harness.js';
import { shippedRestConf } from '../support/rest-gateway.js';

/**
 * The "RPC over POST" recipe: conf/examples/provisioner.openicf-restdropbox.json drives the
 * Dropbox sandbox's team API with the SaaS REST connector alone — every call a POST with a JSON
 * body, cursor paging through a `/continue` route, members nested under `profile`, failures
 * reported inside 200 answers. The native Dropbox connector (system `dropbox`) on the same
 * sandbox is the reference.
 */
const BASE = '/openidm/system/restdropbox/__ACCOUNT__';

let sandbox: RunningDropboxSandbox;
let gw: Gateway;

beforeAll(async () => {
  ({ sandbox, gw } = await startDropboxGateway('rest-dropbox', { restdropbox: shippedRestConf('examples/provisioner.openicf-restdropbox.json') }));
});
afterAll(async () => {
  await gw.close();
  await sandbox.close();
});
beforeEach(() => sandbox.sandbox.reset());

/** What the Dropbox sandbox itself says about a member (backend state). */
async function dropboxMember(id: string): Promise<Record<string, unknown>> {
  const got = await sandbox.call('team/members/get_info_v2', { members: [{ '.tag': 'team_member_id', team_member_id: id }] });
  return (got.json as { members_info: Record<string, unknown>[] }).members_info[0]!;
}

async function allIds(system: string, pageSize: number): Promise<string[]> {
  const seen: string[] = [];
  let cookie: string | undefined;
  do {
    const page: { status: number; body: { result: { _id: string }[]; pagedResultsCookie: string | null } } = await gw.http.get(`/openidm/system/${system}/__ACCOUNT__`)
      .query({ _queryId: 'query-all-ids', _pageSize: pageSize, ...(cookie ? { _pagedResultsCookie: cookie } : {}) }).set(ADMIN);
    expect(page.status).toBe(200);
    seen.push(...page.body.result.map((o) => o._id));
    cookie = page.body.pagedResultsCookie ?? undefined;
  } while (cookie);
  return seen.sort();
}

describe('SaaS REST recipe: Dropbox team API (POST RPC)', () => {
  test('when the page\'s TEAM_MEMBER_ID is read, then the nested profile maps to the same values the native Dropbox connector gives', async () => {
    const rest = await gw.http.get(`${BASE}/TEAM_MEMBER_ID`).set(ADMIN);
    const native = await gw.http.get('/openidm/system/dropbox/__ACCOUNT__/TEAM_MEMBER_ID').set(ADMIN);
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ _id: 'TEAM_MEMBER_ID', __NAME__: 'test@email.com' });
    const shared = ['team_member_id', 'email', 'email_verified', 'given_name', 'surname', 'member_status', 'membership_type', 'joined_on', 'role_id'];
    for (const key of shared) expect([key, rest.body[key]]).toEqual([key, native.body[key]]);
    expect([...rest.body.groups].sort()).toEqual(native.body.groups.map((g: { group_id: string }) => g.group_id).sort());
  });

  test('when members are paged by 2 through list_v2 and list/continue_v2, then every member comes once, as the native connector lists them', async () => {
    expect(await allIds('restdropbox', 2)).toEqual(await allIds('dropbox', 1000));
  });

  test('when a member is created with a role, then add_v2 invited them with that role', async () => {
    const res = await gw.http.post(`${BASE}?_action=create`).set(ADMIN).send({ email: 'recipe@example.com', given_name: 'Re', surname: 'Cipe', role_id: 'ROLE_ID' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ _id: expect.stringMatching(/^dbmid:/), email: 'recipe@example.com', member_status: 'invited', role_id: 'ROLE_ID' });
    expect(await dropboxMember(res.body._id)).toMatchObject({
      profile: { email: 'recipe@example.com', name: { given_name: 'Re', surname: 'Cipe' }, status: { '.tag': 'invited' } },
      roles: [{ role_id: 'ROLE_ID' }],
    });
  });

  test('when role_id is updated, then the additionalStep set_admin_permissions_v2 changes the role; a name-only update leaves it', async () => {
    const created = await gw.http.post(`${BASE}?_action=create`).set(ADMIN).send({ email: 'roles@example.com', given_name: 'Ro', surname: 'Le', role_id: 'ROLE_ID' });
    const renamed = await gw.http.put(`${BASE}/${encodeURIComponent(created.body._id)}`).set(ADMIN).send({ surname: 'Renamed' });
    expect(renamed.status).toBe(200);
    expect(await dropboxMember(created.body._id)).toMatchObject({ profile: { name: { surname: 'Renamed' } }, roles: [{ role_id: 'ROLE_ID' }] });
    const promoted = await gw.http.put(`${BASE}/${encodeURIComponent(created.body._id)}`).set(ADMIN).send({ given_name: 'Admin', role_id: 'pid_dbtmr:2345' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ given_name: 'Admin', role_id: 'pid_dbtmr:2345' });
    expect(await dropboxMember(created.body._id)).toMatchObject({ profile: { name: { given_name: 'Admin' } }, roles: [{ role_id: 'pid_dbtmr:2345' }] });
  });

  test('when the additionalStep refuses the role after the name was set, then the error says the name change stayed', async () => {
    const res = await gw.http.put(`${BASE}/TEAM_MEMBER_ID`).set(ADMIN).send({ given_name: 'Halfway', role_id: 'pid_dbtmr:nope' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Attribute value conflicts with the attribute\'s schema definition on operation UPDATE for system object: TEAM_MEMBER_ID; '
      + 'the UPDATE was partly applied and could not be undone: POST /team/members/set_profile_v2');
    expect(res.body.detail).toMatchObject({ applied: ['POST /team/members/set_profile_v2'], undoError: 'no configured call takes back a SaaS REST write' });
    expect(res.body.detail.reason).toContain('role_not_found');
    // What the error says is what Dropbox holds: the new name, the old role.
    expect(await dropboxMember('TEAM_MEMBER_ID')).toMatchObject({ profile: { name: { given_name: 'Halfway' } }, roles: [{ role_id: 'ROLE_ID' }] });
  });

  test('when a member is deleted, then Dropbox has removed it and a read is 404 (a removed status is NOT_FOUND by an exceptions rule on a 200)', async () => {
    const created = await gw.http.post(`${BASE}?_action=create`).set(ADMIN).send({ email: 'gone@example.com', given_name: 'Go', surname: 'Ne' });
    const res = await gw.http.delete(`${BASE}/${encodeURIComponent(created.body._id)}`).set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: created.body._id, email: 'gone@example.com' });
    expect(await dropboxMember(created.body._id)).toMatchObject({ profile: { status: { '.tag': 'removed' } } });
    expect((await gw.http.get(`${BASE}/${encodeURIComponent(created.body._id)}`).set(ADMIN)).status).toBe(404);
  });

  test('when an e-mail already on the team is invited, then the 200 item user_already_on_team is IDM\'s 412', async () => {
    const res = await gw.http.post(`${BASE}?_action=create`).set(ADMIN).send({ email: 'test@email.com', given_name: 'Dup' });
    expect(res.status).toBe(412);
    expect(res.body).toMatchObject({ code: 412, reason: 'Precondition Failed' });
  });
});
