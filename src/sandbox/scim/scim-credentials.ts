/**
 * The fixed credentials of the SCIM sandbox; all three schemes are accepted at once on `/v2`:
 * HTTP Basic (`username` / `password`), the static token (`Authorization: Bearer <bearerToken>`),
 * and tokens from `POST /oauth2/token` (client credentials `clientId` / `clientSecret`, or the
 * `refresh_token` grant with `refreshToken`).
 */
export const SCIM_SANDBOX_CREDENTIALS = {
  username: 'scim-admin',
  password: 'scim-sandbox-password',
  bearerToken: 'scim-sandbox-static-token',
  clientId: 'scim-sandbox-client',
  clientSecret: 'scim-sandbox-client-secret',
  refreshToken: 'scim-sandbox-refresh-token',
} as const;

export type ScimSandboxCredentials = typeof SCIM_SANDBOX_CREDENTIALS;
