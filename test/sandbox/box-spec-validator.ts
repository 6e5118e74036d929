import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The official Box spec, beside the repository (CI clones shared/ next to it). */
export const BOX_SPEC_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../..', '../shared/specs/box/openapi.json');

type Json = Record<string, unknown>;

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
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

  constructor(specPath = BOX_SPEC_PATH) {
    const raw = readFileSync(specPath, 'utf8').replaceAll('"#/components/schemas/', '"box-spec#/components/schemas/');
    const spec = JSON.parse(raw) as Json;
    relax(spec);
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
