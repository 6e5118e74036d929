import type { Router } from 'express';
import { isJsonObject, type JsonObject, type JsonValue } from '../../util/json.js';
import { locationOf } from './render-resource.js';
import { resourceRoutes } from './resource-routes.js';
import type { ResourceType } from './resource-type.js';
import type { ScimRecord } from './scim-data.js';
import { ScimError } from './scim-error.js';
import type { ScimRepository } from './scim-repository.js';
import { SCIM_URN } from './scim-urns.js';
import { USER_ATTRIBUTES } from './user-schema.js';

/**
 * The User resource type: userName unique (case-insensitively, 409 uniqueness), `active`
 * defaults to true, `status` is written through to `active`, a PUT without `password` keeps it;
 * rendering adds `groups`, `status` and `name.formatted` (when not set).
 */
export function userResourceType(repo: ScimRepository): ResourceType {
  return {
    name: 'User',
    endpoint: 'Users',
    kind: 'users',
    schema: SCIM_URN.user,
    description: 'User accounts',
    attributes: USER_ATTRIBUTES,
    prepare(attributes, existing) {
      const result = dropDerivedFormatted(applyStatus({ ...attributes }, existing));
      if (existing && result.password === undefined && existing.attributes.password !== undefined) {
        result.password = existing.attributes.password;
      }
      if (typeof result.userName === 'string') {
        const holder = repo.userByUserName(result.userName);
        if (holder && holder.id !== existing?.id) {
          throw new ScimError(409, `userName '${result.userName}' is already in use`, 'uniqueness');
        }
      }
      return result;
    },
    derive(record, base) {
      const derived: JsonObject = { status: record.attributes.active === false ? 'inactive' : 'active' };
      const name = record.attributes.name;
      if (isJsonObject(name) && name.formatted === undefined) {
        const formatted = formattedName(name);
        if (formatted !== '') derived.name = { formatted, ...name };
      }
      const groups = repo.groupsOf(record.id).map(
        (group): JsonValue => ({
          value: group.id,
          $ref: locationOf(base, 'Groups', group.id),
          display: group.attributes.displayName ?? null,
          type: 'direct',
        }),
      );
      if (groups.length > 0) derived.groups = groups;
      return derived;
    },
  };
}

/** The full name the sandbox derives from the parts of `name`. */
function formattedName(name: JsonObject): string {
  return [name.honorificPrefix, name.givenName, name.middleName, name.familyName, name.honorificSuffix]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(' ');
}

/** A `name.formatted` equal to the derived one (a GET-modify-PUT round trip) is not stored, so it keeps following the parts. */
function dropDerivedFormatted(attributes: JsonObject): JsonObject {
  const name = attributes.name;
  if (isJsonObject(name) && name.formatted !== undefined && name.formatted === formattedName(name)) {
    const { formatted: _formatted, ...parts } = name;
    if (Object.keys(parts).length > 0) attributes.name = parts;
    else delete attributes.name;
  }
  return attributes;
}

/** `status` ("active" | "inactive") sets `active` unless the same write also changed `active`. */
function applyStatus(attributes: JsonObject, existing: ScimRecord | undefined): JsonObject {
  const status = attributes.status;
  delete attributes.status;
  if (status !== undefined && !(typeof status === 'string' && /^(active|inactive)$/i.test(status))) {
    throw ScimError.badRequest('invalidValue', "Attribute 'status' must be 'active' or 'inactive'");
  }
  const fromStatus = typeof status === 'string' ? status.toLowerCase() === 'active' : undefined;
  const previous = existing?.attributes.active;
  if (attributes.active === undefined) attributes.active = fromStatus ?? true;
  else if (fromStatus !== undefined && attributes.active === previous && fromStatus !== previous) attributes.active = fromStatus;
  return attributes;
}

/** `/v2/Users`: list, search, create, read, replace, patch, delete. */
export function usersRoutes(repo: ScimRepository): Router {
  return resourceRoutes(userResourceType(repo), repo);
}
