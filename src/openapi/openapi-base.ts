import { readFileSync } from 'node:fs';
import type { JsonObject } from '../util/json.js';
import { isJsonObject } from '../util/json.js';

// Both src/openapi/ (tests) and dist/openapi/ (npm start) sit two levels below the project root.
const BASE_FILE = new URL('../../openapi/openapi-base.json', import.meta.url);
const PACKAGE_FILE = new URL('../../package.json', import.meta.url);

let cached: JsonObject | undefined;

function load(): JsonObject {
  const base = JSON.parse(readFileSync(BASE_FILE, 'utf8')) as unknown;
  if (!isJsonObject(base) || !isJsonObject(base.info) || !isJsonObject(base.paths) || !isJsonObject(base.components)) {
    throw new Error(`${BASE_FILE.pathname} is not an OpenAPI document with info, paths and components`);
  }
  const pkg = JSON.parse(readFileSync(PACKAGE_FILE, 'utf8')) as { version?: unknown };
  if (typeof pkg.version === 'string') base.info.version = pkg.version;
  return base;
}

/**
 * The static part of the OpenAPI document (`openapi/openapi-base.json`: CREST parameters, error
 * body, query envelope, system actions, auth schemes, ping) with the package version filled in.
 * Read once; every call returns a fresh copy the caller may extend.
 */
export function openApiBase(): JsonObject {
  cached ??= load();
  return structuredClone(cached);
}
