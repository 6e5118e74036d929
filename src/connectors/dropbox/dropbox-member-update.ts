import { InvalidAttributeValueError } from '../../provisioner/connector-errors.js';
import type { AttributeMap } from '../../provisioner/objects.js';
import { jsonEquals } from '../../util/json.js';
import { memberObject, optionalString, withNameAs, type GroupAccess } from './dropbox-member-mapping.js';
import { MEMBER_ATTRIBUTES, readOnlyNames } from './dropbox-schema.js';
import { tagOf, type ProfileChanges, type TeamMemberInfoV2 } from './dropbox-wire.js';

/** The Dropbox calls one `__ACCOUNT__` update needs, in the order they must run. */
export interface MemberUpdatePlan {
  /** `members/unsuspend` first: a suspended member's role cannot be changed. */
  readonly unsuspend: boolean;
  /** `members/set_profile_v2` with only the changed fields. */
  readonly profile: ProfileChanges | undefined;
  /** `members/set_admin_permissions_v2`: `[]` removes the admin role. */
  readonly roles: readonly string[] | undefined;
  /** `members/suspend` last, after any role change. */
  readonly suspend: boolean;
}

const READ_ONLY = readOnlyNames(MEMBER_ATTRIBUTES);
const WRITABLE = new Set(['email', 'given_name', 'surname', 'role_id', 'member_status']);

/**
 * Plans an update of a member from the attributes to replace: names and e-mail through
 * set_profile_v2, `role_id` through set_admin_permissions_v2, `member_status` active ⇄ suspended
 * through suspend/unsuspend. Unchanged values cost no call. `currentGroups` is needed only when
 * the attributes carry `groups` (which may be repeated, not changed).
 * @throws InvalidAttributeValueError for a change Dropbox cannot make.
 */
export function planMemberUpdate(current: TeamMemberInfoV2, changes: AttributeMap, currentGroups?: readonly GroupAccess[]): MemberUpdatePlan {
  const attributes = withNameAs(changes, 'email');
  const now = memberObject(current, currentGroups).attributes;
  for (const [name, value] of Object.entries(attributes)) {
    if (WRITABLE.has(name)) continue;
    if (!READ_ONLY.has(name)) throw new InvalidAttributeValueError(`Attribute '${name}' is not an attribute of a Dropbox member`);
    if (!jsonEquals(now[name] ?? null, value)) {
      const hint = name === 'groups' ? ': change group membership through the members of __GROUP__' : '';
      throw new InvalidAttributeValueError(`Attribute '${name}' of a Dropbox member is read-only${hint}`);
    }
  }
  const profile: { new_email?: string; new_given_name?: string; new_surname?: string } = {};
  if (Object.hasOwn(attributes, 'email')) {
    const email = optionalString(attributes, 'email');
    if (!email) throw new InvalidAttributeValueError("Attribute 'email' of a Dropbox member cannot be cleared");
    if (email !== current.profile.email) profile.new_email = email;
  }
  for (const [name, key] of [['given_name', 'new_given_name'], ['surname', 'new_surname']] as const) {
    if (!Object.hasOwn(attributes, name)) continue;
    const value = optionalString(attributes, name) ?? '';
    if (value !== current.profile.name[name]) profile[key] = value;
  }
  let roles: string[] | undefined;
  if (Object.hasOwn(attributes, 'role_id')) {
    const role = optionalString(attributes, 'role_id') ?? '';
    if (role !== (current.roles?.[0]?.role_id ?? '')) roles = role === '' ? [] : [role];
  }
  const { unsuspend, suspend } = statusChange(tagOf(current.profile.status) ?? '', attributes);
  return { unsuspend, profile: Object.keys(profile).length > 0 ? profile : undefined, roles, suspend };
}

/** `member_status`: only active ⇄ suspended is a change an administrator can make. */
function statusChange(from: string, attributes: AttributeMap): { unsuspend: boolean; suspend: boolean } {
  if (!Object.hasOwn(attributes, 'member_status')) return { unsuspend: false, suspend: false };
  const to = optionalString(attributes, 'member_status');
  if (to === undefined || to === from) return { unsuspend: false, suspend: false };
  if (from === 'active' && to === 'suspended') return { unsuspend: false, suspend: true };
  if (from === 'suspended' && to === 'active') return { unsuspend: true, suspend: false };
  throw new InvalidAttributeValueError(
    `member_status cannot change from '${from}' to '${to}': Dropbox members are suspended (active → suspended) or unsuspended ` +
    '(suspended → active); invited members become active when they accept, and removal is a DELETE',
  );
}
