import { routeError } from './dropbox-errors.js';
import { voidRoute } from './dropbox-rpc.js';
import type { RpcRoute } from './dropbox-rpc.js';
import { tag, teamMemberProfile } from './dropbox-views.js';

/** The team's policies (team_policies.stone example values). */
const POLICIES = {
  sharing: {
    shared_folder_member_policy: tag('team'),
    shared_folder_join_policy: tag('from_anyone'),
    shared_link_create_policy: tag('team_only'),
    group_creation_policy: tag('admins_only'),
    shared_folder_link_restriction_policy: tag('anyone'),
    enforce_link_password_policy: tag('optional'),
    default_link_expiration_days_policy: tag('none'),
    shared_link_default_permissions_policy: tag('default'),
  },
  emm_state: tag('disabled'),
  office_addin: tag('disabled'),
  suggest_members_policy: tag('enabled'),
  top_level_content_policy: tag('admin_only'),
};

/** POST /2/team/get_info: the connection test. */
export const getTeamInfo = voidRoute('team/get_info', 'team_info.read', (ctx) => {
  const { team } = ctx.state.data;
  const provisioned = ctx.state.provisionedCount();
  return {
    name: team.name,
    team_id: team.team_id,
    num_licensed_users: team.num_licensed_users,
    num_provisioned_users: provisioned,
    num_used_licenses: provisioned,
    policies: POLICIES,
  };
});

/** POST /2/team/token/get_authenticated_admin: the admin who authorized the app. */
export const getAuthenticatedAdmin = voidRoute('team/token/get_authenticated_admin', 'team_info.read', (ctx) => {
  const admin = ctx.state.member(ctx.state.data.team.authorizing_admin_id);
  if (!admin || admin.status !== 'active' || !ctx.state.isTeamAdmin(admin)) throw routeError('admin_not_active');
  return { admin_profile: teamMemberProfile(ctx.state, admin) };
});

/** POST /2/auth/token/revoke: disables the access token, its refresh token and that token's other access tokens. */
export const revokeToken = voidRoute('auth/token/revoke', '', (ctx) => {
  const { refreshToken } = ctx.principal;
  const record = ctx.state.data.refresh_tokens.find((r) => r.refresh_token === refreshToken);
  if (record) record.revoked = true;
  ctx.auth.revokeRefreshToken(refreshToken);
  ctx.state.changed();
  return null;
});

export const teamRoutes: readonly RpcRoute[] = [getTeamInfo, getAuthenticatedAdmin, revokeToken];
