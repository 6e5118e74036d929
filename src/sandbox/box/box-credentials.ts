/**
 * The Box application the sandbox knows: a Custom App with Server Authentication (Client Credentials
 * Grant) authorized in enterprise 1162568706 ("testing", the enterprise of the seed's outputs).
 * Connector configuration: clientId/clientSecret as below, grantType "client_credentials",
 * boxSubjectType "enterprise", boxSubjectId = enterpriseId, serviceUri `<base>/2.0`,
 * tokenEndpoint `<base>/oauth2/token`.
 */
export const BOX_SANDBOX_CREDENTIALS = {
  clientId: 'k3x9vq2m7wrt4zpd8yhn1cbf6lsg0ajo',
  clientSecret: 'Qm7vXe2LrT9bNc4KpW8sZy3HdJ6gFa1U',
  grantType: 'client_credentials',
  enterpriseId: '1162568706',
  enterpriseName: 'testing',
  /** The numeric id Box gives the application (appears in generated App User / Service Account logins). */
  appId: '2198435',
  boxSubjectType: 'enterprise',
  boxSubjectId: '1162568706',
  /** The enterprise's primary admin (a valid `box_subject_id` with `box_subject_type=user`). */
  adminUserId: '32996521506',
  /** A plain managed user (a `user` subject without admin rights: user management answers 403). */
  regularUserId: '33012457813',
  /** The application's Service Account (`GET /users/me` with an enterprise token). */
  serviceAccountId: '32996520017',
  serviceAccountLogin: 'AutomationUser_2198435_kQ3xN8vRtb@boxdevedition.com',
} as const;
