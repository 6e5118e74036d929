import { InvalidAttributeValueError } from '../../provisioner/connector-errors.js';
import type { OperationContext } from '../../provisioner/spi.js';
import { mapConcurrently } from '../../util/map-concurrently.js';
import type { WriteStep } from '../shared/write-steps.js';
import type { BoxClient } from './box-client.js';
import type { BoxMembership } from './box-wire.js';

/**
 * A user's `groups` attribute over Box group memberships: read through `/users/{id}/memberships`,
 * written as `POST /group_memberships` and `DELETE /group_memberships/{id}`.
 */
export class BoxMemberships {
  constructor(
    private readonly client: BoxClient,
    /** Calls in flight at once when many users or groups are involved (the pool size). */
    readonly parallelism: number,
  ) {}

  /** Every membership of the user (Box pages them by offset). */
  async ofUser(userId: string, ctx: OperationContext): Promise<BoxMembership[]> {
    const all: BoxMembership[] = [];
    for (;;) {
      const page = await this.client.listUserMemberships(userId, all.length, ctx);
      all.push(...page.entries);
      if (page.entries.length === 0 || all.length >= page.total_count) return all;
    }
  }

  /** The group ids of each user, in order (one memberships call per user, bounded in parallel). */
  groupIdsOfUsers(userIds: readonly string[], ctx: OperationContext): Promise<string[][]> {
    return mapConcurrently(userIds, this.parallelism, async (id) => groupIdsOf(await this.ofUser(id, ctx)));
  }

  /** @throws InvalidAttributeValueError naming the ids Box has no group for, before anything is written. */
  async requireGroups(groupIds: readonly string[], ctx: OperationContext): Promise<void> {
    const found = await mapConcurrently(groupIds, this.parallelism, (id) => this.client.getGroup(id, ctx));
    const missing = groupIds.filter((_, i) => found[i] === null);
    if (missing.length > 0) throw new InvalidAttributeValueError(`groups: Box has no group ${missing.join(', ')}`);
  }

  /** Adds the user to each group. */
  async add(userId: string, groupIds: readonly string[], ctx: OperationContext): Promise<void> {
    await mapConcurrently(groupIds, this.parallelism, (groupId) => this.client.addMembership(userId, groupId, ctx));
  }

  /** Adding the user to each group, as write steps that take themselves back (the membership is deleted). */
  addSteps(userId: string, groupIds: readonly string[], ctx: OperationContext): WriteStep[] {
    return groupIds.map((groupId) => {
      let created: BoxMembership | undefined;
      return {
        what: `Box POST /group_memberships (user ${userId}, group ${groupId})`,
        run: async () => { created = await this.client.addMembership(userId, groupId, ctx); },
        undo: async (undoCtx) => { if (created) await this.client.deleteMembership(created.id, undoCtx); },
      };
    });
  }

  /** Deleting each membership, as write steps that take themselves back (the user rejoins with the same role). */
  removeSteps(memberships: readonly BoxMembership[], ctx: OperationContext): WriteStep[] {
    return memberships.filter((m) => m.user !== undefined && m.group !== undefined).map((m) => ({
      what: `Box DELETE /group_memberships/${m.id} (user ${m.user!.id}, group ${m.group!.id})`,
      run: () => this.client.deleteMembership(m.id, ctx),
      undo: async (undoCtx) => { await this.client.addMembership(m.user!.id, m.group!.id, undoCtx, m.role); },
    }));
  }

}

/** The distinct group ids of memberships, in Box's order. */
export function groupIdsOf(memberships: readonly BoxMembership[]): string[] {
  return [...new Set(memberships.map((m) => m.group?.id).filter((id): id is string => typeof id === 'string'))];
}
