import type { NextFunction, Request, Response } from 'express';
import { ResourceError } from '../crest/resource-error.js';
import { holdsAnyRole } from './roles.js';
import type { Principal, UserStore } from './user-store.js';

/** Decodes an RFC 5987 value (`UTF-8''%E2%82%AC`) as IDM does; other values pass unchanged. */
export function decodeRfc5987(value: string): string {
  const match = /^UTF-8''(.*)$/i.exec(value);
  if (!match) return value;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return value;
  }
}

/** Credentials from X-OpenIDM-Username/Password (first) or HTTP Basic. */
export function credentialsOf(req: Request): { username: string; password: string } | null {
  const username = req.get('x-openidm-username');
  const password = req.get('x-openidm-password');
  if (username && password) return { username: decodeRfc5987(username), password: decodeRfc5987(password) };
  const authorization = req.get('authorization');
  const basic = authorization ? /^Basic\s+(\S+)$/i.exec(authorization) : null;
  if (!basic) return null;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Middleware: sets `res.locals.principal` or fails with IDM's 401 "Access Denied"; when `roles`
 * are given, a caller holding none of them gets IDM's 403 "Access denied" (router-authz).
 */
export function authenticate(users: UserStore, roles?: readonly string[]) {
  const settle = (principal: Principal | null, res: Response, next: NextFunction): void => {
    if (!principal) {
      next(ResourceError.unauthorized());
      return;
    }
    if (roles && !holdsAnyRole(principal, roles)) {
      next(ResourceError.forbidden('Access denied'));
      return;
    }
    res.locals.principal = principal;
    next();
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    const credentials = credentialsOf(req);
    if (!credentials) return settle(null, res, next);
    // Known callers (every request after a caller's first) go on at once, without a promise.
    const known = users.remembered(credentials.username, credentials.password);
    if (known) return settle(known, res, next);
    users.authenticate(credentials.username, credentials.password).then((principal) => settle(principal, res, next), next);
  };
}
