import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadSettings } from '../settings.js';
import { Role } from './roles.js';
import { parseSetPasswordArgs, setUserPassword, type SetPasswordRequest } from './set-user-password.js';

/**
 * `npm run set-password -- [username] [--role <role>]...`: sets (or adds) a gateway user's
 * password in conf/users.json; `--role` sets its roles (a new user without it is an admin).
 */
async function main(): Promise<void> {
  let request: SetPasswordRequest;
  try {
    request = parseSetPasswordArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run set-password -- [username] [--role <role>]...  (roles: ${Object.values(Role).join(', ')})`);
    process.exit(2);
  }
  const settings = loadSettings();
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  const password = (process.env.IDM_NEW_PASSWORD ?? (await rl.question(`New password for ${request.username}: `))).trim();
  rl.close();
  if (password.length < 8) {
    console.error('The password must have at least 8 characters.');
    process.exit(2);
  }
  const file = join(settings.confDir, 'users.json');
  await setUserPassword(file, request, password);
  console.error(`Password of ${request.username} updated in ${file}.`);
}

void main();
