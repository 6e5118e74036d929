import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isJsonObject, type JsonObject } from '../util/json.js';
import { hashPassword } from './password-hash.js';
import { Role } from './roles.js';

/** The roles of a user added without `--role`: IDM's admin. */
export const DEFAULT_ROLES: readonly string[] = [Role.ADMIN, Role.AUTHORIZED];

/** What `npm run set-password -- [username] [--role <role>]...` asks for. */
export interface SetPasswordRequest {
  readonly username: string;
  /** Replaces the user's roles when given; a new user without them gets {@link DEFAULT_ROLES}. */
  readonly roles: readonly string[] | undefined;
}

/** Parses the command line; throws with the problem when it is not usable. */
export function parseSetPasswordArgs(args: readonly string[]): SetPasswordRequest {
  let username: string | undefined;
  let roles: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--role') {
      const role = args[++i];
      if (!role) throw new Error('--role needs a role name, e.g. --role openidm-prometheus');
      (roles ??= []).push(role);
    } else if (!arg.startsWith('-') && username === undefined) {
      username = arg;
    } else {
      throw new Error(`unexpected argument ${arg}`);
    }
  }
  return { username: username ?? 'openidm-admin', roles };
}

/** Sets (or adds) a user's scrypt-hashed password in a users.json file, replaced atomically (mode 0600). */
export async function setUserPassword(file: string, request: SetPasswordRequest, password: string): Promise<void> {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const doc: JsonObject = isJsonObject(parsed) ? parsed : { users: [] };
  const users = Array.isArray(doc.users) ? doc.users.filter(isJsonObject) : [];
  const hash = { ...(await hashPassword(password)) };
  const existing = users.find((u) => u.username === request.username);
  if (existing) {
    existing.password = hash;
    if (request.roles) existing.roles = [...request.roles];
  } else {
    users.push({ username: request.username, password: hash, roles: [...(request.roles ?? DEFAULT_ROLES)] });
  }
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...doc, users }, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
