import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { listenScimSandbox, type ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { SCIM_SANDBOX_CREDENTIALS } from '../../src/sandbox/scim/scim-sandbox.js';
import type { ScimListResponse } from '../../src/sandbox/scim/scim-wire.js';

const AUTH = { Authorization: `Bearer ${SCIM_SANDBOX_CREDENTIALS.bearerToken}` };
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

interface SchemaAttribute {
  name: string;
  type: string;
  mutability: string;
  returned: string;
  uniqueness: string;
  caseExact: boolean;
  subAttributes?: SchemaAttribute[];
}
interface SchemaResource {
  id: string;
  name: string;
  attributes: SchemaAttribute[];
}

let server: ListeningScimSandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-discovery-'));
  server = await listenScimSandbox({ dataFile: join(dir, 'scim.json') });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = () => request(server.baseUrl);

describe('SCIM sandbox discovery endpoints', () => {
  test('when ServiceProviderConfig is read, then it declares patch, filter, sort, etag, both paging methods and both auth schemes', async () => {
    const res = await api().get('/v2/ServiceProviderConfig').set(AUTH).expect(200);

    expect(res.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
      sort: { supported: true },
      etag: { supported: true },
      pagination: { cursor: true, index: true, defaultPageSize: 100, maxPageSize: 1000, cursorTimeout: 3600 },
      meta: { resourceType: 'ServiceProviderConfig', location: `${server.baseUrl}/v2/ServiceProviderConfig` },
    });
    expect((res.body as { authenticationSchemes: { type: string }[] }).authenticationSchemes.map((s) => s.type)).toEqual(['oauthbearertoken', 'httpbasic']);
  });

  test('when ResourceTypes is read, then User and Group are listed with their endpoints', async () => {
    const list = await api().get('/v2/ResourceTypes').set(AUTH).expect(200);
    const user = await api().get('/v2/ResourceTypes/User').set(AUTH).expect(200);

    expect((list.body as ScimListResponse<{ endpoint: string }>).Resources.map((r) => r.endpoint)).toEqual(['/Users', '/Groups']);
    expect(user.body).toMatchObject({ id: 'User', endpoint: '/Users', schema: USER_SCHEMA });
    await api().get('/v2/ResourceTypes/Widget').set(AUTH).expect(404);
  });

  test('when Schemas is read, then attribute characteristics are published', async () => {
    const list = await api().get('/v2/Schemas').set(AUTH).expect(200);
    const user = (await api().get(`/v2/Schemas/${USER_SCHEMA}`).set(AUTH).expect(200)).body as SchemaResource;

    expect((list.body as ScimListResponse<SchemaResource>).Resources.map((s) => s.name)).toEqual(['User', 'Group']);
    const byName = new Map(user.attributes.map((a) => [a.name, a]));
    expect(byName.get('userName')).toMatchObject({ type: 'string', uniqueness: 'server', caseExact: false });
    expect(byName.get('password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(byName.get('groups')).toMatchObject({ mutability: 'readOnly' });
    expect(byName.get('emails')!.subAttributes!.map((s) => s.name)).toEqual(['value', 'display', 'type', 'primary']);
    expect(byName.has('id')).toBe(false);
  });
});
