import type { JsonObject } from '../../util/json.js';
import type { ResourceType } from './resource-type.js';
import type { ScimRecord } from './scim-data.js';
import { versionOf } from './etag.js';

/** The URL of a resource under the API base (`…/sandbox/scim/v2`). */
export function locationOf(base: string, endpoint: string, id: string): string {
  return `${base}/${endpoint}/${encodeURIComponent(id)}`;
}

/** The SCIM representation of a record: `schemas`, `id`, attributes in schema order, `meta`. Never `password`. */
export function renderResource(type: ResourceType, record: ScimRecord, base: string): JsonObject {
  const derived = type.derive(record, base);
  const resource: JsonObject = { schemas: [type.schema], id: record.id };
  for (const def of type.attributes) {
    if (def.name === 'id' || def.name === 'meta' || def.returned === 'never') continue;
    const value = derived[def.name] ?? record.attributes[def.name];
    if (value !== undefined) resource[def.name] = value;
  }
  resource.meta = {
    resourceType: type.name,
    created: record.meta.created,
    lastModified: record.meta.lastModified,
    location: locationOf(base, type.endpoint, record.id),
    version: versionOf(record),
  };
  return resource;
}
