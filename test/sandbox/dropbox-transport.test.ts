import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDropboxSandboxServer } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';
import type { RunningDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox-server.js';

const EXPECTING = 'Expecting one of "application/json", "application/json; charset=utf-8", "text/plain; charset=dropbox-cors-hack".';

describe('Dropbox sandbox request format (400 plain text, 401 envelopes)', () => {
  let s: RunningDropboxSandbox;

  beforeAll(async () => {
    s = await startDropboxSandboxServer({ dataFile: join(mkdtempSync(join(tmpdir(), 'dropbox-transport-')), 'dropbox.json') });
  });
  afterAll(() => s.close());

  const expect400 = async (route: string, body: unknown, reason: string, options: Parameters<RunningDropboxSandbox['call']>[2] = {}): Promise<void> => {
    const got = await s.call(route, body, options);
    expect(got.status).toBe(400);
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(got.text).toBe(`Error in call to API function "${route}": ${reason}`);
  };

  test('when a call succeeds, then it answers application/json with an X-Dropbox-Request-Id', async () => {
    const got = await s.call('team/members/list_v2', { limit: 1 });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/json');
    expect(got.headers.get('x-dropbox-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  test('when the Content-Type is not JSON, then 400 Bad HTTP "Content-Type" header', async () => {
    await expect400('team/members/list_v2', undefined, `Bad HTTP "Content-Type" header: "application/x-www-form-urlencoded".  ${EXPECTING}`, {
      contentType: 'application/x-www-form-urlencoded',
      rawBody: 'limit=1',
    });
  });

  test('when a body comes without a Content-Type, then 400 Missing or empty HTTP "Content-Type" header', async () => {
    await expect400('team/members/list_v2', undefined, `Missing or empty HTTP "Content-Type" header.  ${EXPECTING}`, { contentType: null, rawBody: '{}' });
  });

  test('when the Content-Type is application/json;charset=UTF-8 or the CORS hack, then it is accepted', async () => {
    expect((await s.call('team/members/list_v2', { limit: 1 }, { contentType: 'application/json;charset=UTF-8' })).status).toBe(200);
    expect((await s.call('team/members/list_v2', { limit: 1 }, { contentType: 'text/plain; charset=dropbox-cors-hack' })).status).toBe(200);
  });

  test('when the JSON is malformed, then 400 could not decode input as JSON', async () => {
    await expect400('team/members/list_v2', undefined, 'request body: could not decode input as JSON', { rawBody: '{"limit": 1' });
  });

  test('when a Void route gets no body and no Content-Type (JS SDK), null, or {} (PY SDK and others), then it answers 200', async () => {
    expect((await s.call('team/get_info')).status).toBe(200);
    expect((await s.call('team/get_info', null)).status).toBe(200);
    expect((await s.call('team/get_info', {})).status).toBe(200);
  });

  test('when a Void route gets a JSON Content-Type with an empty body, then 400 could not decode input as JSON', async () => {
    await expect400('team/get_info', undefined, 'request body: could not decode input as JSON', { contentType: 'application/json', rawBody: '' });
  });

  test('when a Void route gets a value, then 400 expected null', async () => {
    await expect400('team/members/get_available_team_member_roles', [1], 'request body: expected null, got value');
  });

  test('when a struct argument is null and all its fields have defaults, then the defaults apply', async () => {
    const got = await s.call('team/groups/list', null);
    expect(got.status).toBe(200);
  });

  test('when the body has an unknown field, then 400 unknown field', async () => {
    await expect400('team/members/list_v2', { limit: 10, include_deleted: true }, "request body: unknown field 'include_deleted'");
  });

  test('when a field has the wrong type, then 400 with Stone\'s wording', async () => {
    await expect400('team/members/list_v2', { limit: '10' }, 'request body: limit: expected integer, got string');
    await expect400('team/members/list_v2', { include_removed: 'yes' }, "request body: include_removed: 'yes' is not a valid boolean");
    await expect400('team/members/list/continue_v2', { cursor: null }, "request body: cursor: 'None' expected to be a string, got null");
    await expect400('team/members/get_info_v2', { members: { '.tag': 'email', email: 'a@b.com' } }, 'request body: members: expected list, got dict');
    await expect400('team/groups/create', [], 'request body: expected object, got list');
  });

  test('when an optional field is null, then it counts as unset', async () => {
    const got = await s.call('team/groups/create', { group_name: 'Nullable', group_external_id: null, group_management_type: null });
    expect(got.status).toBe(200);
    expect('group_external_id' in (got.json as Record<string, unknown>)).toBe(false);
    await s.sandbox.reset();
  });

  test('when limit is outside 1..1000, then 400 not within range', async () => {
    await expect400('team/members/list_v2', { limit: 0 }, 'request body: limit: 0 is not within range [1, 1000]');
    await expect400('team/groups/list', { limit: 1001 }, 'request body: limit: 1001 is not within range [1, 1000]');
  });

  test('when a required field is missing, then 400 missing required field', async () => {
    await expect400('team/members/list/continue_v2', {}, "request body: missing required field 'cursor'");
  });

  test('when a union is malformed, then 400 names the tag problem', async () => {
    await expect400('team/members/get_info_v2', { members: [{ team_member_id: 'x' }] }, "request body: members: missing '.tag' key");
    await expect400('team/members/get_info_v2', { members: [{ '.tag': 'account_id', account_id: 'x' }] }, "request body: members: unknown tag 'account_id'");
    await expect400('team/members/get_info_v2', { members: ['email'] }, "request body: members: expected object for 'email', got symbol");
    await expect400('team/members/get_info_v2', { members: [{ '.tag': 'email' }] }, "request body: members: missing 'email' key");
    await expect400('team/groups/create', { group_name: 'x', group_management_type: 'other' }, "request body: group_management_type: unexpected use of the catch-all tag 'other'");
  });

  test('when a string breaks its pattern or length, then 400 did not match pattern / must be at most', async () => {
    await expect400(
      'team/members/add_v2',
      { new_members: [{ member_email: 'not-an-email' }] },
      "request body: new_members.member_email: 'not-an-email' did not match pattern '^['#&A-Za-z0-9._%+-]+@[A-Za-z0-9-][A-Za-z0-9.-]*\\.[A-Za-z]{2,15}$'",
    );
    const long = 'x'.repeat(65);
    await expect400(
      'team/members/add_v2',
      { new_members: [{ member_email: 'a@acme.example.com', member_external_id: long }] },
      `request body: new_members.member_external_id: '${long}' must be at most 64 characters, got 65`,
    );
  });

  test('when no Authorization is sent, then 400 Must provide HTTP header "Authorization"', async () => {
    await expect400('team/get_info', undefined, 'Must provide HTTP header "Authorization" or URL parameter "authorization".', { token: null });
  });

  test('when the Authorization is not a bearer token, then 400 Invalid authorization value', async () => {
    await expect400('team/get_info', undefined, 'Invalid authorization value in HTTP header "Authorization": "Basic YTpi".  Expecting "Bearer <oauth2-access-token>".', {
      token: null,
      headers: { Authorization: 'Basic YTpi' },
    });
  });

  test('when the bearer token is unknown, then 401 invalid_access_token with WWW-Authenticate', async () => {
    const got = await s.call('team/get_info', undefined, { token: 'sl.not-a-token' });
    expect(got.status).toBe(401);
    expect(got.headers.get('www-authenticate')).toBe('Bearer realm="Dropbox-API"');
    expect(got.json).toEqual({ error_summary: 'invalid_access_token/...', error: { '.tag': 'invalid_access_token' } });
  });

  test('when the token comes as the authorization URL parameter, then it is accepted', async () => {
    const token = await s.accessToken();
    const response = await fetch(`${s.baseUrl}/2/team/get_info?authorization=${encodeURIComponent(`Bearer ${token}`)}`, { method: 'POST' });
    expect(response.status).toBe(200);
  });

  test('when the route does not exist or is not POSTed, then 400 Unknown API function', async () => {
    await expect400('team/members/list_v3', {}, 'Unknown API function: /2/team/members/list_v3');
    const get = await fetch(`${s.baseUrl}/2/team/get_info`);
    expect(get.status).toBe(400);
    expect(await get.text()).toBe('Error in call to API function "team/get_info": Unknown API function: /2/team/get_info');
  });
});
