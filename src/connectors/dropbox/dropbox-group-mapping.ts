import { InvalidAttributeValueError } from '../../provisioner/connector-errors.js';
import { ObjectClass, SpecialAttribute, type AttributeMap, type ConnectorObject } from '../../provisioner/objects.js';
import type { JsonValue } from '../../util/json.js';
import { isJsonObject } from '../../util/json.js';
import { optionalString } from './dropbox-member-mapping.js';
import { tagOf, type GroupAccessType, type GroupCreateArg, type GroupMemberAccess, type GroupMemberInfo, type GroupSummary } from './dropbox-wire.js';

/** The management types a caller may choose (`system_managed` is Dropbox's own default group). */
const MANAGEMENT_TYPES = ['company_managed', 'user_managed'] as const;

const CREATE_ATTRIBUTES = new Set(['group_name', SpecialAttribute.NAME, 'group_external_id', 'group_management_type', 'members']);

/**
 * A team group as a connector object (the seed's `__GROUP__`). `members` is present only when
 * the caller fetched them (`groups/get_info` or `groups/members/list`).
 */
export function groupObject(group: GroupSummary, members: readonly GroupMemberAccess[] | undefined): ConnectorObject {
  const attributes: Record<string, JsonValue> = {
    group_id: group.group_id,
    group_name: group.group_name,
    // Absent for groups without one; the seed's mapping script falls back to group_id.
    group_external_id: group.group_external_id ?? null,
    group_management_type: tagOf(group.group_management_type) ?? null,
    member_count: group.member_count ?? null,
  };
  if (members) attributes.members = members.map((m) => ({ access_type: m.access_type, team_member_id: m.team_member_id }));
  return { objectClass: ObjectClass.GROUP, uid: { value: group.group_id }, attributes };
}

/** GroupMemberInfo → the `members` entry (`team_member_id` and `access_type`). */
export function memberAccessOf(info: GroupMemberInfo): GroupMemberAccess {
  return { team_member_id: info.profile.team_member_id, access_type: tagOf(info.access_type) === 'owner' ? 'owner' : 'member' };
}

/** True for Dropbox's own group (every member belongs to it; it cannot be changed). */
export function isSystemManaged(group: GroupSummary): boolean {
  return tagOf(group.group_management_type) === 'system_managed';
}

/**
 * `groups/create` arguments and the members to add afterwards.
 * @throws InvalidAttributeValueError naming the attribute Dropbox cannot take.
 */
export function createGroupArg(attributes: AttributeMap): { arg: GroupCreateArg; members: readonly GroupMemberAccess[] } {
  for (const name of Object.keys(attributes)) {
    if (!CREATE_ATTRIBUTES.has(name)) throw new InvalidAttributeValueError(`Attribute '${name}' cannot be set when creating a Dropbox group`);
  }
  const name = optionalString(attributes, 'group_name') ?? optionalString(attributes, SpecialAttribute.NAME);
  if (!name) throw new InvalidAttributeValueError("Attribute 'group_name' is required to create a Dropbox group");
  const externalId = optionalString(attributes, 'group_external_id');
  const type = managementType(attributes);
  const members = Object.hasOwn(attributes, 'members') ? parseGroupMembers(attributes.members ?? null) : [];
  // Dropbox's default for a new group is company_managed.
  requireNoOwners(type ?? 'company_managed', members);
  return {
    arg: {
      group_name: name,
      ...(externalId ? { group_external_id: externalId } : {}),
      ...(type ? { group_management_type: type } : {}),
      add_creator_as_owner: false,
    },
    members,
  };
}

/** `group_management_type` when given: company_managed or user_managed. */
export function managementType(attributes: AttributeMap): string | undefined {
  const type = optionalString(attributes, 'group_management_type');
  if (type === undefined || (MANAGEMENT_TYPES as readonly string[]).includes(type)) return type;
  throw new InvalidAttributeValueError(`Attribute 'group_management_type' must be one of ${MANAGEMENT_TYPES.join(', ')} (got '${type}')`);
}

/**
 * The `members` attribute: `[{team_member_id, access_type}]`, access type `member` (default) or
 * `owner`; null is no members.
 * @throws InvalidAttributeValueError for a malformed entry or a member listed twice.
 */
export function parseGroupMembers(value: JsonValue): GroupMemberAccess[] {
  if (value === null) return [];
  const entries = Array.isArray(value) ? value : [value];
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const where = `Attribute 'members' entry ${i}`;
    if (!isJsonObject(entry)) throw new InvalidAttributeValueError(`${where} must be an object {team_member_id, access_type}`);
    for (const key of Object.keys(entry)) {
      if (key !== 'team_member_id' && key !== 'access_type') throw new InvalidAttributeValueError(`${where} has an unknown member '${key}' (expected team_member_id, access_type)`);
    }
    const id = entry.team_member_id;
    if (typeof id !== 'string' || id === '') throw new InvalidAttributeValueError(`${where} needs a team_member_id`);
    if (seen.has(id)) throw new InvalidAttributeValueError(`${where}: team member ${id} is listed twice`);
    seen.add(id);
    const access = entry.access_type ?? 'member';
    if (access !== 'member' && access !== 'owner') throw new InvalidAttributeValueError(`${where}: access_type must be member or owner`);
    return { team_member_id: id, access_type: access as GroupAccessType };
  });
}

/**
 * Dropbox refuses owners in company-managed groups; checked before any call so that a refused
 * update changes nothing. @throws InvalidAttributeValueError naming the owners.
 */
export function requireNoOwners(managementType: string | undefined, members: readonly GroupMemberAccess[]): void {
  if (managementType !== 'company_managed') return;
  const owners = members.filter((m) => m.access_type === 'owner').map((m) => m.team_member_id);
  if (owners.length > 0) {
    throw new InvalidAttributeValueError(`A company_managed Dropbox group cannot have owners (${owners.join(', ')}): use access_type member or group_management_type user_managed`);
  }
}
