import { ConnectorError, UnknownUidError } from '../../provisioner/connector-errors.js';
import type { AttributeMap, ConnectorObject, Uid } from '../../provisioner/objects.js';
import type { OperationContext, SearchOptions, SearchPage } from '../../provisioner/spi.js';
import { wants, type ClassOperations } from '../shared/class-operations.js';
import { runWriteSteps, type WriteStep } from '../shared/write-steps.js';
import { DROPBOX_MAX_LIMIT, type DropboxClient } from './dropbox-client.js';
import { cursorOf, pageOf } from './dropbox-cookie.js';
import { errorForTag } from './dropbox-errors.js';
import type { DropboxQuery } from './dropbox-filter.js';
import { resolveGroupAccess } from './dropbox-group-access.js';
import { awaitJob } from './dropbox-jobs.js';
import { inviteArg, isRemoved, memberObject } from './dropbox-member-mapping.js';
import { planMemberUpdate } from './dropbox-member-update.js';
import { byEmail, byMemberId, tagOf, type MemberAddV2Result, type ProfileChanges, type TeamMemberInfoV2 } from './dropbox-wire.js';

/**
 * `__ACCOUNT__`: Dropbox team members. Invite with members/add_v2, read with get_info_v2, list
 * with list_v2 + cursors, update through set_profile_v2 / set_admin_permissions_v2 /
 * suspend / unsuspend, remove with members/remove and its async job.
 */
export class MemberOperations implements ClassOperations<DropboxQuery> {
  /** System-managed group ids seen so far (the team's default group): never asked about again. */
  private readonly systemGroups = new Set<string>();

  constructor(private readonly client: DropboxClient) {}

  /** Invites a member (status `invited`). @throws AlreadyExistsError when the e-mail is already on the team. */
  async create(attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    const arg = inviteArg(attributes);
    const what = `Dropbox invitation of ${arg.member_email}`;
    const launch = await this.client.addMembersV2([arg], ctx);
    const results = await awaitJob(launch, (id) => this.client.addMembersJobStatusV2(id, ctx), ctx, what);
    return { value: invited(results?.[0], what) };
  }

  async get(id: string, attributesToGet: readonly string[] | undefined, ctx: OperationContext): Promise<ConnectorObject | null> {
    const info = await this.info(id, ctx);
    if (!info) return null;
    return (await this.objects([info], attributesToGet, ctx))[0]!;
  }

  /** A listing page (Dropbox cursor as cookie), or the members matching direct lookups. */
  async search(query: DropboxQuery | null, options: SearchOptions, ctx: OperationContext): Promise<SearchPage> {
    if (query) {
      const found = await this.lookup(query, ctx);
      const page = pageOf(found, options.pagedResultsCookie, options.pageSize);
      return { objects: await this.objects(page.items, options.attributesToGet, ctx), pagedResultsCookie: page.next };
    }
    const listed = options.pagedResultsCookie === undefined
      ? await this.client.listMembersV2(options.pageSize ?? DROPBOX_MAX_LIMIT, ctx)
      : await this.client.listMembersContinueV2(cursorOf(options.pagedResultsCookie), ctx);
    const members = listed.members.filter((m) => !isRemoved(m));
    return { objects: await this.objects(members, options.attributesToGet, ctx), pagedResultsCookie: listed.has_more ? listed.cursor : null };
  }

  /** Applies the changes in the order Dropbox accepts them (unsuspend, profile, role, suspend). */
  async update(id: string, attributes: AttributeMap, ctx: OperationContext): Promise<Uid> {
    const current = await this.info(id, ctx);
    if (!current) throw new UnknownUidError(`Dropbox member ${id} does not exist`);
    const groups = Object.hasOwn(attributes, 'groups') ? (await resolveGroupAccess(this.client, [current], ctx, this.systemGroups)).get(id) : undefined;
    const plan = planMemberUpdate(current, attributes, groups);
    // One call per kind of change; a refused call takes back those made before it (a new name
    // must not stay when the new role is refused).
    const steps: WriteStep[] = [];
    if (plan.unsuspend) {
      steps.push({ what: 'Dropbox team/members/unsuspend', run: () => this.client.unsuspendMember(id, ctx), undo: (undoCtx) => this.client.suspendMember(id, undoCtx) });
    }
    const profile = plan.profile;
    if (profile) {
      steps.push({
        what: `Dropbox team/members/set_profile_v2 (${Object.keys(profile).map((k) => k.replace(/^new_/, '')).join(', ')})`,
        run: () => this.client.setMemberProfileV2(id, profile, ctx),
        undo: (undoCtx) => this.client.setMemberProfileV2(id, previousProfile(current, profile), undoCtx),
      });
    }
    const roles = plan.roles;
    if (roles) {
      const before = (current.roles ?? []).map((r) => r.role_id);
      steps.push({
        what: `Dropbox team/members/set_admin_permissions_v2 (role_id ${roles[0] ?? 'removed'})`,
        run: () => this.client.setMemberAdminPermissionsV2(id, roles, ctx),
        undo: (undoCtx) => this.client.setMemberAdminPermissionsV2(id, before, undoCtx),
      });
    }
    if (plan.suspend) {
      steps.push({ what: 'Dropbox team/members/suspend', run: () => this.client.suspendMember(id, ctx), undo: (undoCtx) => this.client.unsuspendMember(id, undoCtx) });
    }
    await runWriteSteps(steps.map((step) => [step]), ctx);
    return { value: id };
  }

  /** Removes the member and waits for Dropbox's removal job. */
  async delete(id: string, ctx: OperationContext): Promise<void> {
    const what = `Dropbox removal of member ${id}`;
    const launch = await this.client.removeMember(id, ctx);
    await awaitJob(launch, (jobId) => this.client.removeMemberJobStatus(jobId, ctx), ctx, what);
  }

  /** A current member by id; removed members count as absent. */
  private async info(id: string, ctx: OperationContext): Promise<TeamMemberInfoV2 | null> {
    const [item] = await this.client.getMembersInfoV2([byMemberId(id)], ctx);
    return item && item['.tag'] === 'member_info' && !isRemoved(item) ? item : null;
  }

  /** The current members matching any lookup, once each, in lookup order. */
  private async lookup(query: DropboxQuery, ctx: OperationContext): Promise<TeamMemberInfoV2[]> {
    const selectors = query.lookups.map((l) => (l.key === 'email' ? byEmail(l.value) : byMemberId(l.value)));
    if (selectors.length === 0) return [];
    const items = await this.client.getMembersInfoV2(selectors, ctx);
    const seen = new Set<string>();
    const found: TeamMemberInfoV2[] = [];
    for (const item of items) {
      if (item['.tag'] !== 'member_info' || isRemoved(item) || seen.has(item.profile.team_member_id)) continue;
      seen.add(item.profile.team_member_id);
      found.push(item);
    }
    return found;
  }

  /** Connector objects, with `groups` resolved in one batch when asked for. */
  private async objects(infos: readonly TeamMemberInfoV2[], attributesToGet: readonly string[] | undefined, ctx: OperationContext): Promise<ConnectorObject[]> {
    const access = wants(attributesToGet, 'groups') && infos.length > 0 ? await resolveGroupAccess(this.client, infos, ctx, this.systemGroups) : undefined;
    return infos.map((info) => memberObject(info, access?.get(info.profile.team_member_id) ?? (access ? [] : undefined)));
  }
}

/** The team member id of an add_v2 result, or the error its failure tag means. */
function invited(result: MemberAddV2Result | undefined, what: string): string {
  if (!result) throw new ConnectorError(`${what}: Dropbox answered no result`);
  const tag = tagOf(result) ?? 'other';
  if (tag === 'success' && typeof result.profile?.team_member_id === 'string') return result.profile.team_member_id;
  throw errorForTag(tag, what, tag);
}

/** The profile values `changes` replaced, to put them back. */
function previousProfile(current: TeamMemberInfoV2, changes: ProfileChanges): ProfileChanges {
  const { profile } = current;
  return {
    ...(changes.new_email !== undefined ? { new_email: profile.email } : {}),
    ...(changes.new_given_name !== undefined ? { new_given_name: profile.name.given_name } : {}),
    ...(changes.new_surname !== undefined ? { new_surname: profile.name.surname } : {}),
  };
}
