import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { listenScimSandbox, type ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { SCIM_SANDBOX_CREDENTIALS as CREDS } from '../../src/sandbox/scim/scim-sandbox.js';
import type { OAuthTokenResponse, ScimListResponse, ScimUser } from '../../src/sandbox/scim/scim-wire.js';

/**
 * The SaaS REST seed's examples (create / update / get / list of __ACCOUNT__), replayed the way a
 * provisioner configured in the seed's style calls the sandbox: serviceUri `<base>/v2`, OAUTH
 * client_credentials with Basic client auth, requestMapping onto SCIM paths, idPath `id`,
 * namePath `userName`, cookie pagination `cursor={_pagedResultsCookie}&count={_pageSize}` with the
 * cookie read from the body path `nextCursor`.
 */
let server: ListeningScimSandbox;
let dir: string;
let bearer: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-seed-'));
  server = await listenScimSandbox({ dataFile: join(dir, 'scim.json') });
  const token = await request(server.baseUrl)
    .post('/oauth2/token')
    .set('Authorization', `Basic ${Buffer.from(`${CREDS.clientId}:${CREDS.clientSecret}`).toString('base64')}`)
    .type('form')
    .send({ grant_type: 'client_credentials' })
    .expect(200);
  bearer = { Authorization: `Bearer ${(token.body as OAuthTokenResponse).access_token}` };
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => server.sandbox.reset());

const api = () => request(server.baseUrl);

/** The seed's attributes mapped onto SCIM as a requestMapping would (`mail` → `emails[0].value`…). */
function scimBody(seed: { userName: string; sn: string; givenName: string; mail: string; telephoneNumber: string; description: string }) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: seed.userName,
    name: { familyName: seed.sn, givenName: seed.givenName },
    emails: [{ value: seed.mail, type: 'work', primary: true }],
    phoneNumbers: [{ value: seed.telephoneNumber, type: 'work' }],
    description: seed.description,
  };
}

/** The seed's attributes read back through a responseMapping (`accountStatus` ← `status`). */
function seedView(user: ScimUser) {
  return {
    _id: user.id,
    __NAME__: user.userName,
    sn: user.name?.familyName,
    givenName: user.name?.givenName,
    mail: user.emails?.[0]?.value,
    telephoneNumber: user.phoneNumbers?.[0]?.value,
    description: user.description,
    accountStatus: user.status,
  };
}

describe('SCIM sandbox driven like the SaaS REST seed', () => {
  test('when the seed creates johndoe, then POST /v2/Users answers the id at idPath "id" and accountStatus "active"', async () => {
    const res = await api()
      .post('/v2/Users')
      .set(bearer)
      .send(scimBody({ userName: 'johndoe', sn: 'doe', givenName: 'john', mail: 'john.doe@example.com', telephoneNumber: '0101010101', description: 'some description' }));

    expect(res.status).toBe(201);
    expect(seedView(res.body as ScimUser)).toEqual({
      _id: expect.any(String),
      __NAME__: 'johndoe',
      sn: 'doe',
      givenName: 'john',
      mail: 'john.doe@example.com',
      telephoneNumber: '0101010101',
      description: 'some description',
      accountStatus: 'active',
    });
  });

  test('when the seed gets USER_ID, then the held example user answers', async () => {
    const res = await api().get('/v2/Users/USER_ID').set(bearer).expect(200);

    expect(seedView(res.body as ScimUser)).toEqual({
      _id: 'USER_ID',
      __NAME__: 'john',
      sn: 'doe',
      givenName: 'john',
      mail: 'john.doe@example.com',
      telephoneNumber: '0101010101',
      description: 'some description',
      accountStatus: 'active',
    });
  });

  test('when the seed updates USER_ID by PUT without If-Match, then every mapped attribute is replaced', async () => {
    const res = await api()
      .put('/v2/Users/USER_ID')
      .set(bearer)
      .send(
        scimBody({
          userName: 'updatedUsername',
          sn: 'updatedSn',
          givenName: 'updatedGivenName',
          mail: 'john.doe123@example.com',
          telephoneNumber: '11110000',
          description: 'updated description',
        }),
      );

    expect(res.status).toBe(200);
    expect(seedView(res.body as ScimUser)).toEqual({
      _id: 'USER_ID',
      __NAME__: 'updatedUsername',
      sn: 'updatedSn',
      givenName: 'updatedGivenName',
      mail: 'john.doe123@example.com',
      telephoneNumber: '11110000',
      description: 'updated description',
      accountStatus: 'active',
    });
  });

  test('when the seed lists with cookie pagination, then cursor={cookie}&count={pageSize} walks every user via nextCursor', async () => {
    const ids: string[] = [];
    let cookie = '';
    for (;;) {
      const res = await api().get(`/v2/Users?cursor=${cookie}&count=10`).set(bearer).expect(200);
      const page = res.body as ScimListResponse<ScimUser>;
      ids.push(...page.Resources.map((u) => u.id));
      if (page.nextCursor === undefined) break;
      cookie = page.nextCursor;
    }

    expect(ids).toHaveLength(41);
    expect(new Set(ids).size).toBe(41);
    expect(ids.slice(0, 2)).toEqual(['USER_ID', expect.any(String)]);
  });

  test('when the seed lists with offset pagination, then offset={offset}&count={pageSize} walks every user', async () => {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 10) {
      const page = (await api().get(`/v2/Users?offset=${offset}&count=10`).set(bearer).expect(200)).body as ScimListResponse<ScimUser>;
      if (page.Resources.length === 0) break;
      ids.push(...page.Resources.map((u) => u.id));
    }

    expect(new Set(ids).size).toBe(41);
  });

  test('when the seed filters with its operator table (quotes %22, separator %20), then SCIM answers', async () => {
    const res = await api().get('/v2/Users?filter=userName%20eq%20%22testuser%22%20and%20!(active%20eq%20%22false%22)').set(bearer).expect(200);

    expect((res.body as ScimListResponse<ScimUser>).Resources.map((u) => u.userName)).toEqual(['testuser']);
  });
});
