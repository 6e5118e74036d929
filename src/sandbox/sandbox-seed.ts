import express from 'express';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSettings } from '../settings.js';
import { createBoxSandbox } from './box/box-sandbox.js';
import { createDropboxSandbox } from './dropbox/dropbox-sandbox.js';
import { createScimSandbox, generateUsers as generateScimUsers } from './scim/scim-sandbox.js';

/**
 * `npm run sandbox:seed -- --members 100000 [--scim-users 100000] [--box-users 100000]`: adds generated objects to the
 * sandboxes' stored state (for benchmarks); the example data stays.
 */
const { values } = parseArgs({
  options: {
    members: { type: 'string' },
    'scim-users': { type: 'string' },
    'box-users': { type: 'string' },
  },
});
const settings = loadSettings();
const dir = join(settings.dataDir, 'sandbox');
const count = (raw: string | undefined, name: string): number => {
  const n = Number(raw ?? 0);
  if (!Number.isInteger(n) || n < 0 || n > 5_000_000) {
    console.error(`--${name} must be a whole number from 0 to 5000000`);
    process.exit(2);
  }
  return n;
};
const members = count(values.members, 'members');
const scimUsers = count(values['scim-users'], 'scim-users');
const boxUsers = count(values['box-users'], 'box-users');
if (members === 0 && scimUsers === 0 && boxUsers === 0) {
  console.error('usage: npm run sandbox:seed -- [--members <n>] [--scim-users <n>] [--box-users <n>]');
  process.exit(2);
}
if (members > 0) {
  const dropbox = await createDropboxSandbox({ dataFile: join(dir, 'dropbox.json') });
  const added = await dropbox.seedMembers(members);
  await dropbox.flush();
  console.log(`dropbox: ${added} members added`);
}
if (scimUsers > 0) {
  const scim = await createScimSandbox({ dataFile: join(dir, 'scim.json') });
  scim.addUsers(generateScimUsers(scimUsers, 1000));
  await scim.flush();
  console.log(`scim: ${scimUsers} users added`);
}
if (boxUsers > 0) {
  // Box's generator lives behind its admin route: serve the router on loopback for one call.
  const box = await createBoxSandbox({ dataFile: join(dir, 'box.json') });
  const app = express().use(box.router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/__admin/seed-users`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: boxUsers }),
  });
  server.close();
  await box.flush();
  console.log(`box: ${JSON.stringify(await res.json())}`);
}
