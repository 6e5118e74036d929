import type { RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import { boxProbeToken, startBoxGateway, type BoxGateway } from '../support/box-gateway.js';
import { shippedDropboxConf, startDropboxGateway } from '../support/dropbox-gateway.js';
import { ADMIN, type Gateway } from '../support/gateway-harness.js';
import type { JsonObject } from '../../src/util/json.js';

/**
 * Updates that take several vendor calls lose nothing when one of them fails: the calls made
 * before it are taken back, so the object is as it was; when taking back fails too, the error
 * says what stayed applied. Backend state is read from the sandboxes themselves.
 */
const DROPBOX_MEMBER = 'dbmid:AAVp7S2V-EkFsqkxa8RjvwQ_MUXfD0x8DpS';
const OTHER_MEMBER = 'dbmid:AAzzhpArr9oAUDGcwETG6TI6zA0yPBqo7Vc';
const BOX_USER = '33158842097';

let dropbox: { sandbox: RunningDropboxSandbox; gw: Gateway };
let box: BoxGateway;

beforeAll(async () => {
  // The same team as system `dropboxquick`, whose updates time out after 700 ms.
  const quick = shippedDropboxConf();
  dropbox = await startDropboxGateway('partial-writes', {
    dropboxquick: { ...quick, name: 'dropboxquick', operationTimeout: { ...(quick.operationTimeout as JsonObject), UPDATE: 700 } },
  });
  box = await startBoxGateway('partial-writes');
});
afterAll(async () => {
  await dropbox.gw.close();
  await dropbox.sandbox.close();
  await box.close();
});
beforeEach(async () => {
  await dropbox.sandbox.admin('reset');
  await box.sandbox.reset();
  box.sandbox.faults.clear();
});

function dropboxMember(id: string) {
  return dropbox.sandbox.sandbox.state.data.members.find((m) => m.team_member_id === id)!;
}
function dropboxGroup(id: string) {
  return dropbox.sandbox.sandbox.state.data.groups.find((g) => g.group_id === id)!;
}

/** The user's Box memberships as `group id → role`, read from the Box sandbox's API. */
async function boxMemberships(userId: string): Promise<Record<string, string>> {
  const token = await boxProbeToken(box.baseUrl);
  const res = await fetch(`${box.baseUrl}/2.0/users/${userId}/memberships?limit=1000`, { headers: { Authorization: `Bearer ${token}`, 'X-Test-Probe': '1' } });
  const body = (await res.json()) as { entries: { group: { id: string }; role: string }[] };
  return Object.fromEntries(body.entries.map((m) => [m.group.id, m.role]));
}

describe('Dropbox', () => {
  test('when a member update renames and sets a role Dropbox does not know, then 400 and the name is unchanged', async () => {
    const before = structuredClone(dropboxMember(DROPBOX_MEMBER));
    const res = await dropbox.gw.http.put(`/openidm/system/dropbox/__ACCOUNT__/${DROPBOX_MEMBER}`).set(ADMIN).set('If-Match', '*')
      .send({ given_name: 'Renamed', role_id: 'pid_dbtmr:nope' });
    expect(res.status).toBe(400);
    expect(res.body.detail.reason).toContain('role_not_found');
    expect(dropboxMember(DROPBOX_MEMBER).name.given_name).toBe(before.name.given_name);
    expect(dropboxMember(DROPBOX_MEMBER).role_ids).toEqual(before.role_ids);
  });

  test('when an update times out after its first call, then 503 and the first call is still taken back', async () => {
    const before = structuredClone(dropboxMember(DROPBOX_MEMBER));
    // The role call outlives the operation's 700 ms; the rename before it already happened.
    await dropbox.sandbox.admin('faults', { latencyMs: 1500, path: 'members/set_admin_permissions_v2' });
    const res = await dropbox.gw.http.put(`/openidm/system/dropboxquick/__ACCOUNT__/${DROPBOX_MEMBER}`).set(ADMIN).set('If-Match', '*')
      .send({ given_name: 'Renamed', role_id: 'pid_dbtmr:3456' });
    expect(res.status).toBe(503);
    // The undo runs on its own budget after the timeout (the held call was dropped with its caller).
    for (let i = 0; i < 50 && dropboxMember(DROPBOX_MEMBER).name.given_name !== before.name.given_name; i++) await new Promise((r) => setTimeout(r, 100));
    expect(dropboxMember(DROPBOX_MEMBER).name.given_name).toBe(before.name.given_name);
  });

  test('when adding members fails after a group was renamed, then the rename is taken back', async () => {
    await dropbox.sandbox.admin('faults', { status: 500, times: 20, path: 'groups/members/add' });
    const res = await dropbox.gw.http.put('/openidm/system/dropbox/__GROUP__/GROUP_ID').set(ADMIN).set('If-Match', '*')
      .send({ group_name: 'Renamed', members: [{ team_member_id: 'TEAM_MEMBER_ID', access_type: 'member' }, { team_member_id: OTHER_MEMBER, access_type: 'member' }] });
    expect(res.status).toBe(503);
    expect(res.body.message).toBe('Operation UPDATE failed with ConnectorIOException on system object: GROUP_ID');
    expect(dropboxGroup('GROUP_ID').group_name).toBe('Brand Design');
    expect(dropboxGroup('GROUP_ID').members.map((m) => m.team_member_id)).toEqual(['TEAM_MEMBER_ID']);
  });

  test('when a member removal cannot be taken back after the addition failed, then the error names the removal that stayed', async () => {
    await dropbox.sandbox.admin('faults', { status: 500, times: 20, path: 'groups/members/add' });
    const res = await dropbox.gw.http.put('/openidm/system/dropbox/__GROUP__/GROUP_ID').set(ADMIN).set('If-Match', '*')
      .send({ group_name: 'Renamed', members: [{ team_member_id: OTHER_MEMBER, access_type: 'member' }] });
    expect(res.status).toBe(503);
    const removal = 'Dropbox team/groups/members/remove (TEAM_MEMBER_ID)';
    expect(res.body.message).toBe(`Operation UPDATE failed with ConnectorIOException on system object: GROUP_ID; the UPDATE was partly applied and could not be undone: ${removal}`);
    expect(res.body.detail.applied).toEqual([removal]);
    expect(res.body.detail.undoError).toContain('500');
    // What the error says is what the backend holds: the rename was taken back, the removal stayed.
    expect(dropboxGroup('GROUP_ID').group_name).toBe('Brand Design');
    expect(dropboxGroup('GROUP_ID').members).toEqual([]);
  });
});

describe('Box', () => {
  test('when a membership change is refused after the job title changed, then 403 and the job title and memberships are as before', async () => {
    const before = await boxMemberships(BOX_USER);
    box.sandbox.faults.add({ status: 403, path: '/group_memberships' });
    const res = await box.gw.http.put(`/openidm/system/box/__ACCOUNT__/${BOX_USER}`).set(ADMIN).set('If-Match', '*')
      .send({ job_title: 'Changed', groups: ['20013904699', '20053492617', '20005071288'] });
    expect(res.status).toBe(403);
    box.sandbox.faults.clear();
    const read = await box.gw.http.get(`/openidm/system/box/__ACCOUNT__/${BOX_USER}?_fields=job_title`).set(ADMIN);
    expect(read.body.job_title).toBe('Product Manager');
    expect(await boxMemberships(BOX_USER)).toEqual(before);
  });

  test('when one removal is refused, then removed memberships come back with their role and added ones go', async () => {
    const before = await boxMemberships(BOX_USER);
    expect(before['20029105873']).toBe('admin');
    box.sandbox.faults.add({ status: 403, path: '/group_memberships/' });
    const res = await box.gw.http.put(`/openidm/system/box/__ACCOUNT__/${BOX_USER}`).set(ADMIN).set('If-Match', '*')
      .send({ groups: ['20013904699', '20053492617', '20005071288'] });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe(`Permission was denied on UPDATE operation for system object: ${BOX_USER}`);
    expect(await boxMemberships(BOX_USER)).toEqual(before);
  });

  test('when the added membership cannot be deleted again either, then the error names it', async () => {
    box.sandbox.faults.add({ status: 403, times: 10, path: '/group_memberships/' });
    const res = await box.gw.http.put(`/openidm/system/box/__ACCOUNT__/${BOX_USER}`).set(ADMIN).set('If-Match', '*')
      .send({ groups: ['20013904699', '20053492617', '20029105873', '20005071288'] });
    expect(res.status).toBe(403);
    const added = `Box POST /group_memberships (user ${BOX_USER}, group 20005071288)`;
    expect(res.body.message).toBe(`Permission was denied on UPDATE operation for system object: ${BOX_USER}; the UPDATE was partly applied and could not be undone: ${added}`);
    expect(res.body.detail.applied).toEqual([added]);
    box.sandbox.faults.clear();
    expect(Object.keys(await boxMemberships(BOX_USER))).toContain('20005071288');
  });
});
