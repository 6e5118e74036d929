import type { OperationContext } from '../../provisioner/spi.js';
import type { DropboxClient } from './dropbox-client.js';
import { isSystemManaged, memberAccessOf } from './dropbox-group-mapping.js';
import type { GroupAccess } from './dropbox-member-mapping.js';
import type { TeamMemberInfoV2 } from './dropbox-wire.js';

/** Group ids per `groups/get_info` call (Dropbox documents no limit; this keeps answers modest). */
const GROUPS_PER_CALL = 100;

/**
 * The `groups` of each member with its access type. A TeamMemberProfile lists only group ids,
 * so one `groups/get_info` call per 100 distinct groups of the page tells owners from members;
 * system-managed groups (no member list) are `member`. Groups deleted meanwhile are left out.
 * @param systemGroups ids of system-managed groups seen before: Dropbox never changes or deletes
 *   such a group, so they are not asked about again (filled in by this call).
 * @returns team_member_id → its groups, in the profile's order.
 */
export async function resolveGroupAccess(
  client: DropboxClient,
  infos: readonly TeamMemberInfoV2[],
  ctx: OperationContext,
  systemGroups: Set<string> = new Set(),
): Promise<Map<string, GroupAccess[]>> {
  // group id → (team member id → access type), or null when the group lists no members.
  const access = new Map<string, Map<string, string> | null>();
  for (const id of systemGroups) access.set(id, null);
  const groupIds = [...new Set(infos.flatMap((i) => i.profile.groups))].filter((id) => !systemGroups.has(id));
  for (let i = 0; i < groupIds.length; i += GROUPS_PER_CALL) {
    const items = await client.getGroupsInfo({ ids: groupIds.slice(i, i + GROUPS_PER_CALL) }, ctx);
    for (const item of items) {
      if (item['.tag'] !== 'group_info') continue;
      if (isSystemManaged(item)) systemGroups.add(item.group_id);
      access.set(item.group_id, item.members ? new Map(item.members.map((m) => {
        const entry = memberAccessOf(m);
        return [entry.team_member_id, entry.access_type];
      })) : null);
    }
  }
  const result = new Map<string, GroupAccess[]>();
  for (const info of infos) {
    const id = info.profile.team_member_id;
    const groups: GroupAccess[] = [];
    for (const groupId of info.profile.groups) {
      if (!access.has(groupId)) continue;
      groups.push({ access_type: access.get(groupId)?.get(id) ?? 'member', group_id: groupId });
    }
    result.set(id, groups);
  }
  return result;
}
