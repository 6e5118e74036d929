import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../src/auth/password-hash.js';
import { parseSetPasswordArgs, setUserPassword } from '../../src/auth/set-user-password.js';
import { UserStore } from '../../src/auth/user-store.js';
import { ADMIN, REPO, startGateway, type Gateway } from '../support/gateway-harness.js';

/** IDM's default access rules: systems and config need openidm-admin; the Prometheus scrape admin or openidm-prometheus. */
const FORBIDDEN = { code: 403, reason: 'Forbidden', message: 'Access denied' };
const SCRAPER = { 'X-OpenIDM-Username': 'prometheus', 'X-OpenIDM-Password': 'scrape-secret-1' };
const END_USER = { 'X-OpenIDM-Username': 'bjensen', 'X-OpenIDM-Password': 'end-user-secret-1' };
const IDM7_ADMIN = { 'X-OpenIDM-Username': 'idm7-admin', 'X-OpenIDM-Password': 'idm7-admin-secret' };

let gw: Gateway;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'idm-gw-users-'));
  const user = async (username: string, password: string, roles: string[]) => ({ username, password: await hashPassword(password), roles });
  writeFileSync(join(dir, 'users.json'), JSON.stringify({
    users: [
      await user('openidm-admin', 'openidm-admin', ['openidm-admin', 'openidm-authorized']),
      await user('prometheus', SCRAPER['X-OpenIDM-Password'], ['openidm-prometheus']),
      await user('bjensen', END_USER['X-OpenIDM-Password'], ['openidm-authorized']),
      await user('idm7-admin', IDM7_ADMIN['X-OpenIDM-Password'], ['internal/role/openidm-admin']),
    ],
  }));
  gw = await startGateway({ users: UserStore.load(dir) });
});
afterAll(async () => {
  await gw.close();
});

describe('a user with only openidm-prometheus', () => {
  test('when it scrapes /openidm/metrics/prometheus, then it gets the metrics', async () => {
    const res = await gw.http.get('/openidm/metrics/prometheus').set(SCRAPER);
    expect(res.status).toBe(200);
    expect(res.text).toContain('# TYPE idm_gateway_requests_seconds ');
  });

  test('when it reads a system, then the answer is 403 Access denied and no object is shown', async () => {
    const res = await gw.http.get('/openidm/system/csv/__ACCOUNT__?_queryId=query-all-ids').set(SCRAPER);
    expect(res.status).toBe(403);
    expect(res.body).toEqual(FORBIDDEN);
  });
});

describe('a user with only openidm-authorized', () => {
  test('when it creates an account, then the answer is 403 and the CSV file is unchanged', async () => {
    const file = join(gw.instanceDir, 'data', 'csvConnectorData.csv');
    const before = readFileSync(file, 'utf8');
    const res = await gw.http.post('/openidm/system/csv/__ACCOUNT__?_action=create').set(END_USER)
      .send({ uid: 'intruder', firstName: 'In', lastName: 'Truder', email: 'in@example.com' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual(FORBIDDEN);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  test('when it reads a connector configuration or the metrics, then the answer is 403', async () => {
    for (const url of ['/openidm/config/provisioner.openicf/csv', '/openidm/metrics/prometheus', '/system/csv/__ACCOUNT__/bjensen']) {
      const res = await gw.http.get(url).set(END_USER);
      expect({ url, status: res.status, body: res.body as unknown }).toEqual({ url, status: 403, body: FORBIDDEN });
    }
  });

  test('when it sends a wrong password, then the answer stays 401 (authentication comes first)', async () => {
    const res = await gw.http.get('/openidm/system/csv/__ACCOUNT__?_queryId=query-all-ids')
      .set({ ...END_USER, 'X-OpenIDM-Password': 'wrong' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 401, reason: 'Unauthorized', message: 'Access Denied' });
  });
});

describe('admins', () => {
  test('when the role is written as IDM 7 writes it (internal/role/openidm-admin), then the user is an admin', async () => {
    const res = await gw.http.get('/openidm/system/csv/__ACCOUNT__?_queryId=query-all-ids').set(IDM7_ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.resultCount).toBeGreaterThan(0);
  });

  test('when openidm-admin reads systems, configuration and metrics, then every answer is 200', async () => {
    for (const url of ['/openidm/system/csv/__ACCOUNT__?_queryId=query-all-ids', '/openidm/config/provisioner.openicf/csv', '/openidm/metrics/prometheus']) {
      const res = await gw.http.get(url).set(ADMIN);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
    }
  });
});

describe('npm run set-password -- <user> --role <role>', () => {
  test('when a scrape user is added with --role openidm-prometheus, then it holds only that role and its password works', async () => {
    const instance = mkdtempSync(join(tmpdir(), 'idm-gw-setpw-'));
    cpSync(join(REPO, 'conf', 'users.json'), join(instance, 'users.json'));
    await setUserPassword(join(instance, 'users.json'), parseSetPasswordArgs(['prometheus', '--role', 'openidm-prometheus']), 'scrape-secret-2');
    const store = UserStore.load(instance);
    expect(await store.authenticate('prometheus', 'scrape-secret-2')).toEqual({ username: 'prometheus', roles: ['openidm-prometheus'] });
    expect(await store.authenticate('openidm-admin', 'openidm-admin')).toEqual({ username: 'openidm-admin', roles: ['openidm-admin', 'openidm-authorized'] });
  });

  test('when a role is named without a value or an argument is unknown, then the command refuses with the problem', () => {
    expect(() => parseSetPasswordArgs(['prometheus', '--role'])).toThrow('--role needs a role name');
    expect(() => parseSetPasswordArgs(['--roles', 'x'])).toThrow('unexpected argument --roles');
    expect(parseSetPasswordArgs([])).toEqual({ username: 'openidm-admin', roles: undefined });
  });
});
