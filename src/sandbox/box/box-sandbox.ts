import express from 'express';
import { FaultQueue, faultAdminRouter, faultMiddleware } from '../faults.js';
import type { Sandbox, SandboxOptions } from '../sandbox.js';
import { SandboxStore } from '../sandbox-store.js';
import { TokenStore } from '../token-store.js';
import { boxAdminRoutes } from './box-admin-routes.js';
import { boxAuth } from './box-auth.js';
import { makeExampleState } from './box-example-data.js';
import { boxErrorHandler, boxNotFound } from './box-fallback.js';
import { renderBoxFault } from './box-fault-renderer.js';
import { boxGroupRoutes } from './box-group-routes.js';
import { boxMembershipRoutes } from './box-membership-routes.js';
import { BoxModel } from './box-model.js';
import { boxOAuthRoutes } from './box-oauth-routes.js';
import type { BoxState } from './box-state.js';
import { boxUserRoutes } from './box-user-routes.js';

export { BOX_SANDBOX_CREDENTIALS } from './box-credentials.js';
export { generateUsers } from './box-generate-users.js';
export { SEED_CREATED_GROUP_IDS, SEED_CREATED_USER_IDS, SEED_EXISTING_GROUP_IDS } from './box-example-data.js';

/** Box's access tokens from a Client Credentials Grant live about an hour. */
export const BOX_DEFAULT_TOKEN_TTL_SECONDS = 3600;

/**
 * The Box sandbox: `<mount>/oauth2/token` and `<mount>/2.0/{users,groups,group_memberships}` over a
 * lowdb document holding the example enterprise (see box-example-data.ts).
 */
export async function createBoxSandbox(options: SandboxOptions): Promise<Sandbox> {
  const store = await SandboxStore.open<BoxState>(options.dataFile, makeExampleState);
  const model = new BoxModel(store);
  const tokens = new TokenStore();
  const faults = new FaultQueue();
  const reset = (): Promise<void> => model.reset();

  const api = express.Router();
  api.use(boxAuth(model, tokens));
  api.use(express.json());
  api.use(boxUserRoutes(model));
  api.use(boxMembershipRoutes(model));
  api.use(boxGroupRoutes(model));
  api.use(boxNotFound);

  const router = express.Router();
  router.use(faultAdminRouter(faults, reset));
  router.use(boxAdminRoutes(model));
  router.use(faultMiddleware(faults, renderBoxFault));
  router.use(boxOAuthRoutes(model, tokens, options.tokenTtlSeconds ?? BOX_DEFAULT_TOKEN_TTL_SECONDS));
  router.use('/2.0', api);
  router.use(boxErrorHandler);

  return {
    name: 'box',
    router,
    faults,
    tokens,
    flush: () => store.flush(),
    reset,
  };
}
