import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { faultAdminRouter, faultMiddleware, FaultQueue } from '../faults.js';
import type { Sandbox, SandboxOptions } from '../sandbox.js';
import { SandboxStore } from '../sandbox-store.js';
import { TokenStore } from '../token-store.js';
import { AsyncJobs } from './async-jobs.js';
import { dropboxAdminRouter, seedMembers } from './dropbox-admin-routes.js';
import { DropboxAuth } from './dropbox-auth.js';
import { CursorCodec } from './cursor-codec.js';
import { renderDropboxFault } from './dropbox-errors.js';
import type { DropboxData } from './dropbox-model.js';
import { rpcHandler } from './dropbox-rpc.js';
import { DropboxState } from './dropbox-state.js';
import { exampleTeam } from './example-team.js';
import { groupMemberRoutes } from './group-member-routes.js';
import { groupRoutes } from './group-routes.js';
import { memberAddRoutes } from './member-add-routes.js';
import { memberListRoutes } from './member-list-routes.js';
import { memberStatusRoutes } from './member-status-routes.js';
import { memberUpdateRoutes } from './member-update-routes.js';
import { oauthTokenHandler } from './oauth-token-route.js';
import { teamRoutes } from './team-routes.js';

export { DROPBOX_SANDBOX_CREDENTIALS } from './dropbox-credentials.js';
export { generateMembers } from './generate-members.js';
export { EXAMPLE_IDS } from './example-team.js';

/** Dropbox's access-token lifetime (4 hours). */
export const DROPBOX_TOKEN_TTL_SECONDS = 14_400;

/** The Dropbox sandbox, with its team state for seeding and white-box checks. */
export interface DropboxSandbox extends Sandbox {
  readonly state: DropboxState;
  /** Appends benchmark members 1..count (generateMembers) not yet on the team; returns how many were added. */
  seedMembers(count: number): Promise<number>;
}

/** Options beyond SandboxOptions (tests). */
export interface DropboxSandboxOptions extends SandboxOptions {
  /** Clock for timestamps and token expiry (default: real time). */
  readonly now?: () => number;
}

function isCurrentState(data: DropboxData | undefined): boolean {
  return data !== undefined && data !== null && data.schema === 1 && Array.isArray(data.members) && Array.isArray(data.groups);
}

/** Creates the Dropbox team API sandbox (`/2/team/...`, `/oauth2/token`, `/__admin/...`) over a lowdb file. */
export async function createDropboxSandbox(options: DropboxSandboxOptions): Promise<DropboxSandbox> {
  const clock = options.now ?? Date.now;
  const now = (): Date => new Date(clock());
  const store = await SandboxStore.open<DropboxData>(options.dataFile, exampleTeam);
  if (!isCurrentState(store.data)) await store.reset();
  const state = new DropboxState(store);
  const tokens = new TokenStore(clock);
  const faults = new FaultQueue();
  const jobs = new AsyncJobs(1000, clock);
  const auth = new DropboxAuth(tokens, options.tokenTtlSeconds ?? DROPBOX_TOKEN_TTL_SECONDS);
  const cursors = new CursorCodec(() => state.data.cursor_secret);

  const reset = async (): Promise<void> => {
    await store.reset();
    state.reindex();
    jobs.clear();
  };

  const injectFaults = faultMiddleware(faults, renderDropboxFault);
  const router = express.Router();
  router.use(faultAdminRouter(faults, reset));
  router.use(dropboxAdminRouter({ state, auth, tokens, now }));
  router.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/__admin/') ? next() : injectFaults(req, res, next)));
  router.post('/oauth2/token', express.urlencoded({ extended: false }), express.json(), oauthTokenHandler(state, auth));
  router.use(
    '/2',
    express.raw({ type: () => true, limit: '20mb' }),
    rpcHandler([...teamRoutes, ...memberListRoutes, ...memberAddRoutes, ...memberStatusRoutes, ...memberUpdateRoutes, ...groupRoutes, ...groupMemberRoutes], {
      state,
      jobs,
      cursors,
      auth,
      now,
    }),
  );

  return {
    name: 'dropbox',
    router,
    faults,
    tokens,
    state,
    flush: () => store.flush(),
    reset,
    seedMembers: async (count) => {
      const added = seedMembers(state, count);
      await store.flush();
      return added;
    },
  };
}
