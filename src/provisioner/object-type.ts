import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { ObjectTypeConfig } from '../config/provisioner-config.js';
import type { JsonPointer } from '../crest/json-pointer.js';
import { filterValueToJson, type QueryFilter } from '../crest/query-filter.js';
import { ResourceError } from '../crest/resource-error.js';
import type { JsonObject, JsonPrimitive, JsonValue } from '../util/json.js';
import { isJsonObject } from '../util/json.js';
import type { ComparisonOperator, Filter } from './filter.js';
import { SpecialAttribute, type AttributeMap, type ConnectorObject } from './objects.js';
import { objectTypeSchema } from './object-type-schema.js';
import { toPropertyDef, type PropertyDef } from './property-def.js';
import type { SortKey } from './spi.js';

// One Ajv for all object types; coerceTypes mirrors IDM's write coercion ("29" → 29, "true" → true, x → [x]).
const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: 'array', useDefaults: false });

const OPERATORS: ReadonlySet<string> = new Set(['eq', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'ca']);

/** The result of translating a `_queryFilter`: a connector filter, everything (null) or nothing (false). */
export type TranslatedFilter = Filter | null | false;

/**
 * One configured object type: IDM names ⇄ native names, validation of writes against the
 * JSON schema generated from `objectTypes`, flags, and what is returned on reads.
 */
export class ObjectType {
  readonly name: string;
  readonly nativeType: string;
  readonly properties: ReadonlyMap<string, PropertyDef>;
  readonly nameProperty: PropertyDef | undefined;
  private readonly byNative: ReadonlyMap<string, PropertyDef>;
  private readonly absentIfNull: boolean;
  private readonly absentIfEmpty: boolean;
  private readonly validateCreate: ValidateFunction;
  private readonly validateUpdate: ValidateFunction;

  constructor(name: string, config: ObjectTypeConfig) {
    this.name = name;
    this.nativeType = config.nativeType;
    const defs = Object.entries(config.properties ?? {}).map(([k, v]) => toPropertyDef(k, v));
    this.properties = new Map(defs.map((d) => [d.idmName, d]));
    this.byNative = new Map(defs.map((d) => [d.nativeName, d]));
    this.nameProperty = defs.find((d) => d.isName);
    // The seed documents absentIfNull default true and absentIfEmpty default false.
    this.absentIfNull = config.absentIfNull ?? true;
    this.absentIfEmpty = config.absentIfEmpty ?? false;
    const list = [...this.properties.values()].filter((d) => d.nativeName !== SpecialAttribute.UID);
    this.validateCreate = ajv.compile(objectTypeSchema(list, 'create'));
    this.validateUpdate = ajv.compile(objectTypeSchema(list, 'update'));
  }

  /** The JSON schema of this type for create/update/read (for API descriptions). */
  jsonSchema(mode: 'create' | 'update' | 'read'): JsonObject {
    return objectTypeSchema([...this.properties.values()].filter((d) => d.nativeName !== SpecialAttribute.UID), mode);
  }

  /** Native attributes for a create (research §4.3); `id` is a client-chosen id (PUT) used as __NAME__ fallback. */
  createAttributes(body: JsonObject, id?: string): AttributeMap {
    const content = this.validated(body, 'create');
    const attributes: AttributeMap = {};
    const name = this.nameProperty ? content[this.nameProperty.idmName] : undefined;
    const nameValue = name !== undefined && name !== null && name !== '' ? name : (id ?? content._id);
    if (nameValue !== undefined && nameValue !== null && nameValue !== '') attributes[SpecialAttribute.NAME] = String(nameValue);
    for (const def of this.properties.values()) {
      if (def.isName || def.nativeName === SpecialAttribute.UID || !def.creatable) continue;
      if (!Object.hasOwn(content, def.idmName)) continue;
      const value = content[def.idmName]!;
      if (value === null || (Array.isArray(value) && value.length === 0)) continue;
      attributes[def.nativeName] = value;
    }
    return attributes;
  }

  /** Native attributes for a PUT: partial replace, NOT_UPDATEABLE dropped, null clears (research §4.4). */
  updateAttributes(body: JsonObject, options: { includeNotUpdateable?: boolean } = {}): AttributeMap {
    const content = this.validated(body, 'update');
    const attributes: AttributeMap = {};
    for (const def of this.properties.values()) {
      if (def.nativeName === SpecialAttribute.UID || !Object.hasOwn(content, def.idmName)) continue;
      if (!def.updateable && !options.includeNotUpdateable) continue;
      const value = content[def.idmName]!;
      if (value === null && def.confidential) continue;
      attributes[def.nativeName] = value;
    }
    return attributes;
  }

  private validated(body: JsonObject, mode: 'create' | 'update'): JsonObject {
    const validate = mode === 'create' ? this.validateCreate : this.validateUpdate;
    // Null required values and unknown members get IDM's own messages before any type error.
    for (const key of Object.keys(body)) {
      if (!key.startsWith('_') && !this.properties.has(key)) throw ResourceError.badRequest(`Target does not support attribute ${key}`);
    }
    if (mode === 'create') {
      for (const def of this.properties.values()) {
        if (def.required && def.creatable && !def.isName && (body[def.idmName] === null || body[def.idmName] === undefined)) {
          throw ResourceError.badRequest(`Required attribute '${def.idmName}' value is null`);
        }
      }
    }
    const content = structuredClone(body);
    if (!validate(content)) throw this.validationError(validate.errors ?? []);
    return content;
  }

  private validationError(errors: readonly ErrorObject[]): ResourceError {
    const error = errors[0];
    if (!error) return ResourceError.badRequest('The request content is invalid');
    if (error.keyword === 'additionalProperties') {
      return ResourceError.badRequest(`Target does not support attribute ${(error.params as { additionalProperty: string }).additionalProperty}`);
    }
    if (error.keyword === 'required') {
      return ResourceError.badRequest(`Required attribute '${(error.params as { missingProperty: string }).missingProperty}' value is null`);
    }
    const attribute = error.instancePath.split('/')[1] ?? '';
    return ResourceError.badRequest(`Failed build ${attribute} attribute.`, { reason: `${error.instancePath} ${error.message ?? 'is invalid'}` });
  }

  /** Native attributes to fetch for a read/query with these `_fields` (research §4.6). */
  attributesToGet(fields: readonly JsonPointer[] | undefined): string[] {
    const defaults = (): PropertyDef[] => [...this.properties.values()].filter((d) => d.readable && d.returnedByDefault);
    if (!fields) return defaults().map((d) => d.nativeName);
    const wanted = new Set<string>();
    for (const pointer of fields) {
      const head = pointer.tokens[0];
      if (head === undefined || head === '*') defaults().forEach((d) => wanted.add(d.nativeName));
      else if (this.properties.get(head)?.readable) wanted.add(this.properties.get(head)!.nativeName);
    }
    return [...wanted];
  }

  /** Builds the IDM resource from a connector object; with `_fields`, only those members (plus `_id`). */
  toResource(object: ConnectorObject, fields?: readonly JsonPointer[]): JsonObject {
    return this.resourceBuilder(fields)(object);
  }

  /**
   * toResource for many objects with one `_fields`: the selection is worked out once, and when it
   * selects nothing (query-all-ids) the attributes are not looked at.
   */
  resourceBuilder(fields?: readonly JsonPointer[]): (object: ConnectorObject) => JsonObject {
    const selected = fields ? this.selectedNames(fields) : undefined;
    if (selected?.size === 0) {
      return (object) => {
        const resource: JsonObject = { _id: object.uid.value };
        if (object.uid.revision !== undefined) resource._rev = object.uid.revision;
        return resource;
      };
    }
    return (object) => {
      const resource: JsonObject = { _id: object.uid.value };
      if (object.uid.revision !== undefined) resource._rev = object.uid.revision;
      for (const [nativeName, raw] of Object.entries(object.attributes)) {
        const def = this.byNative.get(nativeName);
        if (!def || !def.readable || def.nativeName === SpecialAttribute.UID) continue;
        if (selected ? !selected.has(def.idmName) : !def.returnedByDefault) continue;
        const value = readValue(def, raw);
        if (value === null && this.absentIfNull) continue;
        if (Array.isArray(value) && value.length === 0 && this.absentIfEmpty) continue;
        resource[def.idmName] = value;
      }
      return resource;
    };
  }

  private selectedNames(fields: readonly JsonPointer[]): Set<string> {
    const names = new Set<string>();
    for (const pointer of fields) {
      const head = pointer.tokens[0];
      if (head === undefined || head === '*') {
        for (const d of this.properties.values()) if (d.returnedByDefault) names.add(d.idmName);
      } else {
        names.add(head);
      }
    }
    return names;
  }

  /** `_queryFilter` over IDM names → connector filter over native names (research §3.7). */
  translateFilter(filter: QueryFilter): TranslatedFilter {
    switch (filter.type) {
      case 'literal':
        return filter.value ? null : false;
      case 'and': {
        const parts: Filter[] = [];
        for (const sub of filter.subfilters) {
          const t = this.translateFilter(sub);
          if (t === false) return false;
          if (t !== null) parts.push(t);
        }
        return parts.length === 0 ? null : parts.length === 1 ? parts[0]! : { type: 'and', filters: parts };
      }
      case 'or': {
        const parts: Filter[] = [];
        for (const sub of filter.subfilters) {
          const t = this.translateFilter(sub);
          if (t === null) return null;
          if (t !== false) parts.push(t);
        }
        return parts.length === 0 ? false : parts.length === 1 ? parts[0]! : { type: 'or', filters: parts };
      }
      case 'not': {
        const t = this.translateFilter(filter.subfilter);
        return t === null ? false : t === false ? null : { type: 'not', filter: t };
      }
      case 'pr': {
        const attribute = this.filterAttribute(filter.field, true);
        return attribute === undefined ? false : { type: 'pr', attribute };
      }
      case 'comparison': {
        const operator = filter.operator.toLowerCase();
        if (!OPERATORS.has(operator)) throw ResourceError.badRequest('ExtendedMatchFilter is not supported');
        const attribute = this.filterAttribute(filter.field, false)!;
        const value = this.filterValue(attribute, filterValueToJson(filter.value));
        return { type: operator as ComparisonOperator, attribute, value };
      }
    }
  }

  private filterAttribute(field: JsonPointer, forPresence: boolean): string | undefined {
    if (field.tokens.length !== 1) throw ResourceError.badRequest('Only one level JsonPointer supported');
    const name = field.tokens[0]!;
    if (name === '_id') return SpecialAttribute.UID;
    const def = this.properties.get(name);
    if (!def) {
      if (forPresence) return undefined;
      throw ResourceError.badRequest(`Attribute ${name} does not exist as part of ${this.nativeType}`);
    }
    return def.nativeName;
  }

  private filterValue(attribute: string, value: JsonPrimitive): JsonPrimitive {
    if (attribute === SpecialAttribute.UID) return String(value);
    const def = this.byNative.get(attribute);
    const type = def?.multivalued && typeof def.items?.type === 'string' ? def.items.type : def?.type;
    return coerceScalar(type ?? 'any', value);
  }

  /** `_sortKeys` (IDM names) → native sort keys; `_id` sorts by uid. */
  sortKeys(keys: readonly { field: JsonPointer; ascending: boolean }[]): SortKey[] {
    return keys.map((k) => {
      const name = k.field.leaf ?? '';
      if (name === '_id') return { attribute: SpecialAttribute.UID, ascending: k.ascending };
      const def = this.properties.get(name);
      if (!def) throw ResourceError.badRequest(`The sort key '${name}' is not a property of ${this.name}`);
      return { attribute: def.nativeName, ascending: k.ascending };
    });
  }

  /** The property a PATCH field addresses (first pointer token); unknown → IDM's 400. */
  patchProperty(field: JsonPointer): PropertyDef | undefined {
    const head = field.tokens[0];
    if (head === undefined || head.startsWith('_')) return undefined;
    const def = this.properties.get(head);
    if (!def) throw ResourceError.badRequest(`Target does not support attribute ${head}`);
    return def;
  }
}

/** Coerces a value read from a connector to the property's IDM type (research §4.7). */
function readValue(def: PropertyDef, raw: JsonValue): JsonValue {
  if (def.multivalued) {
    if (raw === null || raw === undefined) return [];
    const itemType = typeof def.items?.type === 'string' ? def.items.type : def.type === 'array' ? 'any' : def.type;
    return (Array.isArray(raw) ? raw : [raw]).map((v) => coerceRead(itemType, v));
  }
  if (Array.isArray(raw)) return raw.length === 0 ? null : coerceRead(def.type, raw[0]!);
  return coerceRead(def.type, raw);
}

function coerceRead(type: string, value: JsonValue): JsonValue {
  if (value === null || isJsonObject(value) || Array.isArray(value)) return value;
  return coerceScalar(type, value);
}

function coerceScalar(type: string, value: JsonPrimitive): JsonPrimitive {
  if (value === null) return null;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : String(value);
    case 'integer':
    case 'number': {
      if (typeof value === 'number') return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? n : value;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      if (value === 0 || value === 1) return value === 1;
      return value;
    default:
      return value;
  }
}
