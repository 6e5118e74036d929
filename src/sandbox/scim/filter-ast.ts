import type { JsonPrimitive } from '../../util/json.js';
import type { AttrPath } from './attribute-path.js';

/** The comparison operators of RFC 7644 §3.4.2.2. */
export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export const COMPARE_OPS: readonly CompareOp[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

/** A parsed SCIM filter. Paths inside a value filter (`emails[type eq "work"]`) are relative to the element. */
export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly filter: FilterNode }
  | { readonly kind: 'compare'; readonly path: AttrPath; readonly op: CompareOp; readonly value: JsonPrimitive }
  | { readonly kind: 'present'; readonly path: AttrPath }
  | {
      readonly kind: 'valuePath';
      readonly path: AttrPath;
      readonly filter: FilterNode;
      /** `emails[type eq "work"].value co "x"`: the test on the sub-attribute of the matching elements. */
      readonly then?: FilterNode;
    };

/** A filter or path that does not parse, or names what the resource does not have. */
export class FilterError extends Error {
  override readonly name = 'FilterError';
}
