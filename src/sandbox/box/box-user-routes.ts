import express from 'express';
import type { Request, Response, Router } from 'express';
import { callerOf, requireAdmin } from './box-auth.js';
import { insufficientPermissions } from './box-errors.js';
import { USER_STANDARD_FIELDS } from './box-fields.js';
import { decodeMarker, encodeMarker } from './box-marker.js';
import type { BoxModel, BoxUserQuery } from './box-model.js';
import { booleanParam, fieldsParam, limitParam, offsetEnvelope, offsetParam, queryParam } from './box-query.js';
import { sendBoxJson, sendNoContent } from './box-send.js';
import type { BoxUserRecord } from './box-state.js';
import { readUserCreate, readUserUpdate } from './box-user-input.js';
import { invalidParameter } from './box-errors.js';
import { userView } from './box-views.js';
import { methodNotAllowed } from './box-fallback.js';

const USER_TYPES = ['all', 'managed', 'external'] as const;

function userQuery(req: Request): BoxUserQuery {
  const query: BoxUserQuery = {};
  const filterTerm = queryParam(req, 'filter_term');
  if (filterTerm) query.filterTerm = filterTerm;
  const userType = queryParam(req, 'user_type');
  if (userType !== undefined) {
    if (!(USER_TYPES as readonly string[]).includes(userType)) {
      throw invalidParameter('user_type', `Invalid value '${userType}'. 'user_type' must be one of: ${USER_TYPES.join(', ')}`);
    }
    query.userType = userType as BoxUserQuery['userType'];
  }
  const externalAppUserId = queryParam(req, 'external_app_user_id');
  if (externalAppUserId !== undefined) query.externalAppUserId = externalAppUserId;
  return query;
}

/** Routes for Box's users endpoints (mounted under `/2.0`). */
export function boxUserRoutes(model: BoxModel): Router {
  const router = express.Router();
  const view = (user: BoxUserRecord, req: Request) => userView(user, model.enterprise, fieldsParam(req), USER_STANDARD_FIELDS);

  /** GET /2.0/users — List enterprise users (offset or marker paging). */
  router.get('/users', (req: Request, res: Response) => {
    requireAdmin(res);
    const query = userQuery(req);
    const limit = limitParam(req);
    if (booleanParam(req, 'usemarker') === true) {
      const marker = queryParam(req, 'marker');
      const afterId = marker ? decodeMarker(marker) : undefined;
      const page = model.listUsersAfter(query, afterId, limit);
      const last = page.entries[page.entries.length - 1];
      // Box hands out a marker whenever the page is full; the page after an exactly-full last one is empty.
      const nextMarker = last && (page.more || page.entries.length === limit) ? encodeMarker(last.id) : null;
      sendBoxJson(res, 200, { limit, next_marker: nextMarker, entries: page.entries.map((u) => view(u, req)) });
      return;
    }
    const offset = offsetParam(req);
    const page = model.listUsersByOffset(query, offset, limit);
    sendBoxJson(res, 200, offsetEnvelope(page.entries.map((u) => view(u, req)), page.total, offset, limit));
  });

  /** POST /2.0/users — Create user. */
  router.post('/users', (req: Request, res: Response) => {
    requireAdmin(res);
    const input = readUserCreate(req.body);
    sendBoxJson(res, 201, view(model.createUser(input), req));
  });
  router.all('/users', methodNotAllowed('GET, POST'));

  /** GET /2.0/users/me — Get current user. */
  router.get('/users/me', (req: Request, res: Response) => {
    sendBoxJson(res, 200, view(callerOf(res).user, req));
  });
  router.all('/users/me', methodNotAllowed('GET'));

  /** GET /2.0/users/{user_id} — Get user. */
  router.get('/users/:user_id', (req: Request<{ user_id: string }>, res: Response) => {
    const caller = callerOf(res);
    if (!caller.isAdmin && caller.user.id !== req.params.user_id) throw insufficientPermissions();
    sendBoxJson(res, 200, view(model.requireUser(req.params.user_id), req));
  });

  /** PUT /2.0/users/{user_id} — Update user. */
  router.put('/users/:user_id', (req: Request<{ user_id: string }>, res: Response) => {
    requireAdmin(res);
    const input = readUserUpdate(req.body);
    sendBoxJson(res, 200, view(model.updateUser(req.params.user_id, input), req));
  });

  /** DELETE /2.0/users/{user_id} — Delete user (`force`, `notify`). */
  router.delete('/users/:user_id', (req: Request<{ user_id: string }>, res: Response) => {
    requireAdmin(res);
    const force = booleanParam(req, 'force') ?? false;
    booleanParam(req, 'notify');
    model.deleteUser(req.params.user_id, force);
    sendNoContent(res);
  });
  router.all('/users/:user_id', methodNotAllowed('GET, PUT, DELETE'));

  return router;
}
