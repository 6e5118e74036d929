import type { JsonObject } from '../../util/json.js';
import type { AttributeDef } from './attribute-def.js';
import type { ResourceKind, ScimRecord } from './scim-data.js';

/** What the generic resource routes need to know about Users or Groups. */
export interface ResourceType {
  /** "User" or "Group": `meta.resourceType`. */
  readonly name: string;
  /** "Users" or "Groups": the endpoint under `/v2`. */
  readonly endpoint: string;
  readonly kind: ResourceKind;
  /** The core schema URN. */
  readonly schema: string;
  readonly description: string;
  readonly attributes: readonly AttributeDef[];
  /** Server rules before a write (defaults, uniqueness, references); returns the attributes to store or throws ScimError. */
  prepare(attributes: JsonObject, existing: ScimRecord | undefined): JsonObject;
  /** Attributes computed when rendering (they win over stored ones): `groups`, `status`, `members[].display`… */
  derive(record: ScimRecord, base: string): JsonObject;
}
