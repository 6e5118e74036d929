import type { PropertyConfig } from '../config/provisioner-config.js';
import type { JsonObject } from '../util/json.js';
import { isJsonObject } from '../util/json.js';
import { SpecialAttribute } from './objects.js';

/** A configured object-type property, with its flags resolved (research §4.2, §4.5). */
export interface PropertyDef {
  readonly idmName: string;
  readonly nativeName: string;
  /** IDM type: string, integer, number, boolean, object, array, any. */
  readonly type: string;
  readonly nativeType: string | undefined;
  readonly items: JsonObject | undefined;
  readonly required: boolean;
  readonly multivalued: boolean;
  readonly creatable: boolean;
  readonly updateable: boolean;
  readonly readable: boolean;
  readonly returnedByDefault: boolean;
  /** True for the property mapped to `__NAME__`. */
  readonly isName: boolean;
  /** True for a GuardedString property (never logged, never returned in clear). */
  readonly confidential: boolean;
}

export function toPropertyDef(idmName: string, config: PropertyConfig): PropertyDef {
  const flags = new Set(config.flags ?? []);
  const rawType = Array.isArray(config.type) ? config.type.find((t) => t !== 'null') : config.type;
  const type = typeof rawType === 'string' ? rawType.toLowerCase() : 'any';
  const nativeName = config.nativeName ?? idmName;
  const nativeType = config.nativeType;
  return {
    idmName,
    nativeName,
    type,
    nativeType,
    items: isJsonObject(config.items) ? config.items : undefined,
    required: config.required === true || flags.has('REQUIRED'),
    multivalued: type === 'array' || flags.has('MULTIVALUED'),
    creatable: !flags.has('NOT_CREATABLE'),
    updateable: !flags.has('NOT_UPDATEABLE'),
    readable: !flags.has('NOT_READABLE'),
    returnedByDefault: !flags.has('NOT_RETURNED_BY_DEFAULT'),
    isName: nativeName === SpecialAttribute.NAME,
    confidential: nativeType === 'JAVA_TYPE_GUARDEDSTRING' || nativeType === 'JAVA_TYPE_GUARDEDBYTEARRAY' || nativeName === SpecialAttribute.PASSWORD,
  };
}
