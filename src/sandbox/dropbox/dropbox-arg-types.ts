import { list, required, string, struct, union } from './stone-types.js';
import type { Infer } from './stone-types.js';

/** The Stone aliases and selectors the team routes share (common.stone, team_common.stone, team.stone). */

/** Placeholder role ids the product page's examples use; they exist in the example team. */
export const SEED_PLACEHOLDER_ROLE_IDS = ['ROLE_ID', 'ROLE ID'] as const;

export const EmailAddress = string({
  maxLength: 255,
  pattern: "^['#&A-Za-z0-9._%+-]+@[A-Za-z0-9-][A-Za-z0-9.-]*\\.[A-Za-z]{2,15}$",
});
export const OptionalNamePart = string({ maxLength: 50, pattern: '[^/:?*<>"|]*' });
export const MemberExternalId = string({ maxLength: 64 });
export const TeamMemberRoleId = string({ maxLength: 128, pattern: 'pid_dbtmr:.*', allow: SEED_PLACEHOLDER_ROLE_IDS });
export const AsyncJobId = string({ minLength: 1 });
export const GroupId = string();

export const UserSelectorArg = union({
  team_member_id: string(),
  external_id: MemberExternalId,
  email: EmailAddress,
});
export type UserSelector = Infer<typeof UserSelectorArg>;

export const GroupSelector = union({
  group_id: GroupId,
  group_external_id: string(),
});
export type GroupSelectorValue = Infer<typeof GroupSelector>;

export const GroupsSelector = union({
  group_ids: list(GroupId),
  group_external_ids: list(string()),
});

export const GroupAccessType = union({ member: null, owner: null });
export const GroupManagementType = union({ user_managed: null, company_managed: null, system_managed: null, other: null }, 'other');

export const PollArg = struct({ async_job_id: required(AsyncJobId) });

export const CursorArg = struct({ cursor: required(string()) });
