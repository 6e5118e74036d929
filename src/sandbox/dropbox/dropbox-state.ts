import type { SandboxStore } from '../sandbox-store.js';
import type { GroupSelectorValue, UserSelector } from './dropbox-arg-types.js';
import type { AccessType, DropboxData, GroupMembershipRecord, GroupRecord, MemberRecord, RoleRecord } from './dropbox-model.js';
import { TEAM_ADMIN_ROLE_ID } from './example-team.js';

/** Index of the first element whose `seq` is greater than `after` (arrays are in ascending seq). */
export function indexAfterSeq(items: readonly { seq: number }[], after: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.seq <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A group member as listings see it: explicit members, or every member for the system group. */
export interface GroupMemberEntry {
  member: MemberRecord;
  access_type: AccessType;
  seq: number;
}

const lower = (s: string): string => s.toLowerCase();

/**
 * The team held in the lowdb document plus in-memory indexes (id, email, external id, group
 * membership) so lookups stay O(1) with 100,000 members. Mutations go through these methods,
 * which keep the indexes right and mark the store changed.
 */
export class DropboxState {
  private membersById = new Map<string, MemberRecord>();
  private membersByEmail = new Map<string, MemberRecord>();
  private membersByExternalId = new Map<string, MemberRecord>();
  private groupsById = new Map<string, GroupRecord>();
  private groupsByExternalId = new Map<string, GroupRecord>();
  private groupsOfMember = new Map<string, Set<string>>();
  private deletedGroups = new Set<string>();
  /** Bumped by every change(); keys the memo of provisionedCount. */
  private generation = 0;
  private provisioned: { readonly generation: number; readonly count: number } | undefined;

  constructor(private readonly store: SandboxStore<DropboxData>) {
    this.reindex();
  }

  get data(): DropboxData {
    return this.store.data;
  }

  /** Rebuilds the indexes (after open or reset). */
  reindex(): void {
    this.membersById.clear();
    this.membersByEmail.clear();
    this.membersByExternalId.clear();
    this.groupsById.clear();
    this.groupsByExternalId.clear();
    this.groupsOfMember.clear();
    this.provisioned = undefined;
    this.deletedGroups = new Set(this.data.deleted_group_ids);
    for (const member of this.data.members) this.indexMember(member);
    for (const group of this.data.groups) this.indexGroup(group);
  }

  changed(): void {
    this.generation++;
    this.store.changed();
  }

  nextSeq(): number {
    const seq = this.data.next_seq;
    this.data.next_seq = seq + 1;
    return seq;
  }

  // ---- members ----

  private indexMember(member: MemberRecord): void {
    this.membersById.set(member.team_member_id, member);
    this.indexKey(this.membersByEmail, lower(member.email), member);
    if (member.external_id !== undefined) this.indexKey(this.membersByExternalId, member.external_id, member);
  }

  /** A current member wins over a removed one holding the same email / external id. */
  private indexKey(index: Map<string, MemberRecord>, key: string, member: MemberRecord): void {
    const existing = index.get(key);
    if (!existing || existing === member || existing.status === 'removed') index.set(key, member);
  }

  member(teamMemberId: string): MemberRecord | undefined {
    return this.membersById.get(teamMemberId);
  }

  memberByEmail(email: string): MemberRecord | undefined {
    return this.membersByEmail.get(lower(email));
  }

  memberByExternalId(externalId: string): MemberRecord | undefined {
    return this.membersByExternalId.get(externalId);
  }

  /** Resolves a UserSelectorArg (removed members included; callers decide what that means). */
  resolveUser(selector: UserSelector): MemberRecord | undefined {
    switch (selector.tag) {
      case 'team_member_id':
        return this.member(selector.value);
      case 'email':
        return this.memberByEmail(selector.value);
      case 'external_id':
        return this.memberByExternalId(selector.value);
    }
  }

  insertMember(member: MemberRecord): void {
    this.data.members.push(member);
    this.indexMember(member);
    this.changed();
  }

  /** Appends many members at once (benchmark seeding), renumbering their seq. */
  insertMembers(members: MemberRecord[]): void {
    for (const member of members) {
      member.seq = this.nextSeq();
      this.data.members.push(member);
      this.indexMember(member);
    }
    this.changed();
  }

  setEmail(member: MemberRecord, email: string): void {
    if (this.membersByEmail.get(lower(member.email)) === member) this.membersByEmail.delete(lower(member.email));
    member.email = email;
    this.membersByEmail.set(lower(email), member);
  }

  setExternalId(member: MemberRecord, externalId: string | undefined): void {
    if (member.external_id !== undefined && this.membersByExternalId.get(member.external_id) === member) {
      this.membersByExternalId.delete(member.external_id);
    }
    if (externalId === undefined || externalId === '') {
      delete member.external_id;
      return;
    }
    member.external_id = externalId;
    this.membersByExternalId.set(externalId, member);
  }

  role(roleId: string): RoleRecord | undefined {
    return this.data.roles.find((r) => r.role_id === roleId);
  }

  rolesOf(member: MemberRecord): RoleRecord[] {
    return (member.role_ids ?? []).map((id) => this.role(id)).filter((r): r is RoleRecord => r !== undefined);
  }

  isTeamAdmin(member: MemberRecord): boolean {
    return member.role_ids?.includes(TEAM_ADMIN_ROLE_ID) ?? false;
  }

  /** Active team admins (the last one cannot be removed, suspended or demoted). */
  activeTeamAdminCount(): number {
    let count = 0;
    for (const member of this.data.members) if (member.status === 'active' && this.isTeamAdmin(member)) count++;
    return count;
  }

  /**
   * Invited, active and suspended members: they hold licenses. Counted once per change (every
   * mutation ends with changed()): the system-managed group's member_count asks on every
   * groups/get_info, and a scan of 100,000 members per call made the sandbox, not the gateway,
   * the cost of a gateway member read in the benchmark.
   */
  provisionedCount(): number {
    if (this.provisioned?.generation === this.generation) return this.provisioned.count;
    let count = 0;
    for (const member of this.data.members) if (member.status !== 'removed') count++;
    this.provisioned = { generation: this.generation, count };
    return count;
  }

  // ---- groups ----

  private indexGroup(group: GroupRecord): void {
    this.groupsById.set(group.group_id, group);
    if (group.group_external_id !== undefined) this.groupsByExternalId.set(group.group_external_id, group);
    for (const m of group.members) this.explicitGroupsOf(m.team_member_id).add(group.group_id);
  }

  private explicitGroupsOf(teamMemberId: string): Set<string> {
    let set = this.groupsOfMember.get(teamMemberId);
    if (!set) {
      set = new Set();
      this.groupsOfMember.set(teamMemberId, set);
    }
    return set;
  }

  group(groupId: string): GroupRecord | undefined {
    return this.groupsById.get(groupId);
  }

  groupByExternalId(externalId: string): GroupRecord | undefined {
    return this.groupsByExternalId.get(externalId);
  }

  isDeletedGroup(groupId: string): boolean {
    return this.deletedGroups.has(groupId);
  }

  resolveGroup(selector: GroupSelectorValue): GroupRecord | undefined {
    return selector.tag === 'group_id' ? this.group(selector.value) : this.groupByExternalId(selector.value);
  }

  groupByName(name: string): GroupRecord | undefined {
    const key = lower(name.trim());
    return this.data.groups.find((g) => lower(g.group_name.trim()) === key);
  }

  systemGroup(): GroupRecord | undefined {
    return this.data.groups.find((g) => g.group_management_type === 'system_managed');
  }

  /** TeamMemberProfile.groups: the system group (unless removed), then explicit groups in list order. */
  groupIdsOf(member: MemberRecord): string[] {
    const ids: string[] = [];
    const system = this.systemGroup();
    if (system && member.status !== 'removed') ids.push(system.group_id);
    const explicit = this.groupsOfMember.get(member.team_member_id);
    if (explicit && explicit.size > 0) {
      const groups = [...explicit].map((id) => this.group(id)).filter((g): g is GroupRecord => g !== undefined);
      groups.sort((a, b) => a.seq - b.seq);
      for (const g of groups) ids.push(g.group_id);
    }
    return ids;
  }

  groupMemberCount(group: GroupRecord): number {
    return group.group_management_type === 'system_managed' ? this.provisionedCount() : group.members.length;
  }

  /** Up to `limit` members of the group after `afterSeq`, and whether more follow. */
  groupMembersPage(group: GroupRecord, afterSeq: number, limit: number): { entries: GroupMemberEntry[]; hasMore: boolean } {
    const entries: GroupMemberEntry[] = [];
    if (group.group_management_type === 'system_managed') {
      const members = this.data.members;
      let i = indexAfterSeq(members, afterSeq);
      for (; i < members.length && entries.length < limit; i++) {
        const member = members[i]!;
        if (member.status !== 'removed') entries.push({ member, access_type: 'member', seq: member.seq });
      }
      while (i < members.length && members[i]!.status === 'removed') i++;
      return { entries, hasMore: i < members.length };
    }
    const memberships = group.members;
    let i = indexAfterSeq(memberships, afterSeq);
    for (; i < memberships.length && entries.length < limit; i++) {
      const m = memberships[i]!;
      const member = this.member(m.team_member_id);
      if (member) entries.push({ member, access_type: m.access_type, seq: m.seq });
    }
    return { entries, hasMore: i < memberships.length };
  }

  /** Every member of a group (GroupFullInfo.members). */
  allGroupMembers(group: GroupRecord): GroupMemberEntry[] {
    return this.groupMembersPage(group, 0, Number.MAX_SAFE_INTEGER).entries;
  }

  membership(group: GroupRecord, teamMemberId: string): GroupMembershipRecord | undefined {
    return group.members.find((m) => m.team_member_id === teamMemberId);
  }

  addMembership(group: GroupRecord, teamMemberId: string, accessType: AccessType): void {
    group.members.push({ team_member_id: teamMemberId, access_type: accessType, seq: this.nextSeq() });
    this.explicitGroupsOf(teamMemberId).add(group.group_id);
  }

  removeMembership(group: GroupRecord, teamMemberId: string): void {
    const index = group.members.findIndex((m) => m.team_member_id === teamMemberId);
    if (index >= 0) group.members.splice(index, 1);
    this.groupsOfMember.get(teamMemberId)?.delete(group.group_id);
  }

  /** Takes a member out of every explicit group (on removal). */
  leaveAllGroups(member: MemberRecord): void {
    for (const id of [...(this.groupsOfMember.get(member.team_member_id) ?? [])]) {
      const group = this.group(id);
      if (group) this.removeMembership(group, member.team_member_id);
    }
  }

  insertGroup(group: GroupRecord): void {
    this.data.groups.push(group);
    this.indexGroup(group);
    this.changed();
  }

  setGroupExternalId(group: GroupRecord, externalId: string | undefined): void {
    if (group.group_external_id !== undefined && this.groupsByExternalId.get(group.group_external_id) === group) {
      this.groupsByExternalId.delete(group.group_external_id);
    }
    if (externalId === undefined || externalId === '') {
      delete group.group_external_id;
      return;
    }
    group.group_external_id = externalId;
    this.groupsByExternalId.set(externalId, group);
  }

  deleteGroup(group: GroupRecord): void {
    for (const m of group.members) this.groupsOfMember.get(m.team_member_id)?.delete(group.group_id);
    this.data.groups.splice(this.data.groups.indexOf(group), 1);
    this.groupsById.delete(group.group_id);
    if (group.group_external_id !== undefined) this.groupsByExternalId.delete(group.group_external_id);
    this.data.deleted_group_ids.push(group.group_id);
    this.deletedGroups.add(group.group_id);
    this.changed();
  }
}
