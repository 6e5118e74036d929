import express from 'express';
import { FaultQueue, faultAdminRouter, faultMiddleware } from '../faults.js';
import type { Sandbox, SandboxOptions } from '../sandbox.js';
import { SandboxStore } from '../sandbox-store.js';
import { TokenStore } from '../token-store.js';
import { makeExampleData } from './example-data.js';
import { scimApiRoutes } from './scim-api-routes.js';
import { SCIM_SANDBOX_CREDENTIALS } from './scim-credentials.js';
import type { ScimData, ScimRecord } from './scim-data.js';
import { renderScimFault } from './scim-error.js';
import { ScimRepository } from './scim-repository.js';
import { DEFAULT_TOKEN_TTL_SECONDS, tokenRoutes } from './token-routes.js';

export { SCIM_SANDBOX_CREDENTIALS } from './scim-credentials.js';
export { SCIM_EXAMPLE_IDS } from './example-data.js';
export { generateUsers } from './generate-users.js';
export type { ScimData, ScimRecord } from './scim-data.js';

/** The SCIM sandbox, plus bulk loading for benchmarks. */
export interface ScimSandbox extends Sandbox {
  /** Appends ready-made user records (see `generateUsers`); throws on a duplicate id or userName. */
  addUsers(users: readonly ScimRecord[]): void;
}

/**
 * A SCIM 2.0 service provider over lowdb, mounted at `/sandbox/scim`:
 * `/v2/Users`, `/v2/Groups` (+ `/.search`), `/v2/ServiceProviderConfig`, `/v2/ResourceTypes`,
 * `/v2/Schemas`; `POST /oauth2/token`; `/__admin/faults` and `/__admin/reset`.
 * A new data file starts with the example directory; `reset()` restores it.
 */
export async function createScimSandbox(options: SandboxOptions): Promise<ScimSandbox> {
  const store = await SandboxStore.open<ScimData>(options.dataFile, makeExampleData);
  if (!Array.isArray(store.data.users) || !Array.isArray(store.data.groups)) await store.reset();
  const repo = new ScimRepository(store);
  const faults = new FaultQueue();
  const tokens = new TokenStore();
  const reset = async (): Promise<void> => {
    await store.reset();
    repo.invalidate();
  };

  const router = express.Router();
  router.use(faultAdminRouter(faults, reset));
  router.use(faultMiddleware(faults, renderScimFault));
  router.use('/oauth2', tokenRoutes(SCIM_SANDBOX_CREDENTIALS, tokens, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS));
  router.use('/v2', scimApiRoutes(repo, SCIM_SANDBOX_CREDENTIALS, tokens));

  return {
    name: 'scim',
    router,
    faults,
    tokens,
    flush: () => store.flush(),
    reset,
    addUsers: (users) => repo.addUsers(users),
  };
}
