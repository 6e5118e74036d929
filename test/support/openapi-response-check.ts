import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonObject, JsonValue } from '../../src/util/json.js';
import { isJsonObject } from '../../src/util/json.js';

/** What the check needs of a supertest response (its request carries method and URL). */
export interface CheckableResponse {
  readonly status: number;
  readonly text: string;
  readonly headers: Record<string, string>;
  readonly request: { readonly method: string; readonly url: string };
}

const DOCUMENT_ID = 'https://idm-gateway.invalid/openapi.json';

interface Compiled {
  readonly ajv: Ajv2020;
  readonly validators: Map<string, ValidateFunction>;
}

// One Ajv per generated document (a configuration change makes a new document object).
const compiled = new WeakMap<JsonObject, Compiled>();

function compiledFor(document: JsonObject): Compiled {
  let entry = compiled.get(document);
  if (!entry) {
    // OpenAPI keywords (example, …) are not JSON Schema: strict mode off; the document is trusted.
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    ajv.addSchema(document as object, DOCUMENT_ID);
    entry = { ajv, validators: new Map() };
    compiled.set(document, entry);
  }
  return entry;
}

function pointer(tokens: readonly string[]): string {
  return tokens.map((t) => encodeURIComponent(t.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
}

function validatorFor(document: JsonObject, tokens: readonly string[]): ValidateFunction {
  const entry = compiledFor(document);
  const key = pointer(tokens);
  let validate = entry.validators.get(key);
  if (!validate) {
    validate = entry.ajv.compile({ $ref: `${DOCUMENT_ID}#/${key}` });
    entry.validators.set(key, validate);
  }
  return validate;
}

/** The document path template a concrete path falls under (literal segments beat `{params}`). */
export function documentPathOf(document: JsonObject, path: string): string | undefined {
  const full = path.startsWith('/system') ? `/openidm${path}` : path;
  const segments = full.split('/');
  let best: { path: string; params: number } | undefined;
  for (const template of Object.keys(isJsonObject(document.paths) ? document.paths : {})) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    let params = 0;
    const matches = parts.every((part, i) => {
      if (/^\{[^}]+\}$/.test(part)) {
        params++;
        return segments[i] !== '';
      }
      return decodeURIComponent(part) === decodeURIComponent(segments[i]!);
    });
    if (matches && (!best || params < best.params)) best = { path: template, params };
  }
  return best?.path;
}

function resolveResponse(document: JsonObject, response: JsonValue | undefined): { value: JsonObject; tokens: string[] } | undefined {
  if (!isJsonObject(response)) return undefined;
  if (typeof response.$ref !== 'string') return { value: response, tokens: [] };
  const name = response.$ref.replace('#/components/responses/', '');
  const components = document.components as JsonObject;
  const resolved = (components.responses as JsonObject)[name];
  return isJsonObject(resolved) ? { value: resolved, tokens: ['components', 'responses', name] } : undefined;
}

/**
 * Everything about `res` the generated OpenAPI document does not describe: an undocumented
 * path, method or status, a body the documented schema refuses, a body where none is documented.
 * Empty when the response is as documented.
 */
export function responseProblems(document: JsonObject, res: CheckableResponse): string[] {
  const method = res.request.method.toLowerCase();
  const url = new URL(res.request.url, 'http://localhost');
  const label = `${res.request.method} ${url.pathname} → ${res.status}`;
  const path = documentPathOf(document, url.pathname);
  if (!path) return [`${label}: the path is not in the document`];
  const operation = (document.paths as JsonObject)[path] as JsonObject;
  if (!isJsonObject(operation[method])) return [`${label}: ${method.toUpperCase()} ${path} is not in the document`];
  const responses = (operation[method] as JsonObject).responses as JsonObject;
  const statusKey = [String(res.status), `${String(res.status)[0]}XX`, 'default'].find((k) => responses[k] !== undefined);
  if (!statusKey) return [`${label}: status ${res.status} is not documented for ${method.toUpperCase()} ${path}`];
  const response = resolveResponse(document, responses[statusKey]);
  if (!response) return [`${label}: response ${statusKey} cannot be resolved`];
  const baseTokens = response.tokens.length > 0 ? response.tokens : ['paths', path, method, 'responses', statusKey];
  const content = isJsonObject(response.value.content) ? response.value.content : undefined;
  if (!content) return res.text === '' ? [] : [`${label}: no body is documented, but one came`];
  const mediaType = Object.keys(content)[0]!;
  if (!(res.headers['content-type'] ?? '').toLowerCase().startsWith(mediaType)) {
    return [`${label}: Content-Type ${res.headers['content-type'] ?? '(none)'} is not ${mediaType}`];
  }
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return [`${label}: the body is not JSON`];
  }
  const validate = validatorFor(document, [...baseTokens, 'content', mediaType, 'schema']);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${label}: body${e.instancePath} ${e.message ?? 'is invalid'} (${e.schemaPath})`);
}

/** Throws, listing the problems, when `res` is not as the document describes it. */
export function expectDocumented(document: JsonObject, res: CheckableResponse): void {
  const problems = responseProblems(document, res);
  if (problems.length > 0) throw new Error(`Response differs from the OpenAPI document:\n${problems.join('\n')}\nbody: ${res.text.slice(0, 500)}`);
}
