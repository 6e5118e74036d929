import type { JsonObject } from '../../util/json.js';

/** The two collections of the sandbox directory. */
export type ResourceKind = 'users' | 'groups';

/** Server-kept bookkeeping of one resource (rendered as SCIM `meta`). */
export interface RecordMeta {
  /** ISO-8601 creation time. */
  created: string;
  /** ISO-8601 time of the last change. */
  lastModified: string;
  /** Incremented on every change; rendered as the weak ETag `W/"<revision>"`. */
  revision: number;
}

/**
 * One stored User or Group: its id, its meta, and its client-writable attributes under their
 * canonical SCIM names (derived ones — `groups`, `members[].display`, `status`, `meta` — are
 * computed when rendering).
 */
export interface ScimRecord {
  id: string;
  meta: RecordMeta;
  attributes: JsonObject;
}

/** The lowdb document of the SCIM sandbox. */
export interface ScimData {
  users: ScimRecord[];
  groups: ScimRecord[];
}
