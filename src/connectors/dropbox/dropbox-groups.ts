import { InvalidAttributeValueError, UnknownUidError } from '../../provisioner/connector-errors.js';
import type { AttributeMap, ConnectorObject, Uid } from '../../provisioner/objects.js';
import type { OperationContext, SearchOptions, SearchPage } from '../../provisioner/spi.js';
import { wants, type ClassOperations } from '../shared/class-operations.js';
import { runWriteSteps, type WriteStep } from '../shared/write-steps.js';
import { DROPBOX_MAX_LIMIT, type DropboxClient } from './dropbox-client.js';
import { cursorOf, pageOf } from './dropbox-cookie.js';
import type { DropboxQuery } from './dropbox-filter.js';
import { createGroupArg, groupObject, isSystemManaged, memberAccessOf } from './dropbox-group-mapping.js';
import { planGroupUpdate } from './dropbox-group-update.js';
import { awaitJob } from './dropbox-jobs.js';
import { byMemberId, tagOf, type GroupFullInfo, type GroupMemberAccess, type GroupSummary, type GroupUpdateChanges, type MembersGetInfoItemV2 } from './dropbox-wire.js';

/** Ids per `groups/get_info` and `members/get_info_v2` call (Dropbox documents no bound; this keeps answers modest). */
const GROUPS_PER_CALL = 100;
const MEMBERS_PER_CALL = 100;

/**
 * `__GROUP__`: Dropbox team groups. Create, read with groups/get_info, list with cursors, update
 * (groups/update plus member additions, removals and access-type changes), delete with its job.
 */
export class GroupOperations implements ClassOperations<DropboxQuery> {
  constructor(private readonly client: DropboxClient) {}

  /** Creates the group, then adds `members`; a failed addition deletes the new group again. */
  async create(attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    const { arg, members } = createGroupArg(attributes);
    await this.requireJoinable(members, ctx);
    const group = await this.client.createGroup(arg, ctx);
    if (members.length > 0) {
      try {
        await this.client.addGroupMembers(group.group_id, members, ctx);
      } catch (error) {
        // All or nothing: a group without its members would be mistaken for a finished create.
        await this.delete(group.group_id, ctx).catch(() => undefined);
        throw error;
      }
    }
    return { value: group.group_id };
  }

  async get(id: string, attributesToGet: readonly string[] | undefined, ctx: OperationContext): Promise<ConnectorObject | null> {
    const [group] = await this.infos({ ids: [id] }, ctx);
    if (!group) return null;
    return groupObject(group, wants(attributesToGet, 'members') ? await this.membersOf(group, ctx) : undefined);
  }

  /** A listing page (Dropbox cursor as cookie), or the groups matching direct lookups. */
  async search(query: DropboxQuery | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage> {
    const withMembers = wants(options.attributesToGet, 'members');
    if (query) {
      const ids = query.lookups.filter((l) => l.key === 'group_id').map((l) => l.value);
      const externalIds = query.lookups.filter((l) => l.key === 'group_external_id').map((l) => l.value);
      const found = dedupe([...await this.infos({ ids }, ctx), ...await this.infos({ externalIds }, ctx)]);
      const page = pageOf(found, options.pagedResultsCookie, options.pageSize);
      return { objects: await this.objects(page.items, withMembers, ctx), pagedResultsCookie: page.next };
    }
    const listed = options.pagedResultsCookie === undefined
      ? await this.client.listGroups(options.pageSize ?? DROPBOX_MAX_LIMIT, ctx)
      : await this.client.listGroupsContinue(cursorOf(options.pagedResultsCookie), ctx);
    // A listing has summaries only: members take one get_info call per page.
    const groups: readonly GroupSummary[] = withMembers ? await this.infos({ ids: listed.groups.map((g) => g.group_id) }, ctx) : listed.groups;
    return { objects: await this.objects(groups, withMembers, ctx), pagedResultsCookie: listed.has_more ? listed.cursor : null };
  }

  /** Name, external id and management type first (they decide who may be owner), then the members. */
  async update(id: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    const [current] = await this.infos({ ids: [id] }, ctx);
    if (!current) throw new UnknownUidError(`Dropbox group ${id} does not exist`);
    const members = Object.hasOwn(attributes, 'members') && !isSystemManaged(current) ? await this.membersOf(current, ctx) : [];
    const plan = planGroupUpdate(current, members, attributes);
    await this.requireJoinable([...plan.add, ...plan.setAccess], ctx);
    // A refused or failed call takes back those made before it: no renamed group without its members.
    const steps: WriteStep[] = [];
    const changes = plan.changes;
    if (changes) {
      steps.push({
        what: `Dropbox team/groups/update (${Object.keys(changes).map((k) => k.replace(/^new_/, '')).join(', ')})`,
        run: () => this.client.updateGroup(id, changes, ctx),
        undo: (undoCtx) => this.client.updateGroup(id, previousGroupFields(current, changes), undoCtx),
      });
    }
    if (plan.remove.length > 0) {
      const removed = members.filter((m) => plan.remove.includes(m.team_member_id));
      steps.push({
        what: `Dropbox team/groups/members/remove (${plan.remove.join(', ')})`,
        run: () => this.client.removeGroupMembers(id, plan.remove, ctx),
        undo: (undoCtx) => this.client.addGroupMembers(id, removed, undoCtx),
      });
    }
    if (plan.add.length > 0) {
      steps.push({
        what: `Dropbox team/groups/members/add (${plan.add.map((m) => m.team_member_id).join(', ')})`,
        run: () => this.client.addGroupMembers(id, plan.add, ctx),
        undo: (undoCtx) => this.client.removeGroupMembers(id, plan.add.map((m) => m.team_member_id), undoCtx),
      });
    }
    const accessBefore = new Map(members.map((m) => [m.team_member_id, m.access_type]));
    for (const change of plan.setAccess) {
      const before = { team_member_id: change.team_member_id, access_type: accessBefore.get(change.team_member_id) ?? 'member' } as GroupMemberAccess;
      steps.push({
        what: `Dropbox team/groups/members/set_access_type (${change.team_member_id} ${change.access_type})`,
        run: () => this.client.setGroupMemberAccessType(id, change, ctx),
        undo: (undoCtx) => this.client.setGroupMemberAccessType(id, before, undoCtx),
      });
    }
    await runWriteSteps(steps.map((step) => [step]), ctx);
    return { value: id };
  }

  /** Deletes the group (Dropbox does at once) and waits for its clean-up job. */
  async delete(id: string, ctx: OperationContext): Promise<void> {
    const launch = await this.client.deleteGroup(id, ctx);
    await awaitJob(launch, (jobId) => this.client.groupsJobStatus(jobId, ctx), ctx, `Dropbox deletion of group ${id}`);
  }

  /**
   * Checks the members about to join (or change access) before anything changes, so that a
   * refused update leaves the group as it was: each must be on the team, owners not suspended.
   * @throws InvalidAttributeValueError naming the members Dropbox would refuse.
   */
  private async requireJoinable(members: readonly GroupMemberAccess[], ctx: OperationContext): Promise<void> {
    const items: MembersGetInfoItemV2[] = [];
    for (let i = 0; i < members.length; i += MEMBERS_PER_CALL) {
      items.push(...await this.client.getMembersInfoV2(members.slice(i, i + MEMBERS_PER_CALL).map((m) => byMemberId(m.team_member_id)), ctx));
    }
    const missing: string[] = [];
    const suspendedOwners: string[] = [];
    items.forEach((item, i) => {
      const wanted = members[i]!;
      const status = item['.tag'] === 'member_info' ? tagOf(item.profile.status) : undefined;
      if (status === undefined || status === 'removed') missing.push(wanted.team_member_id);
      else if (status === 'suspended' && wanted.access_type === 'owner') suspendedOwners.push(wanted.team_member_id);
    });
    if (missing.length > 0) throw new InvalidAttributeValueError(`Attribute 'members' names team members who are not on the Dropbox team: ${missing.join(', ')}`);
    if (suspendedOwners.length > 0) throw new InvalidAttributeValueError(`Suspended team members cannot own a Dropbox group: ${suspendedOwners.join(', ')}`);
  }

  /** Full infos of existing groups, in the order asked (unknown ids left out). */
  private async infos(selector: { readonly ids: readonly string[] } | { readonly externalIds: readonly string[] }, ctx: OperationContext): Promise<GroupFullInfo[]> {
    const values = 'ids' in selector ? selector.ids : selector.externalIds;
    const found: GroupFullInfo[] = [];
    for (let i = 0; i < values.length; i += GROUPS_PER_CALL) {
      const chunk = values.slice(i, i + GROUPS_PER_CALL);
      const items = await this.client.getGroupsInfo('ids' in selector ? { ids: chunk } : { externalIds: chunk }, ctx);
      for (const item of items) if (item['.tag'] === 'group_info') found.push(item);
    }
    return found;
  }

  /**
   * The members of a group with their access type: from get_info when it sent them, else (the
   * system-managed group, whose get_info has no member list) from groups/members/list, paged.
   */
  private async membersOf(group: GroupSummary & { readonly members?: GroupFullInfo['members'] }, ctx: OperationContext): Promise<GroupMemberAccess[]> {
    if (group.members) return group.members.map(memberAccessOf);
    if (!isSystemManaged(group)) return [];
    const members: GroupMemberAccess[] = [];
    let page = await this.client.listGroupMembers(group.group_id, DROPBOX_MAX_LIMIT, ctx);
    for (;;) {
      members.push(...page.members.map(memberAccessOf));
      if (!page.has_more) return members;
      page = await this.client.listGroupMembersContinue(page.cursor, ctx);
    }
  }

  private async objects(groups: readonly GroupSummary[], withMembers: boolean, ctx: OperationContext): Promise<ConnectorObject[]> {
    const objects: ConnectorObject[] = [];
    for (const group of groups) objects.push(groupObject(group, withMembers ? await this.membersOf(group, ctx) : undefined));
    return objects;
  }
}

function dedupe(groups: readonly GroupFullInfo[]): GroupFullInfo[] {
  const seen = new Set<string>();
  return groups.filter((g) => !seen.has(g.group_id) && seen.add(g.group_id) !== undefined);
}

/** The group fields `changes` replaced, to put them back (Dropbox clears the external id when given ""). */
function previousGroupFields(current: GroupSummary, changes: GroupUpdateChanges): GroupUpdateChanges {
  return {
    ...(changes.new_group_name !== undefined ? { new_group_name: current.group_name } : {}),
    ...(changes.new_group_external_id !== undefined ? { new_group_external_id: current.group_external_id ?? '' } : {}),
    ...(changes.new_group_management_type !== undefined ? { new_group_management_type: tagOf(current.group_management_type) } : {}),
  };
}
