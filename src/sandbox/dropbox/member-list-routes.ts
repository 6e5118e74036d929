import { CursorArg, UserSelectorArg } from './dropbox-arg-types.js';
import { routeError } from './dropbox-errors.js';
import type { MemberRecord } from './dropbox-model.js';
import { rpcRoute, voidRoute } from './dropbox-rpc.js';
import type { RpcContext, RpcRoute } from './dropbox-rpc.js';
import { indexAfterSeq } from './dropbox-state.js';
import { roleJson, teamMemberInfo, teamMemberInfoV2 } from './dropbox-views.js';
import type { JsonObject } from './dropbox-views.js';
import { boolean, list, required, struct, uint32, withDefault } from './stone-types.js';

const MembersListArg = struct({
  limit: withDefault(uint32(1, 1000), 1000),
  include_removed: withDefault(boolean, false),
});

type MemberView = (ctx: RpcContext, member: MemberRecord) => JsonObject;

/** One page of members after `after` (seq), with the cursor for the next one. */
function membersPage(ctx: RpcContext, after: number, limit: number, includeRemoved: boolean, view: MemberView): JsonObject {
  const members = ctx.state.data.members;
  const page: JsonObject[] = [];
  let last = after;
  let i = indexAfterSeq(members, after);
  for (; i < members.length && page.length < limit; i++) {
    const member = members[i]!;
    last = member.seq;
    if (includeRemoved || member.status !== 'removed') page.push(view(ctx, member));
  }
  while (i < members.length && !includeRemoved && members[i]!.status === 'removed') last = members[i++]!.seq;
  const cursor = ctx.cursors.encode({ kind: 'members', after: last, limit, includeRemoved });
  return { members: page, cursor, has_more: i < members.length };
}

const v2: MemberView = (ctx, member) => teamMemberInfoV2(ctx.state, member);
const v1: MemberView = (ctx, member) => teamMemberInfo(ctx.state, member);

function continuePage(ctx: RpcContext, cursor: string, view: MemberView): JsonObject {
  const payload = ctx.cursors.decode(cursor, 'members');
  if (!payload) throw routeError('invalid_cursor');
  return membersPage(ctx, payload.after, payload.limit, payload.includeRemoved ?? false, view);
}

/** POST /2/team/members/list_v2 */
export const listMembersV2 = rpcRoute('team/members/list_v2', 'members.read', MembersListArg, (ctx, arg) =>
  membersPage(ctx, 0, arg.limit, arg.include_removed, v2),
);

/** POST /2/team/members/list/continue_v2 */
export const listMembersContinueV2 = rpcRoute('team/members/list/continue_v2', 'members.read', CursorArg, (ctx, arg) =>
  continuePage(ctx, arg.cursor, v2),
);

/** POST /2/team/members/list (v1: `role` AdminTier instead of `roles`) */
export const listMembers = rpcRoute('team/members/list', 'members.read', MembersListArg, (ctx, arg) =>
  membersPage(ctx, 0, arg.limit, arg.include_removed, v1),
);

/** POST /2/team/members/list/continue (v1) */
export const listMembersContinue = rpcRoute('team/members/list/continue', 'members.read', CursorArg, (ctx, arg) =>
  continuePage(ctx, arg.cursor, v1),
);

/** POST /2/team/members/get_info_v2: unknown ids are `id_not_found` items (HTTP 200), in request order. */
export const getMembersInfoV2 = rpcRoute(
  'team/members/get_info_v2',
  'members.read',
  struct({ members: required(list(UserSelectorArg)) }),
  (ctx, arg) => ({
    members_info: arg.members.map((selector): JsonObject => {
      const member = ctx.state.resolveUser(selector);
      if (!member) return { '.tag': 'id_not_found', id_not_found: selector.value };
      return { '.tag': 'member_info', ...teamMemberInfoV2(ctx.state, member) };
    }),
  }),
);

/** POST /2/team/members/get_available_team_member_roles */
export const getAvailableTeamMemberRoles = voidRoute('team/members/get_available_team_member_roles', 'members.read', (ctx) => ({
  roles: ctx.state.data.roles.map(roleJson),
}));

export const memberListRoutes: readonly RpcRoute[] = [
  listMembersV2,
  listMembersContinueV2,
  listMembers,
  listMembersContinue,
  getMembersInfoV2,
  getAvailableTeamMemberRoles,
];
