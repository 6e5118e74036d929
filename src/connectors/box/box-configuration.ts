import { ConfigurationError } from '../../provisioner/connector-errors.js';
import type { JsonObject } from '../../util/json.js';
import { PropertyReader } from '../shared/property-reader.js';
import { readSaasSettings, SAAS_CONFIDENTIAL_PROPERTIES, SAAS_DEFAULT_PROPERTIES, type SaasSettings } from '../shared/saas-settings.js';
import { BOX_DEFAULT_RATE_LIMIT, parseRateLimit, type BoxRateLimit } from './box-rate-limit.js';

/** The Box connector's settings: the SaaS common ones plus Box's subject and request budget. */
export interface BoxSettings {
  readonly saas: SaasSettings;
  /** `box_subject_type` / `box_subject_id` of the Client Credentials Grant, when OAUTH is used. */
  readonly subject?: { readonly type: 'enterprise' | 'user'; readonly id: string };
  readonly rateLimit: BoxRateLimit;
}

/**
 * configurationProperties of the seed's table with their defaults. `serviceUri` is
 * `https://api.box.com/2.0` and `tokenEndpoint` `https://api.box.com/oauth2/token` on the real service.
 */
export const BOX_DEFAULT_CONFIGURATION_PROPERTIES: JsonObject = Object.freeze({
  ...SAAS_DEFAULT_PROPERTIES,
  grantType: 'client_credentials',
  useBasicAuthForOauthTokenNeg: false,
  boxSubjectType: null,
  boxSubjectId: null,
  rateLimit: BOX_DEFAULT_RATE_LIMIT,
});

/** The seed's encrypted properties (GuardedStrings). */
export const BOX_CONFIDENTIAL_PROPERTIES: readonly string[] = SAAS_CONFIDENTIAL_PROPERTIES;

/** Every problem of a configuration, each naming its property; empty when usable. */
export function validateBoxConfiguration(properties: JsonObject): string[] {
  return readBox(properties).problems;
}

/** The typed settings of a valid configuration. @throws ConfigurationError listing every problem. */
export function parseBoxConfiguration(properties: JsonObject): BoxSettings {
  const { settings, problems } = readBox(properties);
  if (problems.length > 0) throw new ConfigurationError(`Invalid Box configuration: ${problems.join('; ')}`);
  return settings;
}

function readBox(properties: JsonObject): { settings: BoxSettings; problems: string[] } {
  const { settings: saas, problems } = readSaasSettings(properties, 'client_credentials');
  const r = new PropertyReader(properties);
  const auth = saas.auth;
  if (auth.method === 'OAUTH' && auth.oauth.grantType !== 'client_credentials') {
    problems.push(`grantType ${auth.oauth.grantType} is not supported by Box: the only value supported is client_credentials`);
  }
  if (auth.method === 'BASIC' || auth.method === 'NONE') {
    problems.push(`authenticationMethod ${auth.method} is not supported by Box: its API takes OAuth 2 bearer tokens (use OAUTH with clientId, clientSecret, boxSubjectType and boxSubjectId, or TOKEN)`);
  }
  let subject: BoxSettings['subject'];
  if (auth.method === 'OAUTH') {
    // The seed writes `User`/`Enterprise`; Box's token endpoint only takes the lower-case enum.
    const typeText = r.requiredString('boxSubjectType', ' when authenticationMethod is OAUTH');
    const type = typeText.trim().toLowerCase();
    const id = r.requiredString('boxSubjectId', ' when authenticationMethod is OAUTH').trim();
    if (typeText !== '' && type !== 'enterprise' && type !== 'user') {
      problems.push(`boxSubjectType must be User or Enterprise; got "${typeText}"`);
    } else if (id !== '' && !/^\d+$/.test(id)) {
      problems.push(`boxSubjectId must be the numeric id of the ${type === 'user' ? 'user' : 'enterprise'}; got "${id}"`);
    } else if (typeText !== '' && id !== '') {
      subject = { type: type as 'enterprise' | 'user', id };
    }
  }
  problems.push(...r.problems);
  const limitText = r.string('rateLimit', BOX_DEFAULT_RATE_LIMIT) ?? BOX_DEFAULT_RATE_LIMIT;
  const parsed = parseRateLimit(limitText);
  let rateLimit: BoxRateLimit = { requests: 1000, periodMs: 60_000 };
  if (typeof parsed === 'string') problems.push(parsed);
  else rateLimit = parsed;
  return { settings: { saas, ...(subject ? { subject } : {}), rateLimit }, problems };
}
