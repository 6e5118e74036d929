import { findAttribute, type AttributeDef } from './attribute-def.js';

/** `[schemaUrn:]attribute[.subAttribute]` (RFC 7644 §3.10), not yet checked against a schema. */
export interface AttrPath {
  readonly schema?: string;
  readonly attribute: string;
  readonly subAttribute?: string;
}

/** An attribute path bound to its definitions. */
export interface ResolvedPath {
  readonly def: AttributeDef;
  readonly sub?: AttributeDef;
}

const NAME = String.raw`(?:\$ref|[A-Za-z][\w-]*)`;
const PATH = new RegExp(String.raw`^(?:(urn:\S+):)?(${NAME})(?:\.(${NAME}))?$`, 'i');

/** Parses the path syntax; undefined when it is not one. */
export function parseAttrPath(text: string): AttrPath | undefined {
  const match = PATH.exec(text.trim());
  if (!match) return undefined;
  const [, schema, attributeName, subAttribute] = match;
  return {
    ...(schema === undefined ? {} : { schema }),
    attribute: attributeName!,
    ...(subAttribute === undefined ? {} : { subAttribute }),
  };
}

/** Binds a path to the resource's definitions (names case-insensitive); undefined when unknown. */
export function resolveAttrPath(path: AttrPath, defs: readonly AttributeDef[], schemas: readonly string[]): ResolvedPath | undefined {
  if (path.schema !== undefined && !schemas.some((s) => s.toLowerCase() === path.schema!.toLowerCase())) return undefined;
  const def = findAttribute(defs, path.attribute);
  if (!def) return undefined;
  if (path.subAttribute === undefined) return { def };
  const sub = findAttribute(def.subAttributes, path.subAttribute);
  return sub ? { def, sub } : undefined;
}
