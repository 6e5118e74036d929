import { isJsonObject } from '../../util/json.js';
import { ConfigNode } from './config-node.js';
import {
  EXCEPTION_KINDS, FIELD_FLAGS, FIELD_TYPES, FILTER_OPERATORS, REST_METHODS,
  type CallTemplate, type CookieSource, type DeleteOperation, type ExceptionRule, type FieldConfig, type FieldFlag, type FilterConfig,
  type FilterOperator, type ObjectTypeConfig, type Pagination, type PaginationStyle, type QueryOperation, type ReadOperation,
  type ReadStep, type RequestMapping, type ResponseMapping, type Unflatten, type WriteOperation, type WriteStep,
} from './rest-config-types.js';
import type { JsonPath } from './json-path.js';
import { parseParams } from './template.js';

/**
 * Reads `objectTypes` (the seed's whole configuration language) into typed, compiled
 * configurations. Placeholders whose values are all null (the seed's sample) count as "not
 * configured"; anything set must be complete and well-formed, else a problem naming its JSON path.
 */
export function readObjectTypes(root: ConfigNode): Map<string, ObjectTypeConfig> {
  const types = new Map<string, ObjectTypeConfig>();
  const o = root.object();
  if (!o) return types;
  for (const name of Object.keys(o)) {
    const node = root.child(name);
    if (!isJsonObject(node.value)) {
      node.problem('must be an object');
      continue;
    }
    types.set(name, readObjectType(name, node));
  }
  return types;
}

const OBJECT_TYPE_KEYS = ['schema', 'operations', 'exceptions', 'attrToGetKey', 'filters'] as const;
const OPERATION_NAMES = ['GET', 'QUERY', 'CREATE', 'UPDATE', 'DELETE'] as const;
/** Every key an operation or step may hold, in any of the seed's operation blocks. */
const OPERATION_KEYS = [
  'path', 'method', 'idPath', 'namePath', 'headers', 'queryParams', 'responseMapping', 'requestBody', 'requestMapping',
  'unflattenAttributes', 'additionalStep', 'pagination', 'resourceName', 'valuePath',
] as const;

/** Records a problem for each key of `node` that is not in `known` (a typo would otherwise be ignored silently). */
function rejectUnknownKeys(node: ConfigNode, known: readonly string[], what: string): void {
  if (!isJsonObject(node.value)) return;
  for (const key of Object.keys(node.value)) {
    if (!known.includes(key)) node.child(key).problem(`is not ${what} (use ${known.join(', ')})`);
  }
}

function readObjectType(name: string, node: ConfigNode): ObjectTypeConfig {
  rejectUnknownKeys(node, OBJECT_TYPE_KEYS, 'an object type key');
  const ops = node.child('operations');
  ops.object();
  rejectUnknownKeys(ops, OPERATION_NAMES, 'an operation');
  for (const op of OPERATION_NAMES) rejectUnknownKeys(ops.child(op), OPERATION_KEYS, 'an operation key');
  const get = configured(ops.child('GET'), (n) => readReadOperation(n));
  const query = configured(ops.child('QUERY'), (n) => ({ ...readReadOperation(n), pagination: readPagination(n.child('pagination')) }) satisfies QueryOperation);
  const schema = readSchema(node.child('schema'));
  const fieldNames = new Set(schema.map((f) => f.fieldName));
  for (const [opName, op] of [['GET', get], ['QUERY', query]] as const) {
    op?.additionalSteps.forEach((step, i) => {
      if (!fieldNames.has(step.resourceName)) {
        ops.child(opName).child('additionalStep').child(i).child('resourceName').problem(`"${step.resourceName}" is not a fieldName of the schema`);
      }
    });
  }
  return {
    name,
    schema,
    get,
    query,
    create: configured(ops.child('CREATE'), readWriteOperation),
    update: configured(ops.child('UPDATE'), readWriteOperation),
    delete: configured(ops.child('DELETE'), (n): DeleteOperation => ({ ...readCall(n), additionalSteps: readWriteSteps(n.child('additionalStep')) })),
    exceptions: readExceptions(node.child('exceptions')),
    filters: readFilters(node.child('filters')),
    attrToGetKey: node.child('attrToGetKey').string(),
  };
}

function configured<T>(node: ConfigNode, read: (n: ConfigNode) => T): T | undefined {
  if (node.isBlank) return undefined;
  if (node.object() === undefined) return undefined;
  return read(node);
}

function readSchema(node: ConfigNode): FieldConfig[] {
  const fields: FieldConfig[] = [];
  for (const entry of node.list()) {
    if (entry.isBlank) continue;
    const fieldName = entry.child('fieldName').requiredString();
    if (fields.some((f) => f.fieldName === fieldName)) entry.child('fieldName').problem(`repeats "${fieldName}"`);
    const type = entry.child('type').oneOf(FIELD_TYPES) ?? 'STRING';
    const flags: FieldFlag[] = [];
    entry.child('flags').list().forEach((f) => {
      const flag = f.oneOf(FIELD_FLAGS);
      if (flag) flags.push(flag);
    });
    if (fieldName) fields.push({ fieldName, type, flags });
  }
  return fields;
}

function readCall(node: ConfigNode): CallTemplate {
  const path = node.child('path').requiredString();
  const method = node.child('method').oneOf(REST_METHODS);
  if (!node.child('method').isSet) node.child('method').problem('is required');
  const body = node.child('requestBody');
  return {
    path,
    method: method ?? 'GET',
    headers: node.child('headers').stringMap(),
    queryParams: node.child('queryParams').stringMap(),
    requestBody: body.isBlank && !(Array.isArray(body.value) || isJsonObject(body.value)) ? undefined : blankToUndefined(body),
  };
}

/** `{}` means "no body" for GET/DELETE; a body with content is kept as the template. */
function blankToUndefined(node: ConfigNode): CallTemplate['requestBody'] {
  if (node.value === undefined) return undefined;
  if (isJsonObject(node.value) && Object.keys(node.value).length === 0) return undefined;
  return node.value;
}

function readReadOperation(node: ConfigNode): ReadOperation {
  return {
    ...readCall(node),
    idPath: required(node.child('idPath')),
    namePath: node.child('namePath').jsonPath(),
    responseMapping: readResponseMapping(node.child('responseMapping')),
    additionalSteps: node.child('additionalStep').list().filter((s) => !s.isBlank).map(readReadStep),
  };
}

/** A required path; a placeholder (`id`) stands in after the problem is recorded. */
function required(node: ConfigNode): JsonPath {
  const path = node.jsonPath();
  if (path) return path;
  if (!node.isSet) node.problem('is required');
  return { text: 'id', steps: [{ kind: 'key', key: 'id' }], multi: false };
}

function readReadStep(node: ConfigNode): ReadStep {
  return {
    ...readCall(node),
    resourceName: node.child('resourceName').requiredString(),
    valuePath: required(node.child('valuePath')),
  };
}

/** Reads a responseMapping: string values are paths, object values nest, `"/*": "/*"` copies everything. */
export function readResponseMapping(node: ConfigNode): ResponseMapping {
  const fields = new Map<string, JsonPath>();
  const nested = new Map<string, ResponseMapping>();
  let copyAll = false;
  const o = node.object();
  if (!o || Object.keys(o).length === 0) return { copyAll: true, fields, nested };
  for (const [key, value] of Object.entries(o)) {
    const child = node.child(key);
    if (key === '/*') {
      if (value === '/*') copyAll = true;
      else child.problem('must be "/*" (the "/*": "/*" entry copies every attribute)');
    } else if (isJsonObject(value)) {
      nested.set(key, readResponseMapping(child));
    } else if (value !== null) {
      const path = child.jsonPath();
      if (path) fields.set(key, path);
    }
  }
  return { copyAll, fields, nested };
}

function readRequestMapping(node: ConfigNode): RequestMapping {
  const fields = new Map<string, JsonPath>();
  const o = node.object();
  if (!o || Object.keys(o).length === 0) return { copyAll: true, fields };
  let copyAll = false;
  for (const [key, value] of Object.entries(o)) {
    if (value === null) continue;
    if (key === '/*' && value === '/*') copyAll = true;
    else {
      const path = node.child(key).jsonPath();
      if (path) fields.set(key, path);
    }
  }
  return { copyAll, fields };
}

function readWriteOperation(node: ConfigNode): WriteOperation {
  const unflatten: Unflatten[] = [];
  for (const entry of node.child('unflattenAttributes').list()) {
    if (entry.isBlank) continue;
    unflatten.push({ attributeName: entry.child('attributeName').requiredString(), attributeValue: entry.child('attributeValue').requiredString() });
  }
  return {
    ...readCall(node),
    idPath: node.child('idPath').jsonPath(),
    requestMapping: readRequestMapping(node.child('requestMapping')),
    unflatten,
    additionalSteps: readWriteSteps(node.child('additionalStep')),
  };
}

function readWriteSteps(node: ConfigNode): WriteStep[] {
  return node.list().filter((s) => !s.isBlank).map((s) => ({
    ...readCall(s),
    requestMapping: s.child('requestMapping').isBlank ? undefined : readRequestMapping(s.child('requestMapping')),
  }));
}

function readPagination(node: ConfigNode): Pagination {
  node.object();
  const style = (key: string): PaginationStyle | undefined => {
    const n = node.child(key);
    if (n.isBlank) return undefined;
    const paramText = n.child('param').string();
    const params = paramText === undefined ? {} : parseParams(paramText);
    const type = n.child('type').oneOf(['param', 'body'] as const) ?? (n.child('requestBody').isSet ? 'body' : 'param');
    if (type === 'param' && paramText === undefined) n.child('param').problem(`is required when ${n.path}.type is param`);
    if (type === 'body' && !n.child('requestBody').isSet) n.child('requestBody').problem(`is required when ${n.path}.type is body`);
    return { type, params, requestBody: n.child('requestBody').value, path: n.child('path').string() };
  };
  const cookieNode = node.child('pagedResultsCookie');
  let cookieSource: CookieSource | undefined;
  if (!cookieNode.isBlank) {
    const type = cookieNode.child('type').oneOf(['body', 'header'] as const) ?? 'body';
    const path = cookieNode.child('path').requiredString();
    cookieSource = {
      type,
      path,
      bodyPath: type === 'body' ? cookieNode.child('path').jsonPath() : undefined,
      regularExpression: cookieNode.child('regularExpression').regExp(),
    };
  }
  const cookie = style('cookiePagination');
  if (cookie && !cookieSource) node.child('pagedResultsCookie').problem('is required with cookiePagination (where does the next cookie come from?)');
  return { offset: style('offSetPagination'), cookie, pageSize: style('pageSizePagination'), pagedResultsCookie: cookieSource };
}

function readExceptions(node: ConfigNode): ExceptionRule[] {
  const rules: ExceptionRule[] = [];
  const o = node.object();
  if (!o) return rules;
  for (const key of Object.keys(o)) {
    const kindNode = node.child(key);
    const kind = EXCEPTION_KINDS.find((k) => k === key);
    if (!kind) {
      if (!kindNode.isBlank) kindNode.problem(`is not an exception type (use ${EXCEPTION_KINDS.join(', ')})`);
      continue;
    }
    for (const entry of kindNode.list()) {
      if (entry.isBlank) continue;
      const codeNode = entry.child('code');
      const code = typeof codeNode.value === 'number' ? String(codeNode.value) : codeNode.requiredString();
      const status = Number(code);
      if (code && (!/^\d{3}$/.test(code) || status < 200)) codeNode.problem('must be an HTTP error status such as "404"');
      const messageErrorPath = required(entry.child('messageErrorPath'));
      const regularExpression = entry.child('regularExpression').regExp();
      // RPC-style APIs report some failures in a 200 (Dropbox's add_v2 items): allowed, but only recognised by their text.
      if (status >= 200 && status < 400 && !entry.child('regularExpression').isSet) {
        entry.child('regularExpression').problem(`is required when code is a success status (${code})`);
      }
      rules.push({ kind, status, messageErrorPath, regularExpression });
    }
  }
  return rules;
}

function readFilters(node: ConfigNode): FilterConfig | undefined {
  if (node.isBlank) return undefined;
  const operators: Partial<Record<FilterOperator, string>> = {};
  const opsNode = node.child('operators');
  for (const [key, value] of Object.entries(opsNode.object() ?? {})) {
    if (value === null) continue;
    const op = FILTER_OPERATORS.find((o) => o === key.toLowerCase());
    if (!op) opsNode.child(key).problem(`is not a filter operator (use ${FILTER_OPERATORS.join(', ')})`);
    else if (typeof value !== 'string' || value === '') opsNode.child(key).problem('must be a non-empty string');
    else operators[op] = value;
  }
  return {
    quotes: decode(node.child('quotes').string() ?? '"'),
    separator: decode(node.child('separator').string() ?? ' '),
    queryParamKey: node.child('queryParamKey').requiredString(' when filters are configured'),
    operators,
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
