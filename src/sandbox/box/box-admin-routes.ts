import express from 'express';
import type { Request, Response, Router } from 'express';
import { BoxApiError } from './box-errors.js';
import { generateUsers } from './box-generate-users.js';
import type { BoxModel } from './box-model.js';
import { sendBoxJson } from './box-send.js';

/** Sandbox-only endpoints (no auth, no faults), beside `/__admin/faults` and `/__admin/reset`. */
export function boxAdminRoutes(model: BoxModel): Router {
  const router = express.Router();

  /** POST /__admin/seed-users `{"count": n}` — adds `generateUsers(n)` (benchmarks); answers the counts. */
  router.post('/__admin/seed-users', express.json(), (req: Request, res: Response) => {
    const count: unknown = (req.body as { count?: unknown } | undefined)?.count;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0 || count > 1_000_000) {
      throw new BoxApiError(400, 'bad_request', "'count' must be an integer between 0 and 1000000");
    }
    const added = model.addUsers(generateUsers(count));
    sendBoxJson(res, 200, { added, enterprise_users: model.enterpriseUserCount });
  });

  /** POST /__admin/users/{id}/confirm-login — marks the login email confirmed (Box refuses login changes before). */
  router.post('/__admin/users/:user_id/confirm-login', (req: Request<{ user_id: string }>, res: Response) => {
    const user = model.confirmLogin(req.params.user_id);
    sendBoxJson(res, 200, { id: user.id, login: user.login, login_confirmed: user.login_confirmed });
  });

  return router;
}
