import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { listenScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { SCIM_EXAMPLE_IDS, SCIM_SANDBOX_CREDENTIALS, type ScimData } from '../../src/sandbox/scim/scim-sandbox.js';
import type { ScimGroup, ScimListResponse, ScimUser } from '../../src/sandbox/scim/scim-wire.js';

const AUTH = { Authorization: `Bearer ${SCIM_SANDBOX_CREDENTIALS.bearerToken}` };

let dir: string;
let dataFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-persist-'));
  dataFile = join(dir, 'nested', 'scim.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const readData = (): ScimData => JSON.parse(readFileSync(dataFile, 'utf8')) as ScimData;

describe('SCIM sandbox persistence', () => {
  test('when a new data file is opened, then it holds the example directory of 41 users and 7 groups', async () => {
    const server = await listenScimSandbox({ dataFile });
    try {
      const users = (await request(server.baseUrl).get('/v2/Users').query({ count: 0 }).set(AUTH).expect(200)).body as ScimListResponse<ScimUser>;
      const groups = (await request(server.baseUrl).get('/v2/Groups').query({ count: 0 }).set(AUTH).expect(200)).body as ScimListResponse<ScimGroup>;

      expect(users.totalResults).toBe(41);
      expect(groups.totalResults).toBe(7);
      expect(readData().users.find((u) => u.id === 'USER_ID')!.attributes.userName).toBe('john');
    } finally {
      await server.close();
    }
  });

  test('when the sandbox is closed and reopened, then users, versions and memberships survive', async () => {
    const first = await listenScimSandbox({ dataFile });
    const created = (await request(first.baseUrl).post('/v2/Users').set(AUTH).send({ userName: 'survivor' }).expect(201)).body as ScimUser;
    await request(first.baseUrl)
      .patch(`/v2/Groups/${SCIM_EXAMPLE_IDS.groups.engineering}`)
      .set(AUTH)
      .send({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: created.id }] }] })
      .expect(200);
    await request(first.baseUrl).delete('/v2/Users/USER_ID').set(AUTH).expect(204);
    await first.close();

    const second = await listenScimSandbox({ dataFile });
    try {
      const user = (await request(second.baseUrl).get(`/v2/Users/${created.id}`).set(AUTH).expect(200)).body as ScimUser;
      expect(user).toMatchObject({ userName: 'survivor', meta: { created: created.meta.created, version: 'W/"1"' } });
      expect(user.groups!.map((g) => g.value)).toEqual([SCIM_EXAMPLE_IDS.groups.engineering]);
      const group = (await request(second.baseUrl).get(`/v2/Groups/${SCIM_EXAMPLE_IDS.groups.engineering}`).set(AUTH).expect(200)).body as ScimGroup;
      expect(group.meta.version).toBe('W/"2"');
      await request(second.baseUrl).get('/v2/Users/USER_ID').set(AUTH).expect(404);
      await request(second.baseUrl).post('/v2/Users').set(AUTH).send({ userName: 'SURVIVOR' }).expect(409);
    } finally {
      await second.close();
    }
  });

  test('when a change is made, then the data file holds it shortly after, without an explicit flush', async () => {
    const server = await listenScimSandbox({ dataFile });
    try {
      await request(server.baseUrl).post('/v2/Users').set(AUTH).send({ userName: 'debounced' }).expect(201);
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(readData().users.some((u) => u.attributes.userName === 'debounced')).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('when /__admin/reset is posted, then the example directory is restored in memory and on disk', async () => {
    const server = await listenScimSandbox({ dataFile });
    try {
      await request(server.baseUrl).post('/v2/Users').set(AUTH).send({ userName: 'temporary' }).expect(201);
      await request(server.baseUrl).delete('/v2/Users/USER_ID').set(AUTH).expect(204);

      await request(server.baseUrl).post('/__admin/reset').expect(204);

      await request(server.baseUrl).get('/v2/Users/USER_ID').set(AUTH).expect(200);
      const found = (await request(server.baseUrl).get('/v2/Users').query({ filter: 'userName eq "temporary"' }).set(AUTH).expect(200)).body as ScimListResponse<ScimUser>;
      expect(found.totalResults).toBe(0);
      expect(readData().users).toHaveLength(41);
      await request(server.baseUrl).post('/v2/Users').set(AUTH).send({ userName: 'temporary' }).expect(201);
    } finally {
      await server.close();
    }
  });

  test('when the data file holds no directory, then the example directory is written', async () => {
    mkdirSync(join(dir, 'nested'), { recursive: true });
    writeFileSync(dataFile, '{}');

    const server = await listenScimSandbox({ dataFile });
    try {
      await request(server.baseUrl).get('/v2/Users/USER_ID').set(AUTH).expect(200);
      expect(readData().groups).toHaveLength(7);
    } finally {
      await server.close();
    }
  });
});
