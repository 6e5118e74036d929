import type { Principal } from './user-store.js';

/** IDM's internal roles that the gateway's access rules know (IDM's default access.json). */
export const Role = {
  /** Everything: systems, configuration, metrics (IDM's `openidm-admin`). */
  ADMIN: 'openidm-admin',
  /** Reading `/openidm/metrics/prometheus` only (IDM's scrape role). */
  PROMETHEUS: 'openidm-prometheus',
  /** An authenticated user without admin rights: no system, configuration or metrics endpoint. */
  AUTHORIZED: 'openidm-authorized',
} as const;

// IDM 7 writes internal roles as references ("internal/role/openidm-admin"); IDM 6 by name.
const INTERNAL_ROLE_PREFIX = 'internal/role/';

/** Whether the principal holds one of the roles (by name or as an `internal/role/…` reference). */
export function holdsAnyRole(principal: Principal, roles: readonly string[]): boolean {
  return principal.roles.some((role) => roles.includes(role.startsWith(INTERNAL_ROLE_PREFIX) ? role.slice(INTERNAL_ROLE_PREFIX.length) : role));
}
