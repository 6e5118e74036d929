import { InvalidArgumentError, InvalidAttributeValueError } from '../../provisioner/connector-errors.js';
import type { AttributeMap } from '../../provisioner/objects.js';
import { jsonEquals } from '../../util/json.js';
import { groupObject, isSystemManaged, managementType, parseGroupMembers, requireNoOwners } from './dropbox-group-mapping.js';
import { optionalString, withNameAs } from './dropbox-member-mapping.js';
import { GROUP_ATTRIBUTES, readOnlyNames } from './dropbox-schema.js';
import { tagOf, type GroupMemberAccess, type GroupSummary, type GroupUpdateChanges } from './dropbox-wire.js';

/** The Dropbox calls one `__GROUP__` update needs, in the order they run. */
export interface GroupUpdatePlan {
  /** `groups/update` with only the changed fields (first: a new management type governs owners). */
  readonly changes: GroupUpdateChanges | undefined;
  /** `groups/members/remove`: members not in the new list. */
  readonly remove: readonly string[];
  /** `groups/members/add`: new members with their access type. */
  readonly add: readonly GroupMemberAccess[];
  /** `groups/members/set_access_type`: members whose access type changes. */
  readonly setAccess: readonly GroupMemberAccess[];
}

const READ_ONLY = readOnlyNames(GROUP_ATTRIBUTES);
const WRITABLE = new Set(['group_name', 'group_external_id', 'group_management_type', 'members']);

/**
 * Plans an update of a group: name, external id and management type through groups/update;
 * `members` (when given) reconciled into additions, removals and access-type changes.
 * @throws InvalidArgumentError for Dropbox's default (system-managed) group, which cannot be updated.
 * @throws InvalidAttributeValueError for a value Dropbox cannot take.
 */
export function planGroupUpdate(current: GroupSummary, currentMembers: readonly GroupMemberAccess[], replacing: AttributeMap): GroupUpdatePlan {
  const attributes = withNameAs(replacing, 'group_name');
  if (isSystemManaged(current)) {
    throw new InvalidArgumentError(`The default group '${current.group_name}' is managed by Dropbox and cannot be updated`);
  }
  const now = groupObject(current, currentMembers).attributes;
  for (const [name, value] of Object.entries(attributes)) {
    if (WRITABLE.has(name)) continue;
    if (!READ_ONLY.has(name)) throw new InvalidAttributeValueError(`Attribute '${name}' is not an attribute of a Dropbox group`);
    if (!jsonEquals(now[name] ?? null, value)) throw new InvalidAttributeValueError(`Attribute '${name}' of a Dropbox group is read-only`);
  }
  const changes: { new_group_name?: string; new_group_external_id?: string; new_group_management_type?: string } = {};
  if (Object.hasOwn(attributes, 'group_name')) {
    const name = optionalString(attributes, 'group_name');
    if (!name) throw new InvalidAttributeValueError("Attribute 'group_name' of a Dropbox group cannot be cleared");
    if (name !== current.group_name) changes.new_group_name = name;
  }
  if (Object.hasOwn(attributes, 'group_external_id')) {
    // Dropbox clears the external id when given "".
    const externalId = optionalString(attributes, 'group_external_id') ?? '';
    if (externalId !== (current.group_external_id ?? '')) changes.new_group_external_id = externalId;
  }
  if (Object.hasOwn(attributes, 'group_management_type')) {
    const type = managementType(attributes);
    if (type === undefined) throw new InvalidAttributeValueError("Attribute 'group_management_type' of a Dropbox group cannot be cleared");
    if (type !== tagOf(current.group_management_type)) changes.new_group_management_type = type;
  }
  const desired = Object.hasOwn(attributes, 'members') ? parseGroupMembers(attributes.members ?? null) : undefined;
  const type = changes.new_group_management_type ?? tagOf(current.group_management_type);
  if (desired) requireNoOwners(type, desired);
  const members = desired ? diffMembers(currentMembers, desired) : undefined;
  return {
    changes: Object.keys(changes).length > 0 ? changes : undefined,
    remove: members?.remove ?? [],
    add: members?.add ?? [],
    setAccess: members?.setAccess ?? [],
  };
}

/** The membership changes turning `current` into `desired`. */
export function diffMembers(current: readonly GroupMemberAccess[], desired: readonly GroupMemberAccess[]): Pick<GroupUpdatePlan, 'remove' | 'add' | 'setAccess'> {
  const before = new Map(current.map((m) => [m.team_member_id, m.access_type]));
  const after = new Set(desired.map((m) => m.team_member_id));
  return {
    remove: current.filter((m) => !after.has(m.team_member_id)).map((m) => m.team_member_id),
    add: desired.filter((m) => !before.has(m.team_member_id)),
    setAccess: desired.filter((m) => before.has(m.team_member_id) && before.get(m.team_member_id) !== m.access_type),
  };
}
