import express, { type Router } from 'express';
import type { TokenStore } from '../token-store.js';
import { rememberApiBase } from './api-base.js';
import { discoveryRoutes } from './discovery-routes.js';
import { groupResourceType } from './groups-routes.js';
import { resourceRoutes } from './resource-routes.js';
import { scimAuth } from './scim-auth.js';
import { scimBodyParser } from './scim-body.js';
import type { ScimSandboxCredentials } from './scim-credentials.js';
import { scimErrorHandler } from './scim-error-handler.js';
import { ScimError } from './scim-error.js';
import type { ScimRepository } from './scim-repository.js';
import { userResourceType } from './users-routes.js';

/** The authenticated SCIM 2.0 API mounted at `<sandbox>/v2`. */
export function scimApiRoutes(repo: ScimRepository, credentials: ScimSandboxCredentials, tokens: TokenStore): Router {
  const users = userResourceType(repo);
  const groups = groupResourceType(repo);
  const router = express.Router();
  router.use(rememberApiBase);
  router.use(scimAuth(credentials, tokens));
  router.use(scimBodyParser());
  router.use('/Users', resourceRoutes(users, repo));
  router.use('/Groups', resourceRoutes(groups, repo));
  router.use(discoveryRoutes([users, groups]));
  /** Anything else under /v2: SCIM 404. */
  router.use((req) => {
    throw new ScimError(404, `No SCIM endpoint at ${req.method} ${req.originalUrl.split('?')[0]}`);
  });
  router.use(scimErrorHandler);
  return router;
}
