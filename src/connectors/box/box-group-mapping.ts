import { InvalidAttributeValueError } from '../../provisioner/connector-errors.js';
import { ObjectClass, SpecialAttribute, type AttributeMap, type ConnectorObject } from '../../provisioner/objects.js';
import type { JsonObject, JsonValue } from '../../util/json.js';
import { toBoxString } from './box-values.js';
import type { BoxGroup } from './box-wire.js';

const TEXTS = ['provenance', 'description', 'group_type', 'invitability_level', 'member_viewability_level', 'type', 'external_sync_identifier'] as const;

/** What `POST /groups` and `PUT /groups/{id}` accept besides `name`; levels are enums and cannot be cleared. */
const WRITABLE = new Set(['provenance', 'description', 'external_sync_identifier', 'invitability_level', 'member_viewability_level']);
const ENUMS = new Set(['invitability_level', 'member_viewability_level']);

/** Read-only in Box (response-only members of Group--Full). */
const READ_ONLY = new Set(['group_type', 'type', 'permissions', SpecialAttribute.UID]);

/** A Box group (full field set) as a connector object; `name` is also given for the synonym attribute. */
export function groupToObject(group: BoxGroup): ConnectorObject {
  const name = typeof group.name === 'string' ? group.name : null;
  const attributes: Record<string, JsonValue> = { [SpecialAttribute.UID]: group.id, [SpecialAttribute.NAME]: name, name };
  for (const field of TEXTS) attributes[field] = typeof group[field] === 'string' ? (group[field] as string) : null;
  if (typeof group.permissions === 'object' && group.permissions !== null) attributes.permissions = group.permissions as JsonObject;
  return { objectClass: ObjectClass.GROUP, uid: { value: group.id }, attributes };
}

/**
 * The `POST /groups` / `PUT /groups/{id}` body. `__NAME__` wins over its synonym `name` when both
 * differ; on update a null clears a text field. @throws InvalidAttributeValueError for values Box cannot take.
 */
export function groupBody(attributes: AttributeMap, mode: 'create' | 'update'): Record<string, string> {
  const body: Record<string, string> = {};
  const names = [attributes[SpecialAttribute.NAME], attributes.name].filter((v) => v !== undefined);
  for (const value of names.slice(0, 1)) {
    const text = toBoxString(SpecialAttribute.NAME, value);
    if (text === null || text.trim() === '') throw new InvalidAttributeValueError('__NAME__ (the Box group name) cannot be empty');
    body.name = text;
  }
  for (const [name, value] of Object.entries(attributes)) {
    if (name === SpecialAttribute.NAME || name === 'name' || READ_ONLY.has(name)) continue;
    if (!WRITABLE.has(name)) throw new InvalidAttributeValueError(`${name} is not an attribute Box groups have`);
    const text = toBoxString(name, value);
    if (text === null) {
      if (mode === 'create') continue;
      if (ENUMS.has(name)) throw new InvalidAttributeValueError(`${name} cannot be cleared on a Box group (use admins_only, admins_and_members or all_managed_users)`);
      body[name] = '';
      continue;
    }
    body[name] = text;
  }
  return body;
}
