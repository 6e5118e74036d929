import type { JsonValue } from '../util/json.js';

/** ICF's special object classes; any other string is a connector-defined class (e.g. "role"). */
export const ObjectClass = {
  ACCOUNT: '__ACCOUNT__',
  GROUP: '__GROUP__',
  ALL: '__ALL__',
} as const;

/** ICF's special attribute names. */
export const SpecialAttribute = {
  UID: '__UID__',
  NAME: '__NAME__',
  PASSWORD: '__PASSWORD__',
  ENABLE: '__ENABLE__',
} as const;

/** An object's identity on the resource, with an optional revision (IDM's `_rev`). */
export interface Uid {
  readonly value: string;
  readonly revision?: string;
}

/**
 * An object as a connector returns it: native attribute names, JSON values
 * (multi-valued attributes as arrays). `__NAME__` travels as an ordinary attribute.
 */
export interface ConnectorObject {
  readonly objectClass: string;
  readonly uid: Uid;
  readonly attributes: Readonly<Record<string, JsonValue>>;
}

/** Native attribute name → value, as handed to create/update. `null` clears the attribute on update. */
export type AttributeMap = Record<string, JsonValue>;
