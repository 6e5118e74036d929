import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ObjectType } from '../../src/provisioner/object-type.js';
import { ADMIN, startGateway, type Gateway } from '../support/gateway-harness.js';

const ACCOUNTS = '/openidm/system/csv/__ACCOUNT__';
let gw: Gateway;

// Counts the provisioner's body checks, to tell the door's answers from the provisioner's.
const reached = { create: 0, update: 0 };
const { createAttributes, updateAttributes } = ObjectType.prototype;

beforeAll(async () => {
  gw = await startGateway();
  ObjectType.prototype.createAttributes = function (this: ObjectType, ...args: Parameters<ObjectType['createAttributes']>) {
    reached.create++;
    return createAttributes.apply(this, args);
  };
  ObjectType.prototype.updateAttributes = function (this: ObjectType, ...args: Parameters<ObjectType['updateAttributes']>) {
    reached.update++;
    return updateAttributes.apply(this, args);
  };
});
afterAll(async () => {
  ObjectType.prototype.createAttributes = createAttributes;
  ObjectType.prototype.updateAttributes = updateAttributes;
  await gw.close();
});
beforeEach(() => {
  reached.create = 0;
  reached.update = 0;
});

function csvText(): string {
  return readFileSync(join(gw.instanceDir, 'data', 'csvConnectorData.csv'), 'utf8');
}

describe('the door checks create and update bodies against the document, in IDM\'s words', () => {
  test.each([
    ['an unknown attribute', { uid: 'v1', lastName: 'x', nope: 1 }, 'Target does not support attribute nope'],
    ['an unknown attribute and a missing required one', { uid: 'v1', nope: 1 }, 'Target does not support attribute nope'],
    ['a missing required attribute', { uid: 'v1', email: 'v1@example.com' }, "Required attribute 'lastName' value is null"],
  ])('when a create has %s, then 400 "%s" before the provisioner is reached', async (_what, body, message) => {
    const before = csvText();
    const res = await gw.http.post(`${ACCOUNTS}?_action=create`).set(ADMIN).send(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 400, reason: 'Bad Request', message });
    expect(reached.create).toBe(0);
    expect(csvText()).toBe(before);
  });

  test('when a required attribute is null, then the provisioner answers IDM\'s message (the door\'s IDM-like coercion reads null as "")', async () => {
    const res = await gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: 'v1', lastName: null });
    expect(res.body).toEqual({ code: 400, reason: 'Bad Request', message: "Required attribute 'lastName' value is null" });
    expect(reached.create).toBe(1);
  });

  test('when a value has the wrong type, then "Failed build" names the attribute with the reason, as the provisioner would', async () => {
    const res = await gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: 'v2', lastName: { not: 'a string' } });
    expect(res.body).toEqual({ code: 400, reason: 'Bad Request', message: 'Failed build lastName attribute.', detail: { reason: '/lastName must be string' } });
    expect(reached.create).toBe(0);
  });

  test('when a number is sent for a string attribute, then the door coerces as IDM does and the provisioner gets the body unchanged', async () => {
    const res = await gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: 'v3', lastName: 'Three', description: 42 });
    expect(res.status).toBe(201);
    expect(res.body.description).toBe('42');
    expect(reached.create).toBe(1);
  });

  test('when an update names an unknown attribute, then the door answers 400 and the account is untouched', async () => {
    await gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: 'v4', lastName: 'Four' });
    reached.update = 0;
    const res = await gw.http.put(`${ACCOUNTS}/v4`).set(ADMIN).set('If-Match', '*').send({ description: 'x', nope: true });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Target does not support attribute nope');
    expect(reached.update).toBe(0);
  });

  test('when the short /system path is used, then the door checks it too', async () => {
    const res = await gw.http.post('/system/csv/__ACCOUNT__').set(ADMIN).send({ uid: 'v5', lastName: 'x', nope: 1 });
    expect(res.body.message).toBe('Target does not support attribute nope');
    expect(reached.create).toBe(0);
  });

  test('when a valid create passes the door, then the provisioner still sees it (one check each, same schema)', async () => {
    const res = await gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: 'v6', lastName: 'Six' });
    expect(res.status).toBe(201);
    expect(reached.create).toBe(1);
  });
});

describe('what the door leaves to CREST and the provisioner keeps IDM\'s messages', () => {
  test.each([
    ['an unknown _ parameter', () => gw.http.post(`${ACCOUNTS}?_action=create&_nope=1`).send({ uid: 'w1', nope: 1 }), "Unrecognized request parameter '_nope'"],
    ['a non-JSON content type', () => gw.http.post(ACCOUNTS).set('Content-Type', 'text/plain').send('{"nope":1}'),
      "The request could not be processed because it specified the content-type 'text/plain' when only the content-type 'application/json' and 'multipart/form-data' are supported"],
    ['malformed JSON', () => gw.http.post(ACCOUNTS).set('Content-Type', 'application/json').send('{"nope":'),
      'The request could not be processed because the provided content is not valid JSON'],
    ['an array body', () => gw.http.post(ACCOUNTS).set('Content-Type', 'application/json').send('[{"nope":1}]'),
      'The request could not be processed because the provided content is not a JSON object'],
    ['If-Match on a POST', () => gw.http.post(ACCOUNTS).set('If-Match', '*').send({ nope: 1 }), 'If-Match not supported for POST requests'],
    ['an object type in the wrong case', () => gw.http.post('/openidm/system/csv/__account__').send({ nope: 1 }), 'Not found: __account__'],
    ['an unknown system', () => gw.http.post('/openidm/system/nosuch/__ACCOUNT__').send({ nope: 1 }), "Resource 'system/nosuch' not found"],
    ['a create on an object path', () => gw.http.post(`${ACCOUNTS}/x?_action=create`).send({ uid: 'x', lastName: 'x' }), 'The resource instance x cannot be created'],
    ['a patch that is not an array', () => gw.http.patch(`${ACCOUNTS}/v6`).send({ nope: 1 }),
      'The request could not be processed because the provided content is not a JSON array of patch operations'],
    ['a patch naming an unknown attribute', () => gw.http.patch(`${ACCOUNTS}/v6`).send([{ operation: 'replace', field: '/nope', value: 1 }]),
      'Target does not support attribute nope'],
  ])('when a write has %s, then IDM\'s message comes back', async (_what, send, message) => {
    const res = await send().set(ADMIN);
    expect(res.body.message).toBe(message);
  });

  test('when authenticate carries a body with unknown members, then the door does not judge it', async () => {
    await gw.http.post(ACCOUNTS).set(ADMIN).send({ uid: 'w2', lastName: 'x', password: 'Pass-word1' });
    const res = await gw.http.post(`${ACCOUNTS}?_action=authenticate&username=w2&password=Pass-word1`).set(ADMIN).send({ nope: 1 });
    expect(res.status).toBe(200);
    expect(res.body._id).toBe('w2');
  });

  test('when a body has a __proto__ member, then the door lets it through like every _-prefixed member', async () => {
    const res = await gw.http.post(ACCOUNTS).set(ADMIN).set('Content-Type', 'application/json')
      .send('{"uid":"w3","lastName":"x","__proto__":{"admin":true}}');
    expect(res.status).toBe(201);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
