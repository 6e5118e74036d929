import { ConfigurationError } from '../../provisioner/connector-errors.js';
import type { JsonObject } from '../../util/json.js';
import { readSaasSettings, SAAS_CONFIDENTIAL_PROPERTIES, SAAS_DEFAULT_PROPERTIES } from '../shared/saas-settings.js';
import { ConfigNode } from './config-node.js';
import { readObjectTypes } from './read-object-types.js';
import type { RestConfiguration } from './rest-config-types.js';

/**
 * The SaaS REST connector's configurationProperties: the SaaS common properties plus
 * `objectTypes` (schema, operations, exceptions, filters per object class) and `defaultHeaders`.
 * The seed's table gives `objectTypes` the default `{ACCOUNT={schema=[], operations={}, exceptions={}}}`.
 */
export const REST_DEFAULT_CONFIGURATION_PROPERTIES: JsonObject = Object.freeze({
  ...SAAS_DEFAULT_PROPERTIES,
  objectTypes: { __ACCOUNT__: { schema: [], operations: {}, exceptions: {} } },
  defaultHeaders: null,
  tokenRequestParameters: null,
});

/** The seed's encrypted properties (GuardedStrings). */
export const REST_CONFIDENTIAL_PROPERTIES: readonly string[] = SAAS_CONFIDENTIAL_PROPERTIES;

/** Every problem of a configuration, each naming the JSON path of its key; empty when usable. */
export function validateRestConfiguration(properties: JsonObject): string[] {
  return readRestConfiguration(properties).problems;
}

/** The typed, compiled configuration. @throws ConfigurationError listing every problem. */
export function parseRestConfiguration(properties: JsonObject): RestConfiguration {
  const { configuration, problems } = readRestConfiguration(properties);
  if (problems.length > 0) throw new ConfigurationError(`Invalid SaaS REST configuration: ${problems.join('; ')}`);
  return configuration;
}

/** Reads everything at once, so one load reports every mistake. */
export function readRestConfiguration(properties: JsonObject): { configuration: RestConfiguration; problems: string[] } {
  // The seed's sample writes `defaultHeader` (singular) where its table says `defaultHeaders`: accept both.
  const withHeaders = properties.defaultHeaders == null && properties.defaultHeader != null
    ? { ...properties, defaultHeaders: properties.defaultHeader }
    : properties;
  const { settings, problems } = readSaasSettings(withHeaders, 'client_credentials');
  const root = new ConfigNode('objectTypes', properties.objectTypes ?? undefined, problems);
  const objectTypes = readObjectTypes(root);
  if (objectTypes.size === 0 && problems.length === 0) root.problem('must configure at least one object type');
  // Gateway extension: vendor form fields of the token request (Box's box_subject_type / box_subject_id).
  const tokenRequestParameters = new ConfigNode('tokenRequestParameters', properties.tokenRequestParameters ?? undefined, problems).stringMap();
  return { configuration: { settings, objectTypes, tokenRequestParameters }, problems };
}
