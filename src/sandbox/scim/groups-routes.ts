import type { Router } from 'express';
import { isJsonObject, type JsonObject, type JsonValue } from '../../util/json.js';
import { GROUP_ATTRIBUTES } from './group-schema.js';
import { locationOf } from './render-resource.js';
import { resourceRoutes } from './resource-routes.js';
import type { ResourceType } from './resource-type.js';
import { ScimError } from './scim-error.js';
import type { ScimRepository } from './scim-repository.js';
import { SCIM_URN } from './scim-urns.js';

/**
 * The Group resource type: every member must be an existing User or Group (400 invalidValue
 * otherwise), never the group itself; duplicates collapse; `type` is set by the server;
 * rendering adds each member's `display` and `$ref`.
 */
export function groupResourceType(repo: ScimRepository): ResourceType {
  return {
    name: 'Group',
    endpoint: 'Groups',
    kind: 'groups',
    schema: SCIM_URN.group,
    description: 'Groups of users',
    attributes: GROUP_ATTRIBUTES,
    prepare(attributes, existing) {
      const result = { ...attributes };
      if (!Array.isArray(result.members)) return result;
      const members = new Map<string, JsonObject>();
      for (const member of result.members) {
        const value = isJsonObject(member) ? member.value : undefined;
        if (typeof value !== 'string' || value === '') throw ScimError.badRequest('invalidValue', "Each member needs a 'value' (the member's id)");
        if (value === existing?.id) throw ScimError.badRequest('invalidValue', 'A group cannot be a member of itself');
        const type = repo.get('users', value) ? 'User' : repo.get('groups', value) ? 'Group' : undefined;
        if (!type) throw ScimError.badRequest('invalidValue', `Member '${value}' is neither a User nor a Group`);
        members.set(value, { value, type });
      }
      result.members = [...members.values()];
      return result;
    },
    derive(record, base): JsonObject {
      const members = record.attributes.members;
      if (!Array.isArray(members)) return {};
      return {
        members: members.filter(isJsonObject).map((member): JsonValue => {
          const id = String(member.value);
          const isGroup = member.type === 'Group';
          const target = repo.get(isGroup ? 'groups' : 'users', id);
          const attributes = target?.attributes ?? {};
          const name = attributes.name;
          const display = isGroup
            ? attributes.displayName
            : (attributes.displayName ?? (isJsonObject(name) ? name.formatted : undefined) ?? attributes.userName);
          return { value: id, $ref: locationOf(base, isGroup ? 'Groups' : 'Users', id), display: display ?? null, type: member.type ?? 'User' };
        }),
      };
    },
  };
}

/** `/v2/Groups`: list, search, create, read, replace, patch, delete. */
export function groupsRoutes(repo: ScimRepository): Router {
  return resourceRoutes(groupResourceType(repo), repo);
}
