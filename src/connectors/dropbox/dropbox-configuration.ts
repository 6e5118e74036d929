import { ConfigurationError } from '../../provisioner/connector-errors.js';
import type { JsonObject } from '../../util/json.js';
import { readSaasSettings, SAAS_CONFIDENTIAL_PROPERTIES, SAAS_DEFAULT_PROPERTIES, type SaasSettings } from '../shared/saas-settings.js';

/**
 * The Dropbox connector's configurationProperties: exactly the seed's table (the SaaS common
 * properties) with its defaults. `serviceUri` is `https://api.dropboxapi.com/2` and
 * `tokenEndpoint` `https://api.dropboxapi.com/oauth2/token` on the real service.
 */
export const DROPBOX_DEFAULT_CONFIGURATION_PROPERTIES: JsonObject = Object.freeze({ ...SAAS_DEFAULT_PROPERTIES });

/** The seed's encrypted properties (GuardedStrings). */
export const DROPBOX_CONFIDENTIAL_PROPERTIES: readonly string[] = SAAS_CONFIDENTIAL_PROPERTIES;

/** Every problem of a configuration, each naming its property; empty when usable. */
export function validateDropboxConfiguration(properties: JsonObject): string[] {
  return readDropbox(properties).problems;
}

/** The typed settings of a valid configuration. @throws ConfigurationError listing every problem. */
export function parseDropboxConfiguration(properties: JsonObject): SaasSettings {
  const { settings, problems } = readDropbox(properties);
  if (problems.length > 0) throw new ConfigurationError(`Invalid Dropbox configuration: ${problems.join('; ')}`);
  return settings;
}

function readDropbox(properties: JsonObject): { settings: SaasSettings; problems: string[] } {
  // Dropbox apps get offline access through a refresh token (the seed's "Before you start").
  const { settings, problems } = readSaasSettings(properties, 'refresh_token');
  const method = settings.auth.method;
  if (method === 'BASIC' || method === 'NONE') {
    problems.push(`authenticationMethod ${method} is not supported by Dropbox: its team API takes OAuth 2 bearer tokens (use OAUTH with clientId, clientSecret and refreshToken, or TOKEN)`);
  } else if (method === 'OAUTH' && settings.auth.oauth.grantType === 'jwt_bearer') {
    problems.push('authenticationMethod JWT_TOKEN (grantType jwt_bearer) is not supported by Dropbox: use OAUTH with a refreshToken');
  }
  return { settings, problems };
}
