import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadSettings } from '../settings.js';
import { isJsonObject, type JsonObject } from '../util/json.js';
import { hashPassword } from './password-hash.js';

/** `npm run set-password -- <username>`: sets (or adds) a gateway user's password in conf/users.json. */
async function main(): Promise<void> {
  const username = process.argv[2] ?? 'openidm-admin';
  const settings = loadSettings();
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  const password = (process.env.IDM_NEW_PASSWORD ?? (await rl.question(`New password for ${username}: `))).trim();
  rl.close();
  if (password.length < 8) {
    console.error('The password must have at least 8 characters.');
    process.exit(2);
  }
  const file = join(settings.confDir, 'users.json');
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const doc: JsonObject = isJsonObject(parsed) ? parsed : { users: [] };
  const users = Array.isArray(doc.users) ? doc.users.filter(isJsonObject) : [];
  const hash = { ...(await hashPassword(password)) };
  const existing = users.find((u) => u.username === username);
  if (existing) existing.password = hash;
  else users.push({ username, password: hash, roles: ['openidm-admin', 'openidm-authorized'] });
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...doc, users }, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  console.error(`Password of ${username} updated in ${file}.`);
}

void main();
