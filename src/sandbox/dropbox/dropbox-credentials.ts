/** The sandbox app's OAuth credentials (app key, app secret, long-lived refresh token). */
export const DROPBOX_SANDBOX_CREDENTIALS = {
  clientId: 'sandbox-dropbox-app',
  clientSecret: 'sandbox-dropbox-secret',
  refreshToken: 'sandbox-dropbox-refresh-token',
} as const;

/** The code `grant_type=authorization_code` exchanges for a refresh token (baton's setup step). */
export const DROPBOX_SANDBOX_AUTHORIZATION_CODE = 'sandbox-dropbox-authorization-code';

/** The scopes the sandbox app was granted; a refresh may narrow them with `scope`. */
export const DROPBOX_SANDBOX_SCOPES = [
  'account_info.read',
  'team_info.read',
  'members.read',
  'members.write',
  'members.delete',
  'groups.read',
  'groups.write',
  'team_data.member',
  'team_data.governance.read',
  'team_data.governance.write',
  'events.read',
] as const;
