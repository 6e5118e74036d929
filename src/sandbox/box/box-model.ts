import { randomBytes } from 'node:crypto';
import type { SandboxStore } from '../sandbox-store.js';
import { BOX_SANDBOX_CREDENTIALS } from './box-credentials.js';
import { BoxApiError, insufficientPermissions, invalidParameter, notFound } from './box-errors.js';
import type { BoxGroupChanges, BoxMembershipInput } from './box-group-input.js';
import { allocateBoxId, compareBoxIds, insertSorted, removeSorted, upperBound } from './box-ids.js';
import type {
  BoxGroupRecord, BoxMembershipRecord, BoxState, BoxUserRecord,
} from './box-state.js';
import {
  BOX_DEFAULT_MAX_UPLOAD_SIZE, BOX_DEFAULT_SPACE_AMOUNT, BOX_DEFAULT_TIMEZONE, BOX_UNLIMITED_SPACE,
} from './box-state.js';
import { boxTimestamp } from './box-time.js';
import type { BoxUserCreateInput, BoxUserUpdateInput } from './box-user-input.js';

/** Which users `GET /users` considers (its `user_type` parameter). */
export interface BoxUserQuery {
  filterTerm?: string;
  userType?: 'all' | 'managed' | 'external';
  externalAppUserId?: string;
}

export interface BoxPage<T> {
  entries: T[];
  total: number;
}

function isEnterpriseUser(user: BoxUserRecord): boolean {
  return user.kind === 'managed' || user.kind === 'app';
}

function randomAlnum(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let out = '';
  for (const byte of randomBytes(length)) out += alphabet[byte % alphabet.length];
  return out;
}

/**
 * The enterprise behind the sandbox: the lowdb document plus in-memory indexes (sorted ids, logins,
 * group names, memberships per user and per group). Every mutation calls `store.changed()`.
 */
export class BoxModel {
  /** Enterprise (managed + app) user ids, ascending: the order of `GET /users`. */
  private userIds: string[] = [];
  private readonly logins = new Map<string, string>();
  private groupIds: string[] = [];
  private readonly groupNames = new Map<string, string>();
  private readonly byUser = new Map<string, string[]>();
  private readonly byGroup = new Map<string, string[]>();

  constructor(private readonly store: SandboxStore<BoxState>) {
    this.reindex();
  }

  get state(): BoxState {
    return this.store.data;
  }

  get enterprise(): BoxState['enterprise'] {
    return this.state.enterprise;
  }

  /** Rebuilds the indexes from the document (after open or reset). */
  reindex(): void {
    const { users, groups, memberships } = this.state;
    this.userIds = Object.values(users).filter(isEnterpriseUser).map((u) => u.id).sort(compareBoxIds);
    this.logins.clear();
    for (const user of Object.values(users)) this.logins.set(user.login.toLowerCase(), user.id);
    this.groupIds = Object.keys(groups).sort(compareBoxIds);
    this.groupNames.clear();
    for (const group of Object.values(groups)) this.groupNames.set(group.name.toLowerCase(), group.id);
    this.byUser.clear();
    this.byGroup.clear();
    for (const id of Object.keys(memberships).sort(compareBoxIds)) this.indexMembership(memberships[id]!);
  }

  async reset(): Promise<void> {
    await this.store.reset();
    this.reindex();
  }

  private indexMembership(membership: BoxMembershipRecord): void {
    const forUser = this.byUser.get(membership.user_id) ?? [];
    insertSorted(forUser, membership.id);
    this.byUser.set(membership.user_id, forUser);
    const forGroup = this.byGroup.get(membership.group_id) ?? [];
    insertSorted(forGroup, membership.id);
    this.byGroup.set(membership.group_id, forGroup);
  }

  private changed(): void {
    this.store.changed();
  }

  // ---- users -------------------------------------------------------------------------------------

  findUser(id: string): BoxUserRecord | undefined {
    return Object.hasOwn(this.state.users, id) ? this.state.users[id] : undefined;
  }

  requireUser(id: string): BoxUserRecord {
    const user = this.findUser(id);
    if (!user) throw notFound('user', id);
    return user;
  }

  /** A user an admin of this enterprise may change (managed, app, or the Service Account). */
  private requireManagedUser(id: string): BoxUserRecord {
    const user = this.requireUser(id);
    if (user.kind === 'external') throw insufficientPermissions();
    return user;
  }

  get serviceAccount(): BoxUserRecord {
    return this.requireUser(this.state.serviceAccountId);
  }

  private matches(user: BoxUserRecord, query: BoxUserQuery): boolean {
    if (query.externalAppUserId !== undefined && user.external_app_user_id !== query.externalAppUserId) return false;
    if (!query.filterTerm) return true;
    const term = query.filterTerm.toLowerCase();
    return user.name.toLowerCase().startsWith(term) || user.login.toLowerCase().startsWith(term);
  }

  /** External users are listed only on an exact login match (spec, `filter_term`). */
  private externalMatch(query: BoxUserQuery): BoxUserRecord[] {
    if (query.userType === 'managed' || !query.filterTerm || query.externalAppUserId !== undefined) return [];
    const id = this.logins.get(query.filterTerm.toLowerCase());
    const user = id === undefined ? undefined : this.findUser(id);
    return user && user.kind === 'external' ? [user] : [];
  }

  /** Offset paging over the users `query` selects, in ascending id order. */
  listUsersByOffset(query: BoxUserQuery, offset: number, limit: number): BoxPage<BoxUserRecord> {
    const entries: BoxUserRecord[] = [];
    let total = 0;
    const visit = (user: BoxUserRecord): void => {
      if (total >= offset && entries.length < limit) entries.push(user);
      total += 1;
    };
    if (query.userType !== 'external') {
      for (const id of this.userIds) {
        const user = this.state.users[id]!;
        if (this.matches(user, query)) visit(user);
      }
    }
    for (const user of this.externalMatch(query)) visit(user);
    return { entries, total };
  }

  /** Marker paging: up to `limit` users with ids above `afterId`; `more` tells whether any remain. */
  listUsersAfter(query: BoxUserQuery, afterId: string | undefined, limit: number): { entries: BoxUserRecord[]; more: boolean } {
    const candidates: BoxUserRecord[] = [];
    if (query.userType !== 'external') {
      const start = afterId === undefined ? 0 : upperBound(this.userIds, afterId);
      for (let i = start; i < this.userIds.length && candidates.length <= limit; i++) {
        const user = this.state.users[this.userIds[i]!]!;
        if (this.matches(user, query)) candidates.push(user);
      }
    }
    for (const user of this.externalMatch(query)) {
      if (afterId === undefined || compareBoxIds(user.id, afterId) > 0) candidates.push(user);
    }
    candidates.sort((a, b) => compareBoxIds(a.id, b.id));
    return { entries: candidates.slice(0, limit), more: candidates.length > limit };
  }

  private loginTaken(login: string, exceptId?: string): boolean {
    const owner = this.logins.get(login.toLowerCase());
    return owner !== undefined && owner !== exceptId;
  }

  private loginConflict(): BoxApiError {
    return new BoxApiError(409, 'user_login_already_used', 'User with the specified login already exists');
  }

  private newUserId(): string {
    return allocateBoxId(this.state.ids, 'user', (id) => this.findUser(id) !== undefined);
  }

  /** `POST /users`. */
  createUser(input: BoxUserCreateInput): BoxUserRecord {
    const login = input.is_platform_access_only
      ? `AppUser_${BOX_SANDBOX_CREDENTIALS.appId}_${randomAlnum(10)}@boxdevedition.com`
      : input.login!;
    if (this.loginTaken(login)) throw this.loginConflict();
    const now = boxTimestamp();
    const space = input.space_amount === -1 ? BOX_UNLIMITED_SPACE : input.space_amount;
    const user: BoxUserRecord = {
      id: this.newUserId(),
      kind: input.is_platform_access_only ? 'app' : 'managed',
      name: input.name,
      login,
      created_at: now,
      modified_at: now,
      language: input.language ?? 'en',
      timezone: input.timezone ?? BOX_DEFAULT_TIMEZONE,
      space_amount: space ?? BOX_DEFAULT_SPACE_AMOUNT,
      space_used: 0,
      max_upload_size: BOX_DEFAULT_MAX_UPLOAD_SIZE,
      status: input.status ?? 'active',
      job_title: input.job_title ?? '',
      phone: input.phone ?? '',
      address: input.address ?? '',
      notification_email: null,
      role: input.role ?? 'user',
      tracking_codes: input.tracking_codes ?? [],
      can_see_managed_users: input.can_see_managed_users ?? !input.is_platform_access_only,
      is_sync_enabled: input.is_sync_enabled ?? true,
      is_external_collab_restricted: input.is_external_collab_restricted ?? false,
      is_exempt_from_device_limits: input.is_exempt_from_device_limits ?? false,
      is_exempt_from_login_verification: input.is_exempt_from_login_verification ?? false,
      my_tags: [],
      is_platform_access_only: input.is_platform_access_only,
      external_app_user_id: input.external_app_user_id ?? null,
      login_confirmed: input.is_platform_access_only,
    };
    this.state.users[user.id] = user;
    this.logins.set(user.login.toLowerCase(), user.id);
    insertSorted(this.userIds, user.id);
    this.changed();
    return user;
  }

  /** `PUT /users/{id}`. */
  updateUser(id: string, input: BoxUserUpdateInput): BoxUserRecord {
    const user = this.requireManagedUser(id);
    if (input.login !== undefined && input.login !== user.login) {
      if (!user.login_confirmed) {
        throw new BoxApiError(403, 'user_email_confirmation_required', 'User needs to confirm their email address before the login can be changed');
      }
      if (this.loginTaken(input.login, id)) throw this.loginConflict();
      this.logins.delete(user.login.toLowerCase());
      this.logins.set(input.login, id);
      user.login = input.login;
    }
    const { enterprise, notification_email: notification, login: _login, space_amount: space, ...rest } = input;
    Object.assign(user, rest);
    if (space !== undefined) user.space_amount = space === -1 || space > BOX_UNLIMITED_SPACE ? BOX_UNLIMITED_SPACE : space;
    if (notification !== undefined) {
      user.notification_email = notification === null ? null : { email: notification.email, is_confirmed: false };
    }
    user.modified_at = boxTimestamp();
    if (enterprise === null) this.rollOut(user);
    this.changed();
    return user;
  }

  /** `PUT /users/{id}` with `enterprise: null`: the user becomes a free user outside the enterprise. */
  private rollOut(user: BoxUserRecord): void {
    if (user.kind === 'service' || user.role === 'admin') throw insufficientPermissions();
    this.removeMembershipsOf(this.byUser.get(user.id) ?? []);
    user.kind = 'external';
    user.role = 'user';
    delete user.external_enterprise;
    removeSorted(this.userIds, user.id);
  }

  /** `DELETE /users/{id}`: fails while the user owns content, unless `force`. */
  deleteUser(id: string, force: boolean): void {
    const user = this.requireManagedUser(id);
    if (user.kind === 'service' || user.role === 'admin') {
      throw new BoxApiError(403, 'forbidden', 'The primary admin and the service account cannot be deleted');
    }
    if (user.space_used > 0 && !force) {
      throw new BoxApiError(400, 'bad_request', 'User cannot be deleted while they still own content. Transfer the content first or use force=true', {
        errors: [{ reason: 'invalid_parameter', name: 'force', message: `User '${id}' still owns content` }],
      });
    }
    this.removeMembershipsOf(this.byUser.get(id) ?? []);
    this.byUser.delete(id);
    delete this.state.users[id];
    this.logins.delete(user.login.toLowerCase());
    removeSorted(this.userIds, id);
    this.changed();
  }

  /** Marks a user's login email confirmed (admin endpoint; Box does it when the user clicks the link). */
  confirmLogin(id: string): BoxUserRecord {
    const user = this.requireUser(id);
    user.login_confirmed = true;
    this.changed();
    return user;
  }

  /** Adds generated users (benchmark seeding); ids or logins already present are skipped. */
  addUsers(users: readonly BoxUserRecord[]): number {
    let added = 0;
    const fresh: string[] = [];
    for (const user of users) {
      if (this.findUser(user.id) || this.loginTaken(user.login)) continue;
      this.state.users[user.id] = user;
      this.logins.set(user.login.toLowerCase(), user.id);
      if (isEnterpriseUser(user)) fresh.push(user.id);
      added += 1;
    }
    if (fresh.length > 0) this.userIds = [...this.userIds, ...fresh].sort(compareBoxIds);
    if (added > 0) this.changed();
    return added;
  }

  get enterpriseUserCount(): number {
    return this.userIds.length;
  }

  // ---- groups ------------------------------------------------------------------------------------

  requireGroup(id: string): BoxGroupRecord {
    if (!Object.hasOwn(this.state.groups, id)) throw notFound('group', id);
    return this.state.groups[id]!;
  }

  /** `GET /groups`: name-prefix filter, ascending id order, offset paging. */
  listGroups(filterTerm: string | undefined, offset: number, limit: number): BoxPage<BoxGroupRecord> {
    const term = filterTerm?.toLowerCase();
    const all = this.groupIds.map((id) => this.state.groups[id]!).filter((g) => !term || g.name.toLowerCase().startsWith(term));
    return { entries: all.slice(offset, offset + limit), total: all.length };
  }

  private assertGroupNameFree(name: string, exceptId?: string): void {
    const owner = this.groupNames.get(name.toLowerCase());
    if (owner !== undefined && owner !== exceptId) {
      throw new BoxApiError(409, 'invalid_parameter', 'Group name is not unique in the enterprise', {
        errors: [{ reason: 'invalid_parameter', name: 'name', message: `Invalid value '${name}'. A group with this name already exists` }],
      });
    }
  }

  /** `POST /groups`. */
  createGroup(changes: BoxGroupChanges & { name: string }): BoxGroupRecord {
    this.assertGroupNameFree(changes.name);
    const now = boxTimestamp();
    const group: BoxGroupRecord = {
      id: allocateBoxId(this.state.ids, 'group', (id) => Object.hasOwn(this.state.groups, id)),
      name: changes.name,
      group_type: 'managed_group',
      created_at: now,
      modified_at: now,
      provenance: changes.provenance ?? null,
      external_sync_identifier: changes.external_sync_identifier ?? null,
      description: changes.description ?? null,
      invitability_level: changes.invitability_level ?? 'admins_only',
      member_viewability_level: changes.member_viewability_level ?? 'admins_only',
    };
    this.state.groups[group.id] = group;
    this.groupNames.set(group.name.toLowerCase(), group.id);
    insertSorted(this.groupIds, group.id);
    this.changed();
    return group;
  }

  /** `PUT /groups/{id}`. */
  updateGroup(id: string, changes: BoxGroupChanges): BoxGroupRecord {
    const group = this.requireGroup(id);
    if (changes.name !== undefined && changes.name !== group.name) {
      this.assertGroupNameFree(changes.name, id);
      this.groupNames.delete(group.name.toLowerCase());
      this.groupNames.set(changes.name.toLowerCase(), id);
    }
    Object.assign(group, changes);
    group.modified_at = boxTimestamp();
    this.changed();
    return group;
  }

  /** `DELETE /groups/{id}` (its memberships go with it). */
  deleteGroup(id: string): void {
    const group = this.requireGroup(id);
    this.removeMembershipsOf(this.byGroup.get(id) ?? []);
    this.byGroup.delete(id);
    delete this.state.groups[id];
    this.groupNames.delete(group.name.toLowerCase());
    removeSorted(this.groupIds, id);
    this.changed();
  }

  // ---- memberships -------------------------------------------------------------------------------

  requireMembership(id: string): BoxMembershipRecord {
    if (!Object.hasOwn(this.state.memberships, id)) throw notFound('group_membership', id);
    return this.state.memberships[id]!;
  }

  private page(ids: readonly string[], offset: number, limit: number): BoxPage<BoxMembershipRecord> {
    return { entries: ids.slice(offset, offset + limit).map((id) => this.state.memberships[id]!), total: ids.length };
  }

  membershipsOfUser(userId: string, offset: number, limit: number): BoxPage<BoxMembershipRecord> {
    this.requireUser(userId);
    return this.page(this.byUser.get(userId) ?? [], offset, limit);
  }

  membershipsOfGroup(groupId: string, offset: number, limit: number): BoxPage<BoxMembershipRecord> {
    this.requireGroup(groupId);
    return this.page(this.byGroup.get(groupId) ?? [], offset, limit);
  }

  /** `POST /group_memberships`. */
  createMembership(input: BoxMembershipInput): BoxMembershipRecord {
    const user = this.requireUser(input.userId);
    this.requireGroup(input.groupId);
    if (user.kind === 'service') throw invalidParameter('user', `Invalid value '${user.id}'. The service account cannot join groups`);
    const existing = (this.byUser.get(user.id) ?? []).some((id) => this.state.memberships[id]!.group_id === input.groupId);
    if (existing) throw new BoxApiError(409, 'conflict', 'User is already a member of this group');
    const now = boxTimestamp();
    const membership: BoxMembershipRecord = {
      id: allocateBoxId(this.state.ids, 'membership', (id) => Object.hasOwn(this.state.memberships, id)),
      user_id: user.id,
      group_id: input.groupId,
      role: input.role ?? 'member',
      configurable_permissions: input.configurablePermissions ?? null,
      created_at: now,
      modified_at: now,
    };
    this.state.memberships[membership.id] = membership;
    this.indexMembership(membership);
    this.changed();
    return membership;
  }

  /** `PUT /group_memberships/{id}`. */
  updateMembership(id: string, changes: Omit<BoxMembershipInput, 'userId' | 'groupId'>): BoxMembershipRecord {
    const membership = this.requireMembership(id);
    if (changes.role !== undefined) membership.role = changes.role;
    if (changes.configurablePermissions !== undefined) membership.configurable_permissions = changes.configurablePermissions;
    membership.modified_at = boxTimestamp();
    this.changed();
    return membership;
  }

  /** `DELETE /group_memberships/{id}`. */
  deleteMembership(id: string): void {
    this.requireMembership(id);
    this.removeMembershipsOf([id]);
    this.changed();
  }

  private removeMembershipsOf(ids: readonly string[]): void {
    for (const id of [...ids]) {
      const membership = this.state.memberships[id];
      if (!membership) continue;
      delete this.state.memberships[id];
      removeSorted(this.byUser.get(membership.user_id) ?? [], id);
      removeSorted(this.byGroup.get(membership.group_id) ?? [], id);
    }
  }

  /** The user and group a membership links (both exist: deletes cascade). */
  membershipParts(membership: BoxMembershipRecord): { user: BoxUserRecord; group: BoxGroupRecord } {
    return { user: this.requireUser(membership.user_id), group: this.requireGroup(membership.group_id) };
  }
}
