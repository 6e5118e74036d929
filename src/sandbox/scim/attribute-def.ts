/** SCIM attribute data types (RFC 7643 §2.3; binary is not used by the sandbox). */
export type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex';

/** One attribute definition, as published under `/Schemas` (RFC 7643 §7). */
export interface AttributeDef {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  readonly returned: 'always' | 'never' | 'default' | 'request';
  readonly uniqueness: 'none' | 'server' | 'global';
  readonly subAttributes?: readonly AttributeDef[];
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
}

type AttributeOptions = Partial<Omit<AttributeDef, 'name' | 'type' | 'description'>>;

/** Builds a definition with RFC 7643's defaults (single-valued, optional, caseExact false, readWrite, returned by default). */
export function attribute(name: string, type: AttributeType, description: string, options: AttributeOptions = {}): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

/** Finds a definition by name, case-insensitively (attribute names are case-insensitive in SCIM). */
export function findAttribute(defs: readonly AttributeDef[] | undefined, name: string): AttributeDef | undefined {
  if (!defs) return undefined;
  const wanted = name.toLowerCase();
  return defs.find((d) => d.name.toLowerCase() === wanted);
}
