import { confidentialNames, sealSecrets } from '../config/config-secrets.js';
import { resolveConnectorProperties, type ResolvedProperties } from '../config/connector-properties.js';
import type { ProvisionerConfig } from '../config/provisioner-config.js';
import { provisionerProblems } from '../config/provisioner-schema.js';
import { ResourceError } from '../crest/resource-error.js';
import type { JsonObject, JsonValue } from '../util/json.js';
import { isJsonObject } from '../util/json.js';
import { can } from './capabilities.js';
import { ConnectorError, ConnectorIOError, InvalidCredentialError, RetryableError, UnsupportedOperationError } from './connector-errors.js';
import { ConnectorFacade, SKIPPED } from './connector-facade.js';
import { objectTypesFromSchema, operationOptionsFromSchema } from './schema-config.js';
import type { Connector, ConnectorType, OperationContext, OperationName } from './spi.js';
import type { SystemRegistry } from './system-registry.js';

/** The `testConfig` answer (research §1.5), members in IDM's order. */
export interface TestConfigResult {
  name: string;
  ok: boolean;
  error?: string;
  reason?: string;
}

/**
 * The connector type a configuration action needs (SystemObjectSetService#actionInstance):
 * no `connectorRef.connectorName` → 404, a name no connector of this gateway has → 503.
 */
export function connectorTypeOf(registry: SystemRegistry, body: JsonObject): ConnectorType {
  const ref = isJsonObject(body.connectorRef) ? body.connectorRef : undefined;
  const connectorName = ref?.connectorName;
  if (typeof connectorName !== 'string') throw ResourceError.notFound('No connector name provided');
  const type = registry.catalogue.get(connectorName);
  if (!type) throw ResourceError.unavailable('The required service is not available');
  return type;
}

/**
 * `_action=testConfig`: builds a throwaway connector from the submitted configuration and runs
 * its test; nothing is saved. Problems are reported in a 200 body, as IDM does; only the
 * request's shape (`id` present, `name` missing) is a 4xx.
 */
export async function testConfig(registry: SystemRegistry, body: JsonObject, type: ConnectorType): Promise<TestConfigResult> {
  if (body.id !== undefined && body.id !== null) throw ResourceError.badRequest('A system ID must not be specified in the request');
  if (body.name === undefined || body.name === null) throw ResourceError.badRequest("Invalid configuration to test: no 'name' specified");
  const name = typeof body.name === 'string' ? body.name : JSON.stringify(body.name);
  // IDM words errors differently when a provisioner of that name already runs (research §1.5).
  const existing = registry.list().some((s) => s.name === name);
  const result: TestConfigResult = { name, ok: false };
  const schemaProblems = provisionerProblems(body);
  if (schemaProblems.length > 0) {
    result.error = `OpenICF Provisioner Service jsonConfiguration has errors: ${schemaProblems.join('; ')}`;
    return result;
  }
  const resolved = resolveConnectorProperties(body.configurationProperties, type, registry.resolver, registry.secrets);
  const built = buildConnector(type, resolved, name);
  if (typeof built === 'string') {
    result.error = `OpenICF connector jsonConfiguration has errors: ${built}`;
    return result;
  }
  try {
    if (!can.test(built)) {
      result.ok = true;
      result.reason = `OpenICF connector of ${connectorKey(type)} does not support test.`;
      return result;
    }
    await runOn(built, body, 'TEST', (facade, ctx) => facade.test(ctx));
    result.ok = true;
  } catch (error) {
    if (error instanceof UnsupportedOperationError || (error instanceof ResourceError && error.code === 501)) {
      result.ok = true;
      result.reason = 'TEST UnsupportedOperation';
    } else if (error instanceof InvalidCredentialError) {
      // IDM also sets ok:true here (its code does not return early); a failed login is not "ok".
      result.error = 'Connection Error';
    } else {
      const message = resolved.redact(error instanceof Error ? error.message : String(error));
      result.error = existing || !(error instanceof Error) ? message : `${error.name}: ${message}`;
    }
  } finally {
    await built.dispose?.();
  }
  return result;
}

/**
 * `_action=createFullConfig`: connects with the submitted configurationProperties (test, then
 * schema) and answers the input plus `objectTypes` and `operationOptions` generated from the
 * schema, confidential properties encrypted. `{}` when configurationProperties is missing.
 */
export async function createFullConfig(registry: SystemRegistry, body: JsonObject, type: ConnectorType): Promise<JsonObject> {
  const configured = body.configurationProperties;
  if (configured === undefined || configured === null) return {};
  if (!isJsonObject(configured)) throw ResourceError.badRequest('configurationProperties must be a JSON object');
  const resolved = resolveConnectorProperties(configured, type, registry.resolver, registry.secrets);
  const built = buildConnector(type, resolved, typeof body.name === 'string' ? body.name : 'createFullConfig');
  if (typeof built === 'string') throw ResourceError.badRequest(`Invalid configurationProperties: ${built}`, { problems: [...resolved.problems] });
  const generated: JsonObject = {};
  try {
    if (can.test(built)) {
      try {
        await runOn(built, body, 'TEST', (facade, ctx) => facade.test(ctx));
      } catch (error) {
        if (!(error instanceof UnsupportedOperationError)) throw connectError('The connector test failed', error, resolved);
      }
    }
    if (can.schema(built)) {
      let schema;
      try {
        schema = await runOn(built, body, 'SCHEMA', (facade, ctx) => facade.schema(ctx));
      } catch (error) {
        throw connectError('Reading the connector schema failed', error, resolved);
      }
      generated.objectTypes = objectTypesFromSchema(schema);
      generated.operationOptions = operationOptionsFromSchema(built, schema);
    }
  } finally {
    await built.dispose?.();
  }
  const sealed = registry.secrets ? sealSecrets(body, confidentialNames(type), registry.secrets).document : body;
  return { ...sealed, ...generated };
}

/**
 * `_action=createConfiguration`, the legacy multi-phase variant (research §1.2): an empty body
 * lists the connectors, a connectorRef alone gives the core config, with configurationProperties
 * the full config; `{}` otherwise.
 */
export async function createConfiguration(
  registry: SystemRegistry,
  content: JsonValue,
  phases: { available: () => JsonObject; core: (body: JsonObject) => JsonObject },
): Promise<JsonObject> {
  const size = isJsonObject(content) ? Object.keys(content).length : Array.isArray(content) ? content.length : content === null ? 0 : 1;
  if (size === 0) return phases.available();
  const body = isJsonObject(content) ? content : {};
  const type = connectorTypeOf(registry, body);
  if (body.configurationProperties === undefined || body.configurationProperties === null) {
    const { configurationProperties: _absent, ...rest } = body;
    return phases.core(rest);
  }
  return createFullConfig(registry, body, type);
}

/** A connector from resolved properties, or the problems (secrets masked) that prevent it. */
function buildConnector(type: ConnectorType, resolved: ResolvedProperties, systemName: string): Connector | string {
  if (resolved.problems.length > 0) return resolved.problems.join('; ');
  try {
    return type.create({ configurationProperties: resolved.properties, systemName });
  } catch (error) {
    return resolved.redact(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Runs one operation under the submitted operationTimeout (operationOptions deliberately not
 * applied: a TEST or SCHEMA denied for the running system must not block configuring it).
 */
async function runOn<T>(
  connector: Connector,
  body: JsonObject,
  operation: OperationName,
  fn: (facade: ConnectorFacade, ctx: OperationContext) => Promise<T>,
): Promise<T> {
  const timeout = isJsonObject(body.operationTimeout) ? body.operationTimeout[operation] : undefined;
  const config: ProvisionerConfig = {
    name: 'config',
    connectorRef: { connectorName: 'config' },
    ...(typeof timeout === 'number' && Number.isInteger(timeout) ? { operationTimeout: { [operation]: timeout } } : {}),
  };
  const facade = new ConnectorFacade(connector, config);
  const outcome = await facade.run(operation, null, {}, (ctx) => fn(facade, ctx));
  if (outcome === SKIPPED) throw new Error(`${operation} was skipped`);
  return outcome;
}

/** A connection failure of createFullConfig: the caller's configuration is wrong (400) or the resource is unreachable (503). */
function connectError(step: string, error: unknown, resolved: ResolvedProperties): ResourceError {
  if (error instanceof ResourceError) return error;
  const message = `${step}: ${resolved.redact(error instanceof Error ? error.message : String(error))}`;
  if (error instanceof ConnectorIOError || error instanceof RetryableError) return ResourceError.unavailable(message);
  if (error instanceof ConnectorError) return ResourceError.badRequest(message);
  return ResourceError.internal(message);
}

/** ICF's ConnectorKey text, as IDM's messages quote it. */
function connectorKey(type: ConnectorType): string {
  const ref = type.connectorRef;
  return `ConnectorKey( bundleName=${ref.bundleName} bundleVersion=${ref.bundleVersion} connectorName=${ref.connectorName} )`;
}
