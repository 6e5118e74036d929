import type { JsonObject, JsonValue } from '../util/json.js';
import { isJsonObject } from '../util/json.js';

const SYSTEM_PREFIX = '/openidm/system/';
// Segments express-openapi-validator can turn into a route pattern literally (path-to-regexp
// reserves ( ) [ ] { } * + ? ! : and friends); a type with another name is left to the provisioner.
const SAFE_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/** What the request validator enforces, derived from the served document (never written apart from it). */
export interface ValidatorView {
  /** An OpenAPI document whose paths are relative to the `/openidm/system` (and `/system`) mount. */
  readonly document: JsonObject;
  /** `<system>/<type>` whose create body (POST on the collection) the view describes. */
  readonly createBodies: ReadonlySet<string>;
  /** `<system>/<type>` whose update body (PUT on an instance) the view describes. */
  readonly updateBodies: ReadonlySet<string>;
}

/** Resolves `#/components/parameters/<name>` references of the document. */
function resolveParameter(document: JsonObject, parameter: JsonValue): JsonObject | undefined {
  if (!isJsonObject(parameter)) return undefined;
  if (typeof parameter.$ref !== 'string') return parameter;
  const name = parameter.$ref.replace('#/components/parameters/', '');
  const components = isJsonObject(document.components) ? document.components : {};
  const parameters = isJsonObject(components.parameters) ? components.parameters : {};
  const resolved = parameters[name];
  return isJsonObject(resolved) ? resolved : undefined;
}

/**
 * Keeps what crest/parse-request does not own: CREST's `_…` query parameters and the conditional
 * and version headers are parsed there with IDM's case-insensitive names and exact messages, so
 * they are dropped here; the rest of each operation (path parameter, other query parameters,
 * request body schema) stays as the document says.
 */
function withoutCrestParameters(document: JsonObject, operation: JsonObject): JsonObject {
  const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
  const kept = parameters.filter((p) => {
    const resolved = resolveParameter(document, p);
    if (!resolved) return false;
    if (resolved.in === 'header') return false;
    return !(resolved.in === 'query' && typeof resolved.name === 'string' && resolved.name.startsWith('_'));
  });
  return { ...operation, parameters: kept };
}

function decodedKey(system: string, type: string): string {
  return `${decodeURIComponent(system)}/${decodeURIComponent(type)}`;
}

/**
 * The request validator's view of the document: the create and update operations of every
 * object type (the only request bodies the gateway's door checks, see request-validator.ts),
 * re-rooted below the `/system` mount and without CREST's own parameters.
 */
export function validatorView(document: JsonObject): ValidatorView {
  const paths: JsonObject = {};
  const createBodies = new Set<string>();
  const updateBodies = new Set<string>();
  const documentPaths = isJsonObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(documentPaths)) {
    if (!path.startsWith(SYSTEM_PREFIX) || !isJsonObject(item)) continue;
    const [system, type, id, ...rest] = path.slice(SYSTEM_PREFIX.length).split('/');
    if (system === undefined || type === undefined || rest.length > 0) continue;
    if (!SAFE_SEGMENT.test(system) || !SAFE_SEGMENT.test(type)) continue;
    const relative = path.slice(SYSTEM_PREFIX.length - 1);
    if (id === undefined && isJsonObject(item.post) && item.post.requestBody !== undefined) {
      paths[relative] = { post: withoutCrestParameters(document, item.post) };
      createBodies.add(decodedKey(system, type));
    } else if (id === '{id}' && isJsonObject(item.put) && item.put.requestBody !== undefined) {
      paths[relative] = { ...(item.parameters !== undefined ? { parameters: item.parameters } : {}), put: withoutCrestParameters(document, item.put) };
      updateBodies.add(decodedKey(system, type));
    }
  }
  return {
    document: { openapi: document.openapi ?? '3.1.0', info: document.info ?? {}, paths, components: document.components ?? {} },
    createBodies,
    updateBodies,
  };
}
