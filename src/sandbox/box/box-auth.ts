import type { NextFunction, Request, Response } from 'express';
import { isTokenForcedExpired } from '../faults.js';
import type { TokenStore } from '../token-store.js';
import { insufficientPermissions, notFound, unauthorized } from './box-errors.js';
import type { BoxModel } from './box-model.js';
import type { BoxUserRecord } from './box-state.js';

/** Who a request acts as. */
export interface BoxCaller {
  user: BoxUserRecord;
  /** Enterprise admin, co-admin or the Service Account: may manage users, groups and memberships. */
  isAdmin: boolean;
}

function canAdminister(user: BoxUserRecord): boolean {
  return user.kind === 'service' || user.role === 'admin' || user.role === 'coadmin';
}

/** The user a token's subject (`enterprise:<id>` / `user:<id>`) acts as, if it still exists. */
function subjectUser(model: BoxModel, subject: string | undefined): BoxUserRecord | undefined {
  const [type, id] = (subject ?? '').split(':');
  if (type === 'enterprise' && id === model.enterprise.id) return model.serviceAccount;
  if (type === 'user' && id !== undefined) {
    const user = model.findUser(id);
    return user && (user.kind === 'managed' || user.kind === 'app') ? user : undefined;
  }
  return undefined;
}

/**
 * Bearer-token check for every `/2.0` call: 401 `unauthorized` with Box's `WWW-Authenticate` challenge
 * when the token is missing, unknown, expired or forced expired by fault injection. Honours `As-User`.
 */
export function boxAuth(model: BoxModel, tokens: TokenStore) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const check = tokens.check(req.get('authorization'));
    if (!check.ok) throw unauthorized(check.reason);
    if (isTokenForcedExpired(res)) throw unauthorized('expired');
    const tokenUser = subjectUser(model, check.grant.subject);
    if (!tokenUser) throw unauthorized('invalid');
    let caller: BoxCaller = { user: tokenUser, isAdmin: canAdminister(tokenUser) };
    const asUser = req.get('as-user');
    if (asUser !== undefined) {
      if (!caller.isAdmin) throw insufficientPermissions();
      const target = model.findUser(asUser.trim());
      if (!target || target.kind === 'external' || target.kind === 'service') throw notFound('user', asUser);
      caller = { user: target, isAdmin: canAdminister(target) };
    }
    res.locals.boxCaller = caller;
    next();
  };
}

export function callerOf(res: Response): BoxCaller {
  return res.locals.boxCaller as BoxCaller;
}

/** The caller, if allowed to manage the enterprise; else Box's 403. */
export function requireAdmin(res: Response): BoxCaller {
  const caller = callerOf(res);
  if (!caller.isAdmin) throw insufficientPermissions();
  return caller;
}
