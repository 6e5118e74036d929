import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startGateway, type Gateway } from '../support/gateway-harness.js';

// Debian's chromium (installed by .ci/run); no browser download, no network beyond loopback.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let gw: Gateway;
let server: Server;
let base: string;
let userDataDir: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  gw = await startGateway();
  server = await new Promise<Server>((resolve) => {
    const s = gw.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  userDataDir = mkdtempSync(join(tmpdir(), 'idm-gw-chromium-'));
  // launchPersistentContext passes --user-data-dir itself: a fresh profile per run.
  context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: ARGS });
  page = context.pages()[0] ?? await context.newPage();
}, 60_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => server?.close(resolve));
  await gw?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('the API explorer in a browser', () => {
  test('when a user opens the explorer, authorizes as openidm-admin and runs query-all-ids on csv accounts, then the answer shows in the page', async () => {
    const external: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) external.push(r.url());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${base}/api-explorer/`);
    await page.getByText('idm-gateway', { exact: false }).first().waitFor();
    // Every system has its section.
    await page.locator('.opblock-tag-section', { hasText: 'system/csv' }).first().waitFor();

    await page.locator('button.authorize').first().click();
    const modal = page.locator('.modal-ux');
    // The IDM header pair: two apiKey schemes that are sent together.
    for (const scheme of ['idmUsername', 'idmPassword']) {
      const form = modal.locator('.auth-container', { hasText: scheme });
      await form.locator('input').fill('openidm-admin');
      await form.locator('button.authorize').click();
    }
    await modal.locator('button.btn-done').first().click();

    const query = page.locator('.opblock-get', { has: page.locator('.opblock-summary-path', { hasText: /^\/openidm\/system\/csv\/__ACCOUNT__$/ }) });
    await query.locator('.opblock-summary').click();
    const queryId = query.locator('tr[data-param-name="_queryId"] select');
    await queryId.waitFor();
    // tryItOutEnabled opens the form already; a click on "Try it out" would only be needed without it.
    if (await queryId.isDisabled()) await query.locator('button.try-out__btn', { hasText: 'Try it out' }).click();
    await queryId.selectOption('query-all-ids');
    await query.locator('button.execute').click();

    // The server response row (the table's header row has the same column classes).
    const answer = query.locator('.live-responses-table tbody tr.response');
    await answer.locator('.response-col_status').filter({ hasText: '200' }).waitFor();
    await answer.locator('.response-col_description').filter({ hasText: '"_id": "bjensen"' }).waitFor();
    await expect(answer.locator('.response-col_description').textContent()).resolves.toContain('"resultCount"');
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
