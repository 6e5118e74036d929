import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { listenScimSandbox, type ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { SCIM_EXAMPLE_IDS, SCIM_SANDBOX_CREDENTIALS } from '../../src/sandbox/scim/scim-sandbox.js';
import type { ScimErrorResponse, ScimListResponse, ScimUser } from '../../src/sandbox/scim/scim-wire.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const AUTH = { Authorization: `Bearer ${SCIM_SANDBOX_CREDENTIALS.bearerToken}` };

let server: ListeningScimSandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-users-'));
  server = await listenScimSandbox({ dataFile: join(dir, 'scim.json') });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => server.sandbox.reset());

const api = () => request(server.baseUrl);

const newUser = {
  schemas: [USER_SCHEMA],
  userName: 'jdoe.new',
  name: { givenName: 'Jane', familyName: 'Doe' },
  emails: [{ value: 'jane.doe@example.com', type: 'work', primary: true }],
  password: 'Secret123!',
};

async function createUser(body: object = newUser): Promise<ScimUser> {
  const res = await api().post('/v2/Users').set(AUTH).send(body).expect(201);
  return res.body as ScimUser;
}

describe('SCIM sandbox /v2/Users', () => {
  test('when a user is created, then 201 with Location, ETag, SCIM shape and no password', async () => {
    const res = await api().post('/v2/Users').set(AUTH).type('application/scim+json').send(JSON.stringify(newUser));

    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    const user = res.body as ScimUser;
    expect(user).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: 'jdoe.new',
      name: { givenName: 'Jane', familyName: 'Doe', formatted: 'Jane Doe' },
      emails: [{ value: 'jane.doe@example.com', type: 'work', primary: true }],
      active: true,
      status: 'active',
      meta: { resourceType: 'User', version: 'W/"1"' },
    });
    expect(user.password).toBeUndefined();
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.meta.created).toBe(user.meta.lastModified);
    expect(res.headers.location).toBe(`${server.baseUrl}/v2/Users/${user.id}`);
    expect(user.meta.location).toBe(res.headers.location);
    expect(res.headers.etag).toBe('W/"1"');
    const stored = await api().get(`/v2/Users/${user.id}`).set(AUTH).expect(200);
    expect((stored.body as ScimUser).userName).toBe('jdoe.new');
  });

  test('when a body has no schemas and plain application/json, then the user is still created', async () => {
    const res = await api().post('/v2/Users').set(AUTH).send({ userName: 'plain.json' });

    expect(res.status).toBe(201);
    expect((res.body as ScimUser).schemas).toEqual([USER_SCHEMA]);
  });

  test('when the client only accepts application/json, then responses are application/json', async () => {
    const res = await api().get(`/v2/Users/${SCIM_EXAMPLE_IDS.user}`).set(AUTH).set('Accept', 'application/json');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  test('when the seed user USER_ID is read, then it holds the SaaS REST example values', async () => {
    const res = await api().get('/v2/Users/USER_ID').set(AUTH).expect(200);

    expect(res.body as ScimUser).toMatchObject({
      id: 'USER_ID',
      userName: 'john',
      name: { givenName: 'john', familyName: 'doe' },
      emails: [{ value: 'john.doe@example.com' }],
      phoneNumbers: [{ value: '0101010101' }],
      description: 'some description',
      status: 'active',
      groups: [{ value: SCIM_EXAMPLE_IDS.groups.allStaff, display: 'All Staff', type: 'direct' }],
    });
  });

  test('when an unknown id is read, replaced, patched or deleted, then 404 with a SCIM error', async () => {
    const patch = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'remove', path: 'title' }] };
    for (const res of [
      await api().get('/v2/Users/nope').set(AUTH),
      await api().put('/v2/Users/nope').set(AUTH).send({ userName: 'x' }),
      await api().patch('/v2/Users/nope').set(AUTH).send(patch),
      await api().delete('/v2/Users/nope').set(AUTH),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body as ScimErrorResponse).toEqual({ schemas: [ERROR_SCHEMA], status: '404', detail: 'User nope not found' });
    }
  });

  test('when a userName is taken (in any case), then create and rename answer 409 uniqueness', async () => {
    const created = await createUser();

    const duplicate = await api().post('/v2/Users').set(AUTH).send({ userName: 'JDOE.NEW' });
    const rename = await api().put(`/v2/Users/${SCIM_EXAMPLE_IDS.testUser}`).set(AUTH).send({ userName: 'jdoe.New' });

    for (const res of [duplicate, rename]) {
      expect(res.status).toBe(409);
      expect(res.body as ScimErrorResponse).toMatchObject({ schemas: [ERROR_SCHEMA], status: '409', scimType: 'uniqueness' });
    }
    const list = await api().get('/v2/Users').query({ filter: 'userName eq "jdoe.new"' }).set(AUTH);
    expect((list.body as ScimListResponse<ScimUser>).Resources.map((u) => u.id)).toEqual([created.id]);
  });

  test('when a user is replaced, then writable attributes are replaced, readOnly ones ignored and the version moves', async () => {
    const created = await createUser();

    const res = await api()
      .put(`/v2/Users/${created.id}`)
      .set(AUTH)
      .send({ ...created, userName: 'jdoe.renamed', name: { givenName: 'Janet' }, emails: undefined, groups: [{ value: 'x' }], id: 'ignored' });

    expect(res.status).toBe(200);
    const user = res.body as ScimUser;
    expect(user).toMatchObject({ id: created.id, userName: 'jdoe.renamed', name: { givenName: 'Janet', formatted: 'Janet' } });
    expect(user.emails).toBeUndefined();
    expect(user.groups).toBeUndefined();
    expect(user.meta.version).toBe('W/"2"');
    expect(res.headers.etag).toBe('W/"2"');
    expect(user.meta.created).toBe(created.meta.created);
  });

  test('when a PUT changes nothing, then the version stays', async () => {
    const created = await createUser();

    const res = await api().put(`/v2/Users/${created.id}`).set(AUTH).send(created).expect(200);

    expect((res.body as ScimUser).meta.version).toBe('W/"1"');
  });

  test('when If-Match names another version, then PUT, PATCH and DELETE answer 412 and nothing changes', async () => {
    const created = await createUser();
    const patch = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'x' }] };

    for (const res of [
      await api().put(`/v2/Users/${created.id}`).set(AUTH).set('If-Match', 'W/"7"').send({ userName: 'changed' }),
      await api().patch(`/v2/Users/${created.id}`).set(AUTH).set('If-Match', '"7"').send(patch),
      await api().delete(`/v2/Users/${created.id}`).set(AUTH).set('If-Match', 'W/"7"'),
    ]) {
      expect(res.status).toBe(412);
      expect((res.body as ScimErrorResponse).status).toBe('412');
    }
    const after = await api().get(`/v2/Users/${created.id}`).set(AUTH).expect(200);
    expect((after.body as ScimUser).userName).toBe('jdoe.new');
  });

  test('when If-Match names the current version (weak, strong or *), then the write proceeds', async () => {
    const created = await createUser();

    await api().put(`/v2/Users/${created.id}`).set(AUTH).set('If-Match', 'W/"1"').send({ userName: 'v2' }).expect(200);
    await api().put(`/v2/Users/${created.id}`).set(AUTH).set('If-Match', '"2"').send({ userName: 'v3' }).expect(200);
    await api().delete(`/v2/Users/${created.id}`).set(AUTH).set('If-Match', '*').expect(204);
  });

  test('when If-None-Match names the current version, then GET answers 304', async () => {
    const res = await api().get('/v2/Users/USER_ID').set(AUTH).set('If-None-Match', 'W/"1"');

    expect(res.status).toBe(304);
    expect(res.headers.etag).toBe('W/"1"');
  });

  test('when a user is deleted, then 204, it is gone, and it left its groups', async () => {
    const res = await api().delete(`/v2/Users/${SCIM_EXAMPLE_IDS.bjensen}`).set(AUTH);

    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    await api().get(`/v2/Users/${SCIM_EXAMPLE_IDS.bjensen}`).set(AUTH).expect(404);
    const sales = await api().get(`/v2/Groups/${SCIM_EXAMPLE_IDS.groups.sales}`).set(AUTH).expect(200);
    const members = (sales.body as { members: { value: string }[]; meta: { version: string } });
    expect(members.members.map((m) => m.value)).not.toContain(SCIM_EXAMPLE_IDS.bjensen);
    expect(members.meta.version).toBe('W/"2"');
  });

  test('when status is written, then active follows; when active is written, then status follows', async () => {
    const created = await createUser({ userName: 'st', status: 'inactive' });
    expect(created).toMatchObject({ active: false, status: 'inactive' });

    const viaStatus = await api().put(`/v2/Users/${created.id}`).set(AUTH).send({ ...created, status: 'active' }).expect(200);
    expect(viaStatus.body as ScimUser).toMatchObject({ active: true, status: 'active' });

    const viaActive = await api()
      .put(`/v2/Users/${created.id}`)
      .set(AUTH)
      .send({ ...(viaStatus.body as ScimUser), active: false })
      .expect(200);
    expect(viaActive.body as ScimUser).toMatchObject({ active: false, status: 'inactive' });
  });

  test('when attributes is given on a single GET, then only those (plus id and schemas) are returned', async () => {
    const res = await api().get('/v2/Users/USER_ID').query({ attributes: 'userName,name.givenName' }).set(AUTH).expect(200);

    expect(res.body).toEqual({ schemas: [USER_SCHEMA], id: 'USER_ID', userName: 'john', name: { givenName: 'john' } });
  });

  describe('when a write is malformed, then 400 with a SCIM error', () => {
    const cases: [string, (r: ReturnType<typeof api>) => request.Test, string, RegExp][] = [
      ['invalid JSON', (r) => r.post('/v2/Users').set(AUTH).type('application/scim+json').send('{"userName": '), 'invalidSyntax', /not valid JSON/],
      ['a text/plain body', (r) => r.post('/v2/Users').set(AUTH).type('text/plain').send('userName=x'), 'invalidSyntax', /Content-Type/],
      ['a form body', (r) => r.post('/v2/Users').set(AUTH).type('form').send({ userName: 'x' }), 'invalidSyntax', /Content-Type/],
      ['no body', (r) => r.post('/v2/Users').set(AUTH), 'invalidSyntax', /body is required/],
      ['a JSON array', (r) => r.post('/v2/Users').set(AUTH).send([{ userName: 'x' }]), 'invalidSyntax', /JSON object/],
      ['no userName', (r) => r.post('/v2/Users').set(AUTH).send({ displayName: 'x' }), 'invalidValue', /userName' is required/],
      ['an unknown attribute', (r) => r.post('/v2/Users').set(AUTH).send({ userName: 'x', shoeSize: 42 }), 'invalidSyntax', /Unknown attribute 'shoeSize'/],
      ['a wrong type', (r) => r.post('/v2/Users').set(AUTH).send({ userName: 'x', active: 'maybe' }), 'invalidValue', /active' must be a boolean/],
      ['two primary emails', (r) => r.post('/v2/Users').set(AUTH).send({ userName: 'x', emails: [{ value: 'a@x', primary: true }, { value: 'b@x', primary: true }] }), 'invalidValue', /primary/],
      ['foreign schemas', (r) => r.post('/v2/Users').set(AUTH).send({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], userName: 'x' }), 'invalidSyntax', /schemas/],
      ['a bad status', (r) => r.post('/v2/Users').set(AUTH).send({ userName: 'x', status: 'sleeping' }), 'invalidValue', /status/],
    ];
    test.each(cases)('when %s is sent', async (_name, send, scimType, detail) => {
      const res = await send(api());

      expect(res.status).toBe(400);
      expect(res.body as ScimErrorResponse).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType });
      expect((res.body as ScimErrorResponse).detail).toMatch(detail);
    });
  });

  test('when lenient values are sent (string boolean, bare email, single value), then they are coerced', async () => {
    const user = await createUser({ userName: 'lenient', active: 'False', emails: 'l@example.com', phoneNumbers: { value: '1' } });

    expect(user).toMatchObject({ active: false, emails: [{ value: 'l@example.com' }], phoneNumbers: [{ value: '1' }] });
  });

  test('when an unsupported method or unknown endpoint is called, then 405 / 404 SCIM errors', async () => {
    const method = await api().patch('/v2/Users').set(AUTH).send({});
    const unknown = await api().get('/v2/Widgets').set(AUTH);

    expect(method.status).toBe(405);
    expect((method.body as ScimErrorResponse).status).toBe('405');
    expect(unknown.status).toBe(404);
    expect((unknown.body as ScimErrorResponse).schemas).toEqual([ERROR_SCHEMA]);
  });

  test('when a DELETE carries a null JSON body, then it is ignored', async () => {
    const created = await createUser();

    await api().delete(`/v2/Users/${created.id}`).set(AUTH).type('application/json').send('null').expect(204);
  });
});
