import { confidentialNames, sealSecrets } from '../config/config-secrets.js';
import { locationResolver, substitute } from '../config/substitute.js';
import { ResourceError } from '../crest/resource-error.js';
import type { JsonObject, JsonValue } from '../util/json.js';
import { isJsonObject } from '../util/json.js';
import { connectorTypeOf, createConfiguration, createFullConfig, testConfig } from './config-actions.js';
import { ConnectorSecurityError, InvalidCredentialError, UnsupportedOperationError } from './connector-errors.js';
import type { LiveSync } from './live-sync.js';
import { ObjectClass } from './objects.js';
import type { ProvisionedSystem, SystemStatus } from './provisioned-system.js';
import type { SystemRegistry } from './system-registry.js';

const SYSTEM_ACTIONS = ['activeSync', 'liveSync', 'test', 'testConfig', 'createConfiguration', 'availableConnectors', 'createCoreConfig', 'createFullConfig'];
const CONNECTOR_ACTIONS = ['script', 'test', 'livesync'];

/** IDM's case-insensitive enum lookup with its exact error message (Utils#asEnum). */
export function matchAction(action: string, names: readonly string[]): string {
  const found = names.find((n) => n.toLowerCase() === action.toLowerCase());
  if (!found) throw ResourceError.badRequest(`Expecting String containing one of: ${names.join(' ')}`);
  return found;
}

/** Tests one system: never throws, reports `ok:false` + `error` instead (research §1.5). */
export async function testSystem(system: ProvisionedSystem): Promise<SystemStatus> {
  const base = system.statusBase();
  if (!system.enabled || !system.facade) {
    return { ...base, error: system.enabled ? (system.unavailableReason ?? 'connector not available') : 'connector not available', ok: false };
  }
  const facade = system.facade;
  try {
    await facade.run('TEST', null, {}, (ctx) => facade.test(ctx));
    return { ...base, ok: true };
  } catch (error) {
    return { ...base, error: system.redact(statusError(error)), ok: false };
  }
}

function statusError(error: unknown): string {
  if (error instanceof UnsupportedOperationError) return 'TEST UnsupportedOperation';
  if (error instanceof ResourceError && error.code === 501) return 'TEST UnsupportedOperation';
  if (error instanceof InvalidCredentialError) return 'Connection Error';
  if (error instanceof ConnectorSecurityError || error instanceof Error) return error.message;
  return 'Unknown error';
}

/** `POST /system?_action=…` (research §1.2). */
export async function systemAction(
  registry: SystemRegistry, liveSync: LiveSync, action: string, raw: JsonValue, params: Readonly<Record<string, string>> = {},
): Promise<JsonValue> {
  const name = matchAction(action, SYSTEM_ACTIONS);
  // IDM substitutes &{…} in /system action bodies before use (research §5.7). Their answers echo the
  // body, so only location properties are substituted here; the connector gets the rest resolved
  // (resolveConnectorProperties), and no answer reveals an environment variable or a credential.
  const content = substitute(raw, locationResolver(registry.resolver));
  const body = isJsonObject(content) ? content : {};
  switch (name) {
    case 'test': {
      const id = isJsonObject(content) ? content.id : undefined;
      if (typeof id === 'string') {
        const system = registry.list().find((s) => s.name === id);
        if (!system) throw ResourceError.notFound(`System: ${id} is not available.`);
        return (await testSystem(system)) as unknown as JsonObject;
      }
      const statuses = await Promise.all(registry.list().map(testSystem));
      return statuses as unknown as JsonValue;
    }
    case 'availableConnectors':
      return availableConnectors(registry);
    case 'createCoreConfig':
      return createCoreConfig(registry, content);
    case 'testConfig':
      return (await testConfig(registry, body, connectorTypeOf(registry, body))) as unknown as JsonObject;
    case 'createFullConfig':
      return createFullConfig(registry, body, connectorTypeOf(registry, body));
    case 'createConfiguration':
      return createConfiguration(registry, content, {
        available: () => availableConnectors(registry),
        core: (core) => createCoreConfig(registry, core),
      });
    case 'liveSync':
    case 'activeSync': {
      const source = params.source;
      if (source === undefined) {
        throw ResourceError.badRequest('liveSync action requires either an explicit source parameter, or needs to be called on a specific provisioner URI');
      }
      const { systemName, typeName } = parseSource(source);
      const system = registry.route(systemName);
      if (!system) throw ResourceError.unavailable(`System: system/${systemName}/${typeName} is not available.`);
      return liveSync.run(system, typeName);
    }
    default:
      throw ResourceError.notSupported(`The action ${name} is not available yet in this gateway`);
  }
}

/** `_action=availableConnectors`: the connector types of this gateway (research §1.2). */
function availableConnectors(registry: SystemRegistry): JsonObject {
  return {
    connectorRef: registry.catalogue.list().map((t) => ({
      displayName: t.connectorRef.displayName,
      bundleVersion: t.connectorRef.bundleVersion,
      systemType: 'provisioner.openicf',
      bundleName: t.connectorRef.bundleName,
      connectorName: t.connectorRef.connectorName,
    })),
  };
}

/** `POST /system/<name>?_action=…` (research §1.3). */
export async function connectorAction(
  system: ProvisionedSystem, liveSync: LiveSync, action: string, params: Readonly<Record<string, string>> = {},
): Promise<JsonValue> {
  const name = matchAction(action, CONNECTOR_ACTIONS);
  switch (name) {
    case 'test':
      return (await testSystem(system)) as unknown as JsonObject;
    case 'script': {
      // IDM reads `scriptId` (no underscore); the gateway runs no `systemActions` scripts, so none is defined.
      const scriptId = params.scriptId;
      if (scriptId === undefined) throw ResourceError.badRequest('Missing required parameter: scriptId');
      throw ResourceError.badRequest(`Script ID: ${scriptId} is not defined.`);
    }
    default:
      // Without an object type, liveSync runs on the __ALL__ type (declared or implicit).
      return liveSync.run(system, allTypeName(system));
  }
}

/** The name under which a system serves ICF's __ALL__ object class (declared, or the implicit `__ALL__`). */
function allTypeName(system: ProvisionedSystem): string {
  for (const [name, type] of system.objectTypes) if (type.nativeType === ObjectClass.ALL) return name;
  return ObjectClass.ALL;
}

/** IDM's `Id` parse of a liveSync `source`: `[…system/]<name>/<type>[/<id>]`, each segment URL-decoded. */
function parseSource(source: string): { systemName: string; typeName: string } {
  const at = source.indexOf('system/');
  const segments = (at > -1 ? source.slice(at + 'system/'.length) : source).split('/');
  if (segments.length < 2) throw ResourceError.badRequest(`Invalid number of tokens in ID ${source}`);
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s; // names no system: 503 below
    }
  };
  return { systemName: decode(segments[0]!), typeName: decode(segments[1]!) };
}


/** ICF's defaults for a new configuration (the seed's createCoreConfig output). */
const CORE_DEFAULTS: JsonObject = {
  poolConfigOption: { maxObjects: 10, maxIdle: 10, maxWait: 150000, minEvictableIdleTimeMillis: 120000, minIdle: 1 },
  resultsHandlerConfig: {
    enableNormalizingResultsHandler: false,
    enableFilteredResultsHandler: false,
    enableCaseInsensitiveFilter: false,
    enableAttributesToGetSearchResultsHandler: true,
  },
  operationTimeout: {
    CREATE: 5000, UPDATE: 15000, DELETE: 15000, TEST: 5000, SCRIPT_ON_CONNECTOR: 15000, SCRIPT_ON_RESOURCE: 15000,
    GET: 15000, RESOLVEUSERNAME: 10000, AUTHENTICATE: 10000, SEARCH: 15000, VALIDATE: 5000, SYNC: 15000, SCHEMA: 10000,
  },
};

/** `_action=createCoreConfig`: the submitted connectorRef plus the connector's defaults (research §1.2). */
function createCoreConfig(registry: SystemRegistry, content: JsonValue): JsonObject {
  const body = isJsonObject(content) ? content : {};
  const ref = isJsonObject(body.connectorRef) ? body.connectorRef : undefined;
  if (!ref || typeof ref.connectorName !== 'string' || ref.connectorName === '') throw ResourceError.notFound('No connector name provided');
  const type = registry.catalogue.get(ref.connectorName);
  if (!type) throw ResourceError.notFound(`Connector not found: ${ref.connectorName}`);
  if (body.configurationProperties !== undefined) return {};
  const core: JsonObject = {
    ...body,
    connectorRef: { ...ref },
    ...structuredClone(CORE_DEFAULTS),
    ...structuredClone(type.coreConfigDefaults ?? {}),
    configurationProperties: structuredClone(type.defaultConfigurationProperties),
  };
  // IDM emits GuardedString defaults as $crypto values: a default secret is never shown in clear.
  return registry.secrets ? sealSecrets(core, confidentialNames(type), registry.secrets).document : core;
}
