import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, REPO, startGateway, type Gateway } from '../support/gateway-harness.js';
import { ADMIN_HEADERS, sendSeedCall, type SeedCall } from '../support/seed-call.js';

/**
 * liveSync however it is addressed (shared/seeds/configure-connectors.md, "Set the supported
 * object types"; research §1.2–§1.4). No connector of the gateway implements ICF's SyncOp, so every
 * address of a system's type answers the same 501 naming SyncApiOp; only the addressing errors differ.
 */
const SEED_LIVESYNC: SeedCall = {
  method: 'POST', url: 'http://localhost:8080/openidm/system/ldap?_action=liveSync',
  headers: [...ADMIN_HEADERS, 'Accept-API-Version: resource=1.0'],
};
const SYNC_NOT_SUPPORTED = {
  code: 501,
  reason: 'Not Implemented',
  message: 'Operation org.identityconnectors.framework.api.operations.SyncApiOp is not supported by the Connector',
};

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway();
  // The seed's excerpt: __ALL__ declared under the name "allobjects".
  const csvConf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-csv.json'), 'utf8')) as JsonObject;
  const allobjects = { $schema: 'http://json-schema.org/draft-03/schema', id: '__ALL__', type: 'object', nativeType: '__ALL__' };
  const put = await gw.http.put('/openidm/config/provisioner.openicf/csvall').set(ADMIN)
    .send({ ...csvConf, name: 'csvall', objectTypes: { ...(csvConf.objectTypes as JsonObject), allobjects } });
  expect(put.status).toBe(201);
});
afterAll(() => gw.close());

describe('the seed\'s liveSync call on a system, with no object type', () => {
  test('when the page\'s system (ldap) is not configured, then 404 naming system/ldap, as IDM', async () => {
    const res = await sendSeedCall(gw.http, SEED_LIVESYNC);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 404, reason: 'Not Found', message: 'Resource \'system/ldap\' not found' });
  });

  test('when it names a configured system, then 501 naming SyncApiOp', async () => {
    const res = await sendSeedCall(gw.http, SEED_LIVESYNC, { ldap: 'csv' });
    expect(res.status).toBe(501);
    expect(res.body).toEqual(SYNC_NOT_SUPPORTED);
  });
});

describe('liveSync on the __ALL__ object type', () => {
  test('when the implicit __ALL__ type (listed by _action=test) is addressed, then the same 501, not 404', async () => {
    const status = await gw.http.post('/openidm/system/csv?_action=test').set(ADMIN);
    expect(status.body.objectTypes).toContain('__ALL__');
    const res = await gw.http.post('/openidm/system/csv/__ALL__?_action=liveSync').set(ADMIN);
    expect(res.status).toBe(501);
    expect(res.body).toEqual(SYNC_NOT_SUPPORTED);
  });

  test('when the implicit __ALL__ type is read or queried, then it is still 404 (it serves liveSync only)', async () => {
    const res = await gw.http.get('/openidm/system/csv/__ALL__?_queryFilter=true').set(ADMIN);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Not found: __ALL__');
  });

  test('when __ALL__ is declared under another name, then liveSync on the system and on that name answer alike', async () => {
    const status = await gw.http.post('/openidm/system/csvall?_action=test').set(ADMIN);
    expect(status.body.objectTypes).toEqual(expect.arrayContaining(['allobjects', '__ACCOUNT__']));
    expect(status.body.objectTypes).not.toContain('__ALL__');
    for (const url of ['/openidm/system/csvall?_action=liveSync', '/openidm/system/csvall/allobjects?_action=liveSync']) {
      const res = await gw.http.post(url).set(ADMIN);
      expect({ url, status: res.status, body: res.body }).toEqual({ url, status: 501, body: SYNC_NOT_SUPPORTED });
    }
  });
});

describe('liveSync on /openidm/system with a source parameter', () => {
  test('when source names a configured system and type, then the type\'s answer (501), not "requires a source"', async () => {
    for (const source of ['system/csv/__ACCOUNT__', 'csv/__ACCOUNT__', 'system/csv/__ALL__']) {
      const res = await gw.http.post(`/openidm/system?_action=liveSync&source=${encodeURIComponent(source)}`).set(ADMIN);
      expect({ source, status: res.status, body: res.body }).toEqual({ source, status: 501, body: SYNC_NOT_SUPPORTED });
    }
  });

  test('when _action=activeSync is used, then it is the same action', async () => {
    const res = await gw.http.post('/openidm/system?_action=activeSync&source=system/csv/__ACCOUNT__').set(ADMIN);
    expect(res.status).toBe(501);
  });

  test('when source names no configured system, then 503 "System: … is not available." as IDM', async () => {
    const res = await gw.http.post('/openidm/system?_action=liveSync&source=system/ldap/account').set(ADMIN);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 503, reason: 'Service Unavailable', message: 'System: system/ldap/account is not available.' });
  });

  test('when source names a type the system does not have, then 404 as on its route', async () => {
    const res = await gw.http.post('/openidm/system?_action=liveSync&source=system/csv/group').set(ADMIN);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Not found: group');
  });

  test('when source has no object type, then 400 with IDM\'s Id message', async () => {
    const res = await gw.http.post('/openidm/system?_action=liveSync&source=system/csv').set(ADMIN);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Invalid number of tokens in ID system/csv');
  });

  test('when there is no source, then 400 asking for one', async () => {
    const res = await gw.http.post('/openidm/system?_action=liveSync').set(ADMIN);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('liveSync action requires either an explicit source parameter, or needs to be called on a specific provisioner URI');
  });
});
