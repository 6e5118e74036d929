import { InvalidAttributeValueError } from '../../provisioner/connector-errors.js';
import { ObjectClass, SpecialAttribute, type AttributeMap, type ConnectorObject } from '../../provisioner/objects.js';
import type { JsonValue } from '../../util/json.js';
import { tagOf, type MemberAddV2Arg, type TeamMemberInfoV2 } from './dropbox-wire.js';

/** One entry of a member's `groups`: the group and the member's access type in it. */
export interface GroupAccess {
  readonly access_type: string;
  readonly group_id: string;
}

/** The attributes an invitation may carry (everything else is Dropbox's to decide). */
const INVITE_ATTRIBUTES = new Set(['email', SpecialAttribute.NAME, 'given_name', 'surname', 'role_id', 'member_status']);

/**
 * A team member as a connector object (the seed's `__ACCOUNT__`). `groups` is present only when
 * the caller resolved the access types (it costs a `groups/get_info` call).
 */
export function memberObject(info: TeamMemberInfoV2, groups: readonly GroupAccess[] | undefined): ConnectorObject {
  const p = info.profile;
  const attributes: Record<string, JsonValue> = {
    team_member_id: p.team_member_id,
    given_name: p.name.given_name,
    surname: p.name.surname,
    email: p.email,
    member_status: tagOf(p.status) ?? null,
    membership_type: tagOf(p.membership_type) ?? null,
    // Dropbox assigns at most one admin role; members without one have no `roles` key.
    role_id: info.roles?.[0]?.role_id ?? null,
    email_verified: p.email_verified,
    invited_on: p.invited_on ?? null,
    secondary_emails: (p.secondary_emails ?? []).map((e) => e.email),
    abbreviated_name: p.name.abbreviated_name ?? null,
    joined_on: p.joined_on ?? null,
  };
  if (groups) attributes.groups = groups.map((g) => ({ access_type: g.access_type, group_id: g.group_id }));
  return { objectClass: ObjectClass.ACCOUNT, uid: { value: p.team_member_id }, attributes };
}

/** True for members Dropbox still lists but who left the team (treated as not found). */
export function isRemoved(info: TeamMemberInfoV2): boolean {
  return tagOf(info.profile.status) === 'removed';
}

/**
 * The `members/add_v2` entry of an invitation: `email` (or `__NAME__`), `given_name`, `surname`,
 * `role_id`. `member_status` may only say `invited`, which is what an invitation makes.
 * @throws InvalidAttributeValueError naming the attribute Dropbox cannot take.
 */
export function inviteArg(attributes: AttributeMap): MemberAddV2Arg {
  for (const name of Object.keys(attributes)) {
    if (!INVITE_ATTRIBUTES.has(name)) throw new InvalidAttributeValueError(`Attribute '${name}' cannot be set when inviting a Dropbox member`);
  }
  const email = optionalString(attributes, 'email') ?? optionalString(attributes, SpecialAttribute.NAME);
  if (!email) throw new InvalidAttributeValueError("Attribute 'email' is required to invite a Dropbox member");
  const status = optionalString(attributes, 'member_status');
  if (status && status !== 'invited') {
    throw new InvalidAttributeValueError(`A new Dropbox member is always 'invited' (member_status '${status}' cannot be set on create)`);
  }
  const given = optionalString(attributes, 'given_name');
  const surname = optionalString(attributes, 'surname');
  const role = optionalString(attributes, 'role_id');
  return {
    member_email: email,
    ...(given ? { member_given_name: given } : {}),
    ...(surname ? { member_surname: surname } : {}),
    ...(role ? { role_ids: [role] } : {}),
  };
}

/** A string attribute; null and absent are undefined. @throws InvalidAttributeValueError for other types. */
export function optionalString(attributes: AttributeMap, name: string): string | undefined {
  const value = attributes[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidAttributeValueError(`Attribute '${name}' must be a string`);
  return value;
}

/**
 * The attributes with `__NAME__` renamed to `name` (a configuration may map e-mail or group name
 * to `__NAME__`); the plain attribute wins when both are given.
 */
export function withNameAs(attributes: AttributeMap, name: string): AttributeMap {
  if (!Object.hasOwn(attributes, SpecialAttribute.NAME)) return attributes;
  const { [SpecialAttribute.NAME]: value, ...rest } = attributes;
  return Object.hasOwn(rest, name) ? rest : { ...rest, [name]: value ?? null };
}
