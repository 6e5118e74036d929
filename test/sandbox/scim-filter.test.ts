import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { listenScimSandbox, type ListeningScimSandbox } from '../../src/sandbox/scim/listen-scim-sandbox.js';
import { SCIM_EXAMPLE_IDS, SCIM_SANDBOX_CREDENTIALS } from '../../src/sandbox/scim/scim-sandbox.js';
import type { ScimErrorResponse, ScimGroup, ScimListResponse, ScimUser } from '../../src/sandbox/scim/scim-wire.js';

const AUTH = { Authorization: `Bearer ${SCIM_SANDBOX_CREDENTIALS.bearerToken}` };
const ALL_USERS = 41;
const INACTIVE = ['emil.larsen', 'jonas.berg', 'umar.farouk'];

let server: ListeningScimSandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scim-filter-'));
  server = await listenScimSandbox({ dataFile: join(dir, 'scim.json') });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function userNames(filter: string): Promise<string[]> {
  const res = await request(server.baseUrl).get('/v2/Users').query({ filter, attributes: 'userName', count: 1000 }).set(AUTH);
  expect(res.status).toBe(200);
  const body = res.body as ScimListResponse<ScimUser>;
  expect(body.totalResults).toBe(body.Resources.length);
  return body.Resources.map((u) => u.userName).sort();
}

describe('SCIM sandbox filter grammar', () => {
  const matches: [string, string[] | number][] = [
    ['userName eq "bjensen"', ['bjensen']],
    ['USERNAME EQ "BJensen"', ['bjensen']],
    ['userName ne "john"', ALL_USERS - 1],
    ['userName co "obr"', ['liam.obrien']],
    ['userName sw "j"', ['john', 'jonas.berg', 'julia.novak']],
    ['userName ew "SON"', ['keisha.johnson']],
    ['userName gt "zoe"', ['zoe.fischer']],
    ['userName ge "zoe.fischer"', ['zoe.fischer']],
    ['userName lt "alice"', ['aaron.levy']],
    ['userName le "aaron.levy"', ['aaron.levy']],
    ['name.familyName eq "o\'brien"', ['liam.obrien']],
    ['displayName eq "Liam O\'Brien"', ['liam.obrien']],
    ['title eq "Tour\\u0020Guide"', ['bjensen']],
    ['emails.value ew "@home.example.net"', ['bjensen', 'grace.liu', 'leila.rahimi', 'maya.patel']],
    ['emails co "tara"', ['tara.singh']],
    ['emails[type eq "home"]', ['bjensen', 'grace.liu', 'leila.rahimi', 'maya.patel']],
    ['emails[type eq "work" and value co "ALICE"]', ['alice.nguyen']],
    ['emails[type eq "work"].value sw "john"', ['john']],
    ['emails[not (type eq "work")].value ew ".net"', ['bjensen', 'grace.liu', 'leila.rahimi', 'maya.patel']],
    ['phoneNumbers.value eq "+1 555 0100"', ['bjensen']],
    ['active eq false', INACTIVE],
    ['active eq "FALSE"', INACTIVE],
    ['status eq "inactive"', INACTIVE],
    ['not (active eq true)', INACTIVE],
    ['not(active eq true)', INACTIVE],
    ['!(active eq true)', INACTIVE],
    ['not userName sw "a"', ALL_USERS - 2],
    ['userType eq "Contractor" and active eq true', ['aaron.levy', 'ivan.horvat', 'pedro.alvarez', 'rosa.martinez']],
    ['userType eq "contractor" or title eq "tour guide"', ['aaron.levy', 'bjensen', 'ivan.horvat', 'pedro.alvarez', 'rosa.martinez']],
    ['title sw "Support" and (locale eq "it-IT" or locale eq "pt-BR")', ['carla.mendes', 'olivia.rossi']],
    ['title eq "support specialist" and not (active eq false)', ['aaron.levy', 'carla.mendes', 'leila.rahimi']],
    ['userName eq "john" or userName eq "testuser" and active eq false', ['john']],
    ['(userName eq "john" or userName eq "testuser") and active eq true', ['john', 'testuser']],
    ['((userName eq "john"))', ['john']],
    ['externalId eq "EMP-1001"', ['bjensen']],
    ['externalId eq "emp-1001"', []],
    ['id eq "USER_ID"', ['john']],
    ['id eq "user_id"', []],
    ['meta.created lt "2024-01-15T10:30:00Z"', ['john', 'testuser']],
    ['meta.lastModified gt "2024-01-16T20:00:00Z"', ['hannah.weber', 'ivan.horvat', 'julia.novak', 'kenji.sato', 'leila.rahimi']],
    ['meta.resourceType eq "User"', ALL_USERS],
    ['description pr', ['john', 'testuser']],
    ['name.givenName pr and description pr', ['john', 'testuser']],
    ['nickName pr', []],
    ['nickName eq null', ALL_USERS],
    ['description ne null', ['john', 'testuser']],
    ['groups.display eq "Administrators"', ['alice.nguyen', 'daniel.okafor', 'william.chen']],
    ['groups[display eq "all staff"]', ['john']],
    [`groups.value eq "${SCIM_EXAMPLE_IDS.groups.finance}"`, ['bianca.moretti', 'elena.petrova', 'hannah.weber', 'keisha.johnson', 'quinn.harper', 'valentina.costa']],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bjensen"', ['bjensen']],
    ['urn:ietf:params:scim:schemas:core:2.0:User:name.familyName sw "jen"', ['bjensen']],
  ];
  test.each(matches)('when filtering by %s, then the matching users are returned', async (filter, expected) => {
    const names = await userNames(filter);

    if (typeof expected === 'number') expect(names).toHaveLength(expected);
    else expect(names).toEqual(expected);
  });

  test('when a value holds escaped quotes and backslashes, then it matches the stored text', async () => {
    const description = 'says "hi" \\ bye';
    await request(server.baseUrl).post('/v2/Users').set(AUTH).send({ userName: 'quoted', description }).expect(201);

    expect(await userNames('description eq "says \\"hi\\" \\\\ bye"')).toEqual(['quoted']);
    expect(await userNames('description co "\\"HI\\""')).toEqual(['quoted']);
    await server.sandbox.reset();
  });

  test('when a filter comes URL-encoded the way a REST connector builds it, then it is decoded and applied', async () => {
    const res = await request(server.baseUrl).get('/v2/Users?filter=userName%20eq%20%22john%22').set(AUTH).expect(200);

    expect((res.body as ScimListResponse<ScimUser>).Resources.map((u) => u.id)).toEqual(['USER_ID']);
  });

  test('when groups are filtered, then group attributes and member sub-attributes work', async () => {
    const byName = await request(server.baseUrl).get('/v2/Groups').query({ filter: 'displayName eq "SALES"' }).set(AUTH).expect(200);
    const byMember = await request(server.baseUrl)
      .get('/v2/Groups')
      .query({ filter: `members.value eq "${SCIM_EXAMPLE_IDS.bjensen}"` })
      .set(AUTH)
      .expect(200);
    const nested = await request(server.baseUrl).get('/v2/Groups').query({ filter: 'members[type eq "Group"]' }).set(AUTH).expect(200);

    expect((byName.body as ScimListResponse<ScimGroup>).Resources.map((g) => g.id)).toEqual([SCIM_EXAMPLE_IDS.groups.sales]);
    expect((byMember.body as ScimListResponse<ScimGroup>).Resources.map((g) => g.displayName)).toEqual(['Sales']);
    expect((nested.body as ScimListResponse<ScimGroup>).Resources.map((g) => g.displayName)).toEqual(['All Staff']);
  });

  const invalid: [string, RegExp][] = [
    ['userName eq', /end of filter/],
    ['userName eq bjensen', /must be in double quotes/],
    ['userName zz "x"', /Unknown operator 'zz'/],
    ['userName eq "x', /Unterminated string/],
    ['userName eq "\\q"', /Invalid escape/],
    ['(userName eq "x"', /end of filter/],
    ['userName eq "x")', /Unexpected '\)'/],
    ['userName eq "a" and', /end of filter/],
    ['and', /Unknown operator|end of filter|attribute path/],
    ['userName pr pr', /Unexpected 'pr'/],
    ['"x" eq userName', /attribute path/],
    ['shoeSize eq 3', /Unknown attribute 'shoeSize'/],
    ['name.nickname eq "x"', /Unknown attribute 'name.nickname'/],
    ['urn:example:Foo:userName eq "x"', /Unknown attribute/],
    ['name eq "x"', /complex/],
    ['password eq "x"', /cannot be filtered/],
    ['active gt true', /not supported for the boolean/],
    ['active co "t"', /not supported for the boolean/],
    ['active eq "maybe"', /not a boolean/],
    ['meta.created gt "yesterday"', /not a dateTime/],
    ['userName gt null', /null/],
    ['emails[type eq "work"', /expected '\]'/i],
    ['emails[type eq "work"] eq "x"', /needs a sub-attribute/],
    ['emails[type[value eq "y"] eq "z"]', /cannot be nested/],
    ['userName[type eq "work"]', /not complex/],
    ['emails[kind eq "work"]', /Unknown attribute 'kind'/],
  ];
  test.each(invalid)('when the filter is %s, then 400 invalidFilter', async (filter, detail) => {
    const res = await request(server.baseUrl).get('/v2/Users').query({ filter }).set(AUTH);

    expect(res.status).toBe(400);
    const body = res.body as ScimErrorResponse;
    expect(body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect(body.detail).toMatch(detail);
  });

  test('when a .search body has an invalid filter, then 400 invalidFilter', async () => {
    const res = await request(server.baseUrl).post('/v2/Users/.search').set(AUTH).send({ filter: 'userName eq' });

    expect(res.status).toBe(400);
    expect((res.body as ScimErrorResponse).scimType).toBe('invalidFilter');
  });
});
