import express from 'express';
import type { Request, Response, Router } from 'express';
import { callerOf, requireAdmin } from './box-auth.js';
import { insufficientPermissions } from './box-errors.js';
import { methodNotAllowed } from './box-fallback.js';
import { MEMBERSHIP_FULL_FIELDS, MEMBERSHIP_LIST_FIELDS } from './box-fields.js';
import { readMembershipCreate, readMembershipUpdate } from './box-group-input.js';
import type { BoxModel } from './box-model.js';
import { fieldsParam, limitParam, offsetEnvelope, offsetParam } from './box-query.js';
import { sendBoxJson, sendNoContent } from './box-send.js';
import type { BoxMembershipRecord } from './box-state.js';
import { membershipView } from './box-views.js';

/** Routes for Box's group membership endpoints (mounted under `/2.0`). */
export function boxMembershipRoutes(model: BoxModel): Router {
  const router = express.Router();
  const render = (membership: BoxMembershipRecord, fields: string[] | undefined, defaults: readonly string[]) => {
    const { user, group } = model.membershipParts(membership);
    return membershipView(membership, user, group, fields, defaults);
  };

  /** GET /2.0/users/{user_id}/memberships — List user's groups. */
  router.get('/users/:user_id/memberships', (req: Request<{ user_id: string }>, res: Response) => {
    const caller = callerOf(res);
    if (!caller.isAdmin && caller.user.id !== req.params.user_id) throw insufficientPermissions();
    const limit = limitParam(req);
    const offset = offsetParam(req);
    const page = model.membershipsOfUser(req.params.user_id, offset, limit);
    const entries = page.entries.map((m) => render(m, undefined, MEMBERSHIP_LIST_FIELDS));
    sendBoxJson(res, 200, offsetEnvelope(entries, page.total, offset, limit));
  });
  router.all('/users/:user_id/memberships', methodNotAllowed('GET'));

  /** GET /2.0/groups/{group_id}/memberships — List members of group. */
  router.get('/groups/:group_id/memberships', (req: Request<{ group_id: string }>, res: Response) => {
    requireAdmin(res);
    const limit = limitParam(req);
    const offset = offsetParam(req);
    const page = model.membershipsOfGroup(req.params.group_id, offset, limit);
    const entries = page.entries.map((m) => render(m, undefined, MEMBERSHIP_LIST_FIELDS));
    sendBoxJson(res, 200, offsetEnvelope(entries, page.total, offset, limit));
  });
  router.all('/groups/:group_id/memberships', methodNotAllowed('GET'));

  /** POST /2.0/group_memberships — Add user to group. */
  router.post('/group_memberships', (req: Request, res: Response) => {
    requireAdmin(res);
    const membership = model.createMembership(readMembershipCreate(req.body));
    sendBoxJson(res, 201, render(membership, fieldsParam(req), MEMBERSHIP_FULL_FIELDS));
  });
  router.all('/group_memberships', methodNotAllowed('POST'));

  /** GET /2.0/group_memberships/{group_membership_id} — Get group membership. */
  router.get('/group_memberships/:membership_id', (req: Request<{ membership_id: string }>, res: Response) => {
    requireAdmin(res);
    sendBoxJson(res, 200, render(model.requireMembership(req.params.membership_id), fieldsParam(req), MEMBERSHIP_FULL_FIELDS));
  });

  /** PUT /2.0/group_memberships/{group_membership_id} — Update group membership. */
  router.put('/group_memberships/:membership_id', (req: Request<{ membership_id: string }>, res: Response) => {
    requireAdmin(res);
    model.requireMembership(req.params.membership_id);
    const membership = model.updateMembership(req.params.membership_id, readMembershipUpdate(req.body));
    sendBoxJson(res, 200, render(membership, fieldsParam(req), MEMBERSHIP_FULL_FIELDS));
  });

  /** DELETE /2.0/group_memberships/{group_membership_id} — Remove user from group. */
  router.delete('/group_memberships/:membership_id', (req: Request<{ membership_id: string }>, res: Response) => {
    requireAdmin(res);
    model.deleteMembership(req.params.membership_id);
    sendNoContent(res);
  });
  router.all('/group_memberships/:membership_id', methodNotAllowed('GET, PUT, DELETE'));

  return router;
}
