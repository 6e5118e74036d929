import express from 'express';
import type { Request, Response, Router } from 'express';
import type { TokenStore } from '../token-store.js';
import type { DropboxAuth } from './dropbox-auth.js';
import { DROPBOX_SANDBOX_CREDENTIALS } from './dropbox-credentials.js';
import type { DropboxState } from './dropbox-state.js';
import { dropboxTimestamp } from './dropbox-views.js';
import { generateMembers } from './generate-members.js';

export interface DropboxAdminDeps {
  readonly state: DropboxState;
  readonly auth: DropboxAuth;
  readonly tokens: TokenStore;
  readonly now: () => Date;
}

function body(req: Request): Record<string, unknown> {
  return typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
}

function refreshTokenOf(req: Request): string {
  const value = body(req).refresh_token;
  return typeof value === 'string' ? value : DROPBOX_SANDBOX_CREDENTIALS.refreshToken;
}

function setRevoked(deps: DropboxAdminDeps, req: Request, res: Response, revoked: boolean): void {
  const token = refreshTokenOf(req);
  const record = deps.state.data.refresh_tokens.find((r) => r.refresh_token === token);
  if (!record) {
    res.status(404).json({ error: 'unknown refresh token' });
    return;
  }
  record.revoked = revoked;
  if (revoked) deps.auth.revokeRefreshToken(token);
  deps.state.changed();
  res.status(204).end();
}

/**
 * Test controls beside `/__admin/faults` and `/__admin/reset` (documented in README.md):
 * revoke / restore the refresh token, expire access tokens, accept an invitation, set the
 * license count, seed benchmark members.
 */
export function dropboxAdminRouter(deps: DropboxAdminDeps): Router {
  const router = express.Router();
  const json = express.json();

  router.post('/__admin/revoke-refresh-token', json, (req, res) => setRevoked(deps, req, res, true));
  router.post('/__admin/restore-refresh-token', json, (req, res) => setRevoked(deps, req, res, false));

  router.post('/__admin/expire-access-tokens', (_req, res) => {
    deps.tokens.expireAll();
    res.status(204).end();
  });

  router.post('/__admin/accept-invite', json, (req, res) => {
    const { team_member_id: id, email } = body(req);
    const member =
      typeof id === 'string' ? deps.state.member(id) : typeof email === 'string' ? deps.state.memberByEmail(email) : undefined;
    if (!member || member.status !== 'invited') {
      res.status(404).json({ error: 'no invited member with that team_member_id / email' });
      return;
    }
    member.status = 'active';
    member.email_verified = true;
    member.joined_on = dropboxTimestamp(deps.now());
    delete member.invited_on;
    deps.state.changed();
    res.json({ team_member_id: member.team_member_id, status: member.status });
  });

  router.post('/__admin/licenses', json, (req, res) => {
    const count = body(req).num_licensed_users;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      res.status(400).json({ error: 'num_licensed_users must be a non-negative integer' });
      return;
    }
    deps.state.data.team.num_licensed_users = count;
    deps.state.changed();
    res.status(204).end();
  });

  router.post('/__admin/seed-members', json, (req, res) => {
    const count = body(req).count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1_000_000) {
      res.status(400).json({ error: 'count must be an integer from 1 to 1000000' });
      return;
    }
    const added = seedMembers(deps.state, count);
    res.status(201).json({ added, members: deps.state.data.members.length });
  });

  return router;
}

/** Appends generated members 1..count not yet on the team (and licenses for them); returns how many. */
export function seedMembers(state: DropboxState, count: number): number {
  const members = generateMembers(count);
  const taken = new Set(state.data.members.map((m) => m.email.toLowerCase()));
  const fresh = members.filter((m) => !taken.has(m.email.toLowerCase()));
  state.insertMembers(fresh);
  state.data.team.num_licensed_users = Math.max(state.data.team.num_licensed_users, state.provisionedCount() + 100);
  return fresh.length;
}
