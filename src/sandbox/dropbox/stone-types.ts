/**
 * A small model of Stone, the interface language of the Dropbox API (see shared/specs/dropbox),
 * enough to describe route arguments and decode them the way Dropbox's servers do.
 * `Infer<T>` gives the TypeScript type a decoded value has.
 */

export interface StringType {
  readonly kind: 'string';
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  /** Literal values accepted although they miss `pattern` (the seed's placeholder ids). */
  readonly allow?: readonly string[];
}

export interface IntegerType {
  readonly kind: 'integer';
  readonly min: number;
  readonly max: number;
}

export interface BooleanType {
  readonly kind: 'boolean';
}

export interface ListType<I extends StoneType = StoneType> {
  readonly kind: 'list';
  readonly item: I;
  readonly maxItems?: number;
}

export type Presence = 'required' | 'optional' | 'default';

export interface Field<T extends StoneType = StoneType, P extends Presence = Presence> {
  readonly type: T;
  readonly presence: P;
  readonly defaultValue?: unknown;
}

export interface StructType<F extends Record<string, Field> = Record<string, Field>> {
  readonly kind: 'struct';
  readonly fields: F;
}

/** Tags map to their value type, or `null` for a Void member. */
export type UnionTags = Record<string, StoneType | null>;

export interface UnionType<U extends UnionTags = UnionTags> {
  readonly kind: 'union';
  readonly tags: U;
  /** The catch-all tag of an open union (`other`); callers may not send it. */
  readonly catchAll?: string;
}

export type StoneType = StringType | IntegerType | BooleanType | ListType | StructType | UnionType;

type InferStruct<F extends Record<string, Field>> = {
  [K in keyof F as F[K]['presence'] extends 'optional' ? never : K]: Infer<F[K]['type']>;
} & {
  [K in keyof F as F[K]['presence'] extends 'optional' ? K : never]?: Infer<F[K]['type']>;
};

type InferUnion<U extends UnionTags> = {
  [K in keyof U & string]: U[K] extends StoneType ? { tag: K; value: Infer<U[K]> } : { tag: K };
}[keyof U & string];

/** The decoded value of a Stone type: structs become objects, unions `{tag, value?}`. */
export type Infer<T> = T extends StringType
  ? string
  : T extends IntegerType
    ? number
    : T extends BooleanType
      ? boolean
      : T extends ListType<infer I>
        ? Infer<I>[]
        : T extends StructType<infer F>
          ? InferStruct<F>
          : T extends UnionType<infer U>
            ? InferUnion<U>
            : never;

/** Stone `String` with optional length / pattern constraints. */
export function string(options: Omit<StringType, 'kind'> = {}): StringType {
  return { kind: 'string', ...options };
}

/** Stone `UInt32`, optionally narrowed to [min, max]. */
export function uint32(min = 0, max = 4_294_967_295): IntegerType {
  return { kind: 'integer', min, max };
}

/** Stone `Boolean`. */
export const boolean: BooleanType = { kind: 'boolean' };

/** Stone `List(item, max_items)`. */
export function list<I extends StoneType>(item: I, maxItems?: number): ListType<I> {
  return maxItems === undefined ? { kind: 'list', item } : { kind: 'list', item, maxItems };
}

/** A struct field that must be present. */
export function required<T extends StoneType>(type: T): Field<T, 'required'> {
  return { type, presence: 'required' };
}

/** A nullable struct field (`Type?`): absent or null means unset. */
export function optional<T extends StoneType>(type: T): Field<T, 'optional'> {
  return { type, presence: 'optional' };
}

/** A struct field with a default (`Type = value`). */
export function withDefault<T extends StoneType>(type: T, defaultValue: Infer<T>): Field<T, 'default'> {
  return { type, presence: 'default', defaultValue };
}

/** A Stone struct. */
export function struct<F extends Record<string, Field>>(fields: F): StructType<F> {
  return { kind: 'struct', fields };
}

/** A Stone union; `catchAll` names the open union's `other` tag. */
export function union<U extends UnionTags>(tags: U, catchAll?: string): UnionType<U> {
  return catchAll === undefined ? { kind: 'union', tags } : { kind: 'union', tags, catchAll };
}
