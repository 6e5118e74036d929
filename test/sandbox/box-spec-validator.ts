import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The official Box spec, copied unmodified into the repo (test/fixtures/box/README.md): a fresh clone's tests need nothing beside it. */
export const BOX_SPEC_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'box', 'openapi.json');

type Json = Record<string, unknown>;

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
  parameters?: Json[];
  requestBody?: { content?: Record<string, { schema?: Json }> };
}

/** One request as a client sent it. */
export interface ObservedRequest {
  method: string;
  /** The path with its query: `/2.0/users?usemarker=true&limit=1000`. */
  path: string;
  contentType: string | undefined;
  /** The raw body text ('' when none). */
  body: string;
}

interface PathEntry {
  template: string;
  pattern: RegExp;
  params: number;
  operations: Record<string, Operation>;
}

/** One HTTP exchange to check. */
export interface ObservedResponse {
  method: string;
  /** The Box path as a client calls it: `/2.0/users/1?fields=id` or `/oauth2/token`. */
  path: string;
  status: number;
  contentType: string | undefined;
  /** The raw body text. */
  body: string;
}

/**
 * The documented gaps of the spec (shared/research/box.md §7, shared/specs/box/README.md): real Box error
 * codes missing from `ClientError.code`'s enum, and fields Box reports as `null` that the spec does not mark nullable.
 */
function relax(spec: Json): void {
  stripExamples(spec);
  const schemas = (spec.components as { schemas: Record<string, Json> }).schemas;
  delete (schemas.ClientError!.properties as Record<string, Json>).code!.enum;
  const groupFull = ((schemas['Group--Full']!.allOf as Json[])[1]!.properties) as Record<string, Json>;
  for (const name of ['provenance', 'external_sync_identifier', 'description']) groupFull[name]!.nullable = true;
  const userFull = ((schemas['User--Full']!.allOf as Json[])[1]!.properties) as Record<string, Json>;
  userFull.external_app_user_id!.nullable = true;
  convertNullable(spec);
}

/** OpenAPI 3.0's `nullable: true` in JSON Schema terms, which is what ajv speaks. */
function convertNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) convertNullable(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Json;
  for (const value of Object.values(record)) convertNullable(value);
  if (!('nullable' in record)) return;
  const nullable = record.nullable === true;
  delete record.nullable;
  if (!nullable) return;
  if (typeof record.type === 'string') {
    record.type = [record.type, 'null'];
    if (Array.isArray(record.enum)) record.enum = [...(record.enum as unknown[]), null];
    return;
  }
  const copy: Json = { ...record };
  for (const key of Object.keys(record)) delete record[key];
  record.anyOf = [copy, { type: 'null' }];
}

/** Examples are data, not schema; some hold `$id` members ajv would take for schema ids. */
function stripExamples(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) stripExamples(item);
  } else if (node !== null && typeof node === 'object') {
    const record = node as Json;
    delete record.example;
    delete record.examples;
    for (const value of Object.values(record)) stripExamples(value);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Response validators built from the spec's paths (`/2.0` prefix as served) and component schemas. */
export class BoxSpecValidator {
  private readonly ajv: Ajv;
  private readonly paths: PathEntry[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly queryAjv = new Ajv({ strict: false, allErrors: true, coerceTypes: true, validateFormats: false });
  private readonly parameters: Record<string, Json>;
  private readonly schemas: Record<string, Json>;

  constructor(specPath = BOX_SPEC_PATH) {
    const raw = readFileSync(specPath, 'utf8').replaceAll('"#/components/schemas/', '"box-spec#/components/schemas/');
    const spec = JSON.parse(raw) as Json;
    relax(spec);
    const components = spec.components as { parameters?: Record<string, Json>; schemas: Record<string, Json> };
    this.parameters = components.parameters ?? {};
    this.schemas = components.schemas;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    const addFormats = (typeof addFormatsModule === 'function' ? addFormatsModule : addFormatsModule.default) as typeof addFormatsModule.default;
    addFormats(this.ajv);
    this.ajv.addFormat('timezone', { type: 'string', validate: isTimezone });
    for (const name of ['token', 'urn', 'digest', 'jwt', 'space_delimited_list', '<width>x<height>', 'html', 'url']) this.ajv.addFormat(name, true);
    this.ajv.addSchema({ $id: 'box-spec', components: spec.components } as Json);
    for (const [template, operations] of Object.entries(spec.paths as Record<string, Record<string, Operation>>)) {
      if (template.includes('#')) continue;
      const served = template.startsWith('/oauth2/') ? template : `/2.0${template}`;
      const pattern = new RegExp(`^${served.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      this.paths.push({ template: served, pattern, params: (template.match(/\{/g) ?? []).length, operations });
    }
    this.paths.sort((a, b) => a.params - b.params);
  }

  private validatorFor(key: string, schema: Json): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /** The problems with one response; empty when it matches the spec. */
  check(observed: ObservedResponse): string[] {
    const path = observed.path.split('?')[0]!;
    const method = observed.method.toLowerCase();
    const where = `${observed.method} ${path} → ${observed.status}`;
    const entry = this.paths.find((p) => p.pattern.test(path) && p.operations[method]);
    if (!entry) {
      // A method or path Box does not have: the answer must still be a ClientError.
      return this.checkBody(where, 'ClientError', { $ref: 'box-spec#/components/schemas/ClientError' }, observed);
    }
    const operation = entry.operations[method]!;
    const response = operation.responses[String(observed.status)] ?? operation.responses.default;
    if (!response) return [`${where}: status not declared by the spec for ${method.toUpperCase()} ${entry.template}`];
    const schema = response.content?.['application/json']?.schema;
    if (!schema) {
      return observed.body === '' ? [] : [`${where}: the spec declares no body, got ${observed.body.slice(0, 80)}`];
    }
    const key = `${method} ${entry.template} ${operation.responses[String(observed.status)] ? observed.status : 'default'}`;
    return this.checkBody(where, key, schema, observed);
  }

  /**
   * The problems with one request a client (the connector) sent: unknown or ill-typed query
   * parameters, and a body that breaks the operation's schema or carries members the schema does
   * not define (research §7.2's "strict" lint: Box ignores them, but they betray a mapping bug).
   */
  checkRequest(observed: ObservedRequest): string[] {
    const [path, queryText = ''] = observed.path.split('?', 2) as [string, string?];
    const method = observed.method.toLowerCase();
    const where = `${observed.method} ${path}`;
    const entry = this.paths.find((p) => p.pattern.test(path) && p.operations[method]);
    if (!entry) return [`${where}: no such operation in the spec`];
    const operation = entry.operations[method]!;
    const problems: string[] = [];
    const declared = new Map<string, Json>();
    for (const raw of operation.parameters ?? []) {
      const param = this.resolve(raw);
      if (param.in === 'query' && typeof param.name === 'string') declared.set(param.name, param);
    }
    for (const [name, value] of new URLSearchParams(queryText)) {
      const param = declared.get(name);
      if (!param) {
        problems.push(`${where}: query parameter ${name} is not defined by the spec`);
        continue;
      }
      const valueSchema = this.inline(param.schema as Json);
      const validate = this.queryAjv.compile({ type: 'object', properties: { value: valueSchema } });
      // Array parameters are comma-separated (`explode: false`).
      if (!validate({ value: valueSchema.type === 'array' ? value.split(',') : value })) problems.push(`${where}: query ${name}=${value}: ${(validate.errors ?? []).map((e) => e.message).join(', ')}`);
    }
    const content = operation.requestBody?.content;
    if (!content) {
      if (observed.body !== '') problems.push(`${where}: the spec takes no body, got ${observed.body.slice(0, 80)}`);
      return problems;
    }
    const type = (observed.contentType ?? '').split(';')[0]!.trim();
    const media = content[type];
    if (!media?.schema) return [...problems, `${where}: content type ${type || '(none)'} is not one the spec accepts (${Object.keys(content).join(', ')})`];
    const body = type === 'application/x-www-form-urlencoded' ? Object.fromEntries(new URLSearchParams(observed.body)) : safeJson(observed.body);
    const schema = this.resolve(media.schema);
    const validate = this.validatorFor(`request ${method} ${entry.template}`, media.schema);
    if (!validate(body)) problems.push(...(validate.errors ?? []).map((e) => `${where}: body ${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
    const known = schema.properties as Json | undefined;
    if (known && typeof body === 'object' && body !== null) {
      for (const key of Object.keys(body)) if (!(key in known)) problems.push(`${where}: body member ${key} is not defined by the spec`);
    }
    return problems;
  }

  /** A `$ref` to a component, followed. */
  private resolve(node: Json): Json {
    const ref = node.$ref;
    if (typeof ref !== 'string') return node;
    const [, kind, name] = /#\/components\/(parameters|schemas)\/(.+)$/.exec(ref) ?? [];
    const target = kind === 'parameters' ? this.parameters[name!] : this.schemas[name!];
    return target ? this.resolve(target) : node;
  }

  /** A parameter schema without refs (query parameter schemas are small). */
  private inline(schema: Json): Json {
    const resolved = this.resolve(schema);
    return resolved.items ? { ...resolved, items: this.inline(resolved.items as Json) } : resolved;
  }

  private checkBody(where: string, key: string, schema: Json, observed: ObservedResponse): string[] {
    if (!/^application\/json\b/.test(observed.contentType ?? '')) return [`${where}: content type ${observed.contentType ?? '(none)'}, expected application/json`];
    let body: unknown;
    try {
      body = JSON.parse(observed.body);
    } catch {
      return [`${where}: body is not JSON: ${observed.body.slice(0, 80)}`];
    }
    const validate = this.validatorFor(key, schema);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}
