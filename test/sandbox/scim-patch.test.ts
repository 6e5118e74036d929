import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { listenScimSandbox, type ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { SCIM_SANDBOX_CREDENTIALS } from '../../src/sandbox/scim/scim-sandbox.js';
import type { ScimErrorResponse, ScimUser } from '../../src/sandbox/scim/scim-wire.js';

const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const AUTH = { Authorization: `Bearer ${SCIM_SANDBOX_CREDENTIALS.bearerToken}` };

let server: ListeningScimSandbox;
let dir: string;
let userId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-patch-'));
  server = await listenScimSandbox({ dataFile: join(dir, 'scim.json') });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await server.sandbox.reset();
  const res = await api()
    .post('/v2/Users')
    .set(AUTH)
    .send({
      userName: 'patchy',
      name: { givenName: 'Pat', familyName: 'Chee' },
      emails: [{ value: 'pat@work.example', type: 'work', primary: true }],
      title: 'Tester',
    })
    .expect(201);
  userId = (res.body as ScimUser).id;
});

const api = () => request(server.baseUrl);

async function patch(operations: unknown, extra: object = {}) {
  return api().patch(`/v2/Users/${userId}`).set(AUTH).send({ schemas: [PATCH_SCHEMA], Operations: operations, ...extra });
}

async function patched(operations: unknown): Promise<ScimUser> {
  const res = await patch(operations);
  expect(res.status).toBe(200);
  return res.body as ScimUser;
}

describe('SCIM sandbox PATCH', () => {
  test('when a sub-attribute is replaced, then it changes, the derived formatted name follows and the version moves', async () => {
    const res = await patch([{ op: 'replace', path: 'name.familyName', value: 'Cheng' }]);

    expect(res.status).toBe(200);
    expect(res.body as ScimUser).toMatchObject({ name: { givenName: 'Pat', familyName: 'Cheng', formatted: 'Pat Cheng' }, meta: { version: 'W/"2"' } });
    expect(res.headers.etag).toBe('W/"2"');
  });

  test('when add targets emails[type eq "home"].value and there is none, then a home email is created', async () => {
    const user = await patched([{ op: 'add', path: 'emails[type eq "home"].value', value: 'pat@home.example' }]);

    expect(user.emails).toEqual([
      { value: 'pat@work.example', type: 'work', primary: true },
      { type: 'home', value: 'pat@home.example' },
    ]);
  });

  test('when replace targets emails[type eq "work"].value, then only the work address changes', async () => {
    await patched([{ op: 'add', path: 'emails', value: [{ value: 'pat@home.example', type: 'home' }] }]);

    const user = await patched([{ op: 'replace', path: 'emails[type eq "work"].value', value: 'pat@new.example' }]);

    expect(user.emails!.map((e) => e.value)).toEqual(['pat@new.example', 'pat@home.example']);
  });

  test('when a primary email is added, then the previous primary is demoted', async () => {
    const user = await patched([{ op: 'add', path: 'emails', value: { value: 'p2@work.example', type: 'other', primary: true } }]);

    expect(user.emails).toEqual([
      { value: 'pat@work.example', type: 'work', primary: false },
      { value: 'p2@work.example', type: 'other', primary: true },
    ]);
  });

  test('when an element is removed by filter, or a sub-attribute of matching elements, then just that goes', async () => {
    await patched([{ op: 'add', path: 'emails', value: [{ value: 'pat@home.example', type: 'home' }] }]);

    const withoutType = await patched([{ op: 'remove', path: 'emails[value ew "home.example"].type' }]);
    expect(withoutType.emails![1]).toEqual({ value: 'pat@home.example' });

    const withoutHome = await patched([{ op: 'remove', path: 'emails[value ew "home.example"]' }]);
    expect(withoutHome.emails!.map((e) => e.value)).toEqual(['pat@work.example']);
  });

  test('when operations have no path, then their object values apply (dotted keys included), in order', async () => {
    const user = await patched([
      { op: 'replace', value: { 'name.givenName': 'Patricia', active: false, title: 'Lead' } },
      { op: 'add', value: { nickName: 'Patty', emails: [{ value: 'x@y.example' }] } },
    ]);

    expect(user).toMatchObject({ name: { givenName: 'Patricia' }, active: false, status: 'inactive', title: 'Lead', nickName: 'Patty' });
    expect(user.emails).toHaveLength(2);
  });

  test('when Entra-style values are sent (capitalised op, "False" string), then they are understood', async () => {
    const user = await patched([{ op: 'Replace', path: 'active', value: 'False' }]);

    expect(user).toMatchObject({ active: false, status: 'inactive' });
  });

  test('when status is replaced, then active follows', async () => {
    const user = await patched([{ op: 'replace', path: 'status', value: 'inactive' }]);

    expect(user.active).toBe(false);
  });

  test('when a single-valued attribute is removed, then it is gone; removing what is absent is a no-op', async () => {
    const user = await patched([{ op: 'remove', path: 'title' }, { op: 'remove', path: 'nickName' }]);

    expect(user.title).toBeUndefined();
    expect(user.meta.version).toBe('W/"2"');
  });

  test('when the patch renames to a taken userName, then 409 uniqueness', async () => {
    const res = await patch([{ op: 'replace', path: 'userName', value: 'BJENSEN' }]);

    expect(res.status).toBe(409);
    expect((res.body as ScimErrorResponse).scimType).toBe('uniqueness');
  });

  const errors: [string, unknown, object, string, RegExp][] = [
    ['an unknown op', [{ op: 'move', path: 'title' }], {}, 'invalidSyntax', /Unknown operation 'move'/],
    ['no Operations', undefined, {}, 'invalidSyntax', /Operations/],
    ['an empty Operations', [], {}, 'invalidSyntax', /Operations/],
    ['a non-object operation', ['replace'], {}, 'invalidSyntax', /object/],
    ['a wrong schemas', [{ op: 'remove', path: 'title' }], { schemas: ['urn:x'] }, 'invalidSyntax', /PatchOp/],
    ['an unknown attribute', [{ op: 'replace', path: 'shoeSize', value: 1 }], {}, 'invalidPath', /shoeSize/],
    ['an unparsable path', [{ op: 'replace', path: 'emails[type eq', value: 'x' }], {}, 'invalidPath', /Invalid path/],
    ['a filter on a simple attribute', [{ op: 'remove', path: 'title[value eq "x"]' }], {}, 'invalidPath', /multi-valued/],
    ['a filter naming an unknown sub-attribute', [{ op: 'remove', path: 'emails[kind eq "x"]' }], {}, 'invalidPath', /kind/],
    ['a read-only id', [{ op: 'replace', path: 'id', value: 'x' }], {}, 'mutability', /read-only/],
    ['a read-only meta sub-attribute', [{ op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }], {}, 'mutability', /read-only/],
    ['remove without a path', [{ op: 'remove' }], {}, 'noTarget', /path/],
    ['replace of an absent element', [{ op: 'replace', path: 'emails[type eq "pager"].value', value: 'x' }], {}, 'noTarget', /matches/],
    ['add without a value', [{ op: 'add', path: 'title' }], {}, 'invalidValue', /needs a value/],
    ['a value of the wrong type', [{ op: 'replace', path: 'active', value: 42 }], {}, 'invalidValue', /boolean/],
    ['the removal of userName', [{ op: 'remove', path: 'userName' }], {}, 'invalidValue', /userName' is required/],
    ['a path-less replace with a non-object value', [{ op: 'replace', value: 'x' }], {}, 'invalidSyntax', /object value/],
  ];
  test.each(errors)('when the PatchOp has %s, then 400 and nothing changes', async (_name, operations, extra, scimType, detail) => {
    const body = operations === undefined ? { schemas: [PATCH_SCHEMA], ...extra } : { schemas: [PATCH_SCHEMA], Operations: operations, ...extra };

    const res = await api().patch(`/v2/Users/${userId}`).set(AUTH).send(body);

    expect(res.status).toBe(400);
    expect(res.body as ScimErrorResponse).toMatchObject({ status: '400', scimType });
    expect((res.body as ScimErrorResponse).detail).toMatch(detail);
    const after = (await api().get(`/v2/Users/${userId}`).set(AUTH).expect(200)).body as ScimUser;
    expect(after.meta.version).toBe('W/"1"');
  });
});
