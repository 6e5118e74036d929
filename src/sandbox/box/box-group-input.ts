import { BoxBodyReader } from './box-body-reader.js';
import { missingParameter } from './box-errors.js';
import type { BoxGroupLevel, BoxGroupRecord, BoxMembershipRecord } from './box-state.js';

const LEVELS: readonly BoxGroupLevel[] = ['admins_only', 'admins_and_members', 'all_managed_users'];
const MEMBERSHIP_ROLES: readonly BoxMembershipRecord['role'][] = ['member', 'admin'];

/** The writable group attributes (`group_type` and `permissions` are read-only in Box). */
export type BoxGroupChanges = Partial<Pick<BoxGroupRecord,
  'name' | 'provenance' | 'external_sync_identifier' | 'description' | 'invitability_level' | 'member_viewability_level'>>;

/** Reads a `POST /groups` (`requireName`) or `PUT /groups/{id}` body. */
export function readGroupChanges(raw: unknown, requireName: boolean): BoxGroupChanges {
  const reader = new BoxBodyReader(raw);
  const changes: BoxGroupChanges = {};
  const name = reader.string('name', { required: requireName, nonEmpty: true });
  if (name !== undefined) changes.name = name;
  const provenance = reader.string('provenance', { maxLength: 255 });
  if (provenance !== undefined) changes.provenance = provenance;
  const syncId = reader.string('external_sync_identifier');
  if (syncId !== undefined) changes.external_sync_identifier = syncId;
  const description = reader.string('description', { maxLength: 255 });
  if (description !== undefined) changes.description = description;
  const invitability = reader.oneOf('invitability_level', LEVELS);
  if (invitability !== undefined) changes.invitability_level = invitability;
  const viewability = reader.oneOf('member_viewability_level', LEVELS);
  if (viewability !== undefined) changes.member_viewability_level = viewability;
  return changes;
}

export interface BoxMembershipInput {
  userId: string;
  groupId: string;
  role?: BoxMembershipRecord['role'];
  configurablePermissions?: Record<string, boolean> | null;
}

function readPermissions(reader: BoxBodyReader): Record<string, boolean> | null | undefined {
  const value = reader.object('configurable_permissions', true);
  if (value === null || value === undefined) return value;
  for (const flag of Object.values(value)) {
    if (typeof flag !== 'boolean') throw reader.invalid('configurable_permissions', 'permission values must be booleans');
  }
  return value as Record<string, boolean>;
}

function readReference(reader: BoxBodyReader, name: 'user' | 'group'): string {
  const ref = reader.object(name);
  if (ref === undefined || ref === null) throw missingParameter(name);
  if (ref.id === undefined) throw missingParameter(`${name}.id`);
  if (typeof ref.id !== 'string' || ref.id === '') throw reader.invalid(name, `'${name}.id' must be a string`);
  return ref.id;
}

/** Reads a `POST /group_memberships` body. */
export function readMembershipCreate(raw: unknown): BoxMembershipInput {
  const reader = new BoxBodyReader(raw);
  const input: BoxMembershipInput = { userId: readReference(reader, 'user'), groupId: readReference(reader, 'group') };
  const role = reader.oneOf('role', MEMBERSHIP_ROLES);
  if (role !== undefined) input.role = role;
  const permissions = readPermissions(reader);
  if (permissions !== undefined) input.configurablePermissions = permissions;
  return input;
}

/** Reads a `PUT /group_memberships/{id}` body. */
export function readMembershipUpdate(raw: unknown): Omit<BoxMembershipInput, 'userId' | 'groupId'> {
  const reader = new BoxBodyReader(raw);
  const input: Omit<BoxMembershipInput, 'userId' | 'groupId'> = {};
  const role = reader.oneOf('role', MEMBERSHIP_ROLES);
  if (role !== undefined) input.role = role;
  const permissions = readPermissions(reader);
  if (permissions !== undefined) input.configurablePermissions = permissions;
  return input;
}
