import express from 'express';
import type { Request, Response, Router } from 'express';
import { requireAdmin } from './box-auth.js';
import { methodNotAllowed } from './box-fallback.js';
import { GROUP_MINI_FIELDS, GROUP_STANDARD_FIELDS } from './box-fields.js';
import { readGroupChanges } from './box-group-input.js';
import type { BoxModel } from './box-model.js';
import { fieldsParam, limitParam, offsetEnvelope, offsetParam, queryParam } from './box-query.js';
import { sendBoxJson, sendNoContent } from './box-send.js';
import { groupView } from './box-views.js';

/** Routes for Box's groups endpoints (mounted under `/2.0`). */
export function boxGroupRoutes(model: BoxModel): Router {
  const router = express.Router();

  /** GET /2.0/groups — List groups for enterprise (offset paging; entries are mini groups by default). */
  router.get('/groups', (req: Request, res: Response) => {
    requireAdmin(res);
    const limit = limitParam(req);
    const offset = offsetParam(req);
    const page = model.listGroups(queryParam(req, 'filter_term') || undefined, offset, limit);
    const fields = fieldsParam(req);
    const entries = page.entries.map((g) => groupView(g, fields, GROUP_MINI_FIELDS));
    sendBoxJson(res, 200, offsetEnvelope(entries, page.total, offset, limit));
  });

  /** POST /2.0/groups — Create group. */
  router.post('/groups', (req: Request, res: Response) => {
    requireAdmin(res);
    const changes = readGroupChanges(req.body, true);
    const group = model.createGroup({ ...changes, name: changes.name! });
    sendBoxJson(res, 201, groupView(group, fieldsParam(req), GROUP_STANDARD_FIELDS));
  });
  router.all('/groups', methodNotAllowed('GET, POST'));

  /** GET /2.0/groups/{group_id} — Get group. */
  router.get('/groups/:group_id', (req: Request<{ group_id: string }>, res: Response) => {
    requireAdmin(res);
    sendBoxJson(res, 200, groupView(model.requireGroup(req.params.group_id), fieldsParam(req), GROUP_STANDARD_FIELDS));
  });

  /** PUT /2.0/groups/{group_id} — Update group. */
  router.put('/groups/:group_id', (req: Request<{ group_id: string }>, res: Response) => {
    requireAdmin(res);
    model.requireGroup(req.params.group_id);
    const group = model.updateGroup(req.params.group_id, readGroupChanges(req.body, false));
    sendBoxJson(res, 200, groupView(group, fieldsParam(req), GROUP_STANDARD_FIELDS));
  });

  /** DELETE /2.0/groups/{group_id} — Remove group. */
  router.delete('/groups/:group_id', (req: Request<{ group_id: string }>, res: Response) => {
    requireAdmin(res);
    model.deleteGroup(req.params.group_id);
    sendNoContent(res);
  });
  router.all('/groups/:group_id', methodNotAllowed('GET, PUT, DELETE'));

  return router;
}
