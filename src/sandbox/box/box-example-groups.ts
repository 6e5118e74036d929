import type { BoxGroupLevel, BoxGroupRecord, BoxMembershipRecord } from './box-state.js';
import { boxTimestamp } from './box-time.js';

interface ExampleGroupRow {
  id: string;
  name: string;
  description: string | null;
  provenance?: string;
  sync?: string;
  invite?: BoxGroupLevel;
  view?: BoxGroupLevel;
  created: string;
  /** Member user ids; a leading `*` marks a group admin. */
  members: readonly string[];
}

/**
 * 21 groups: with the seed's "Support" (created by its example as 20147818911) a group query shows 22,
 * as the seed's does. 20013904637 and 20013904699 are the groups the seed's Miguel Benitez joins.
 */
const ROWS: readonly ExampleGroupRow[] = [
  { id: '20005069402', name: 'A_20240611161336713', description: 'generic_description', invite: 'all_managed_users', view: 'all_managed_users', created: '2024-06-11T23:13:36Z', members: ['33012457813', '33158842097'] },
  { id: '20005071288', name: 'A_20240611161402155', description: 'generic_description', invite: 'all_managed_users', view: 'all_managed_users', created: '2024-06-11T23:14:02Z', members: [] },
  { id: '20008843516', name: 'Engineering', description: 'Software engineering', provenance: 'Active Directory', sync: 'AD:5b1f0c7e-2a43-4d8e-9f61-0c2d8e7a1b93', created: '2024-06-12T14:02:11Z', members: ['*33012457813', '34776240312', '34810356291', '34921663409', '34995582917', '35069904471', '35180129405'] },
  { id: '20013904637', name: 'Design', description: 'Product and graphic design', created: '2024-06-14T15:21:48Z', members: ['*33587201349', '34740572881', '35088270326'] },
  { id: '20013904699', name: 'Buenos Aires Office', description: 'Everyone based in the Buenos Aires office', invite: 'admins_and_members', view: 'all_managed_users', created: '2024-06-14T15:23:05Z', members: ['32996521506', '33012457813', '33158842097', '33587201349', '33790356118', '34012665470', '34740572881', '34791187745', '34810356291', '34845517630', '34880745113', '34977310448', '34995582917', '35032970135', '35069904471', '35106645598', '35161752967', '35180129405', '35198504732'] },
  { id: '20016230184', name: 'Sales', description: 'Sales and account management', provenance: 'Okta', sync: 'okta:00g8x2kq4ZT7vB1a9357', created: '2024-06-18T13:40:27Z', members: ['*33404117625', '34758113904', '34958731026'] },
  { id: '20016230251', name: 'Marketing', description: 'Marketing and communications', provenance: 'Okta', sync: 'okta:00g8x2kq9PL3mC5d1357', created: '2024-06-18T13:41:02Z', members: ['*35161752967', '34791187745', '35014426680'] },
  { id: '20019877403', name: 'Finance', description: 'Finance and accounting', invite: 'admins_only', view: 'admins_and_members', created: '2024-06-20T16:05:39Z', members: ['*35032970135', '33790356118', '34940087512'] },
  { id: '20019877466', name: 'Human Resources', description: 'People team', invite: 'admins_only', view: 'admins_only', created: '2024-06-20T16:06:14Z', members: ['*34012665470', '34977310448'] },
  { id: '20023410958', name: 'Legal & Compliance', description: 'Contracts, privacy and compliance', created: '2024-06-25T12:17:51Z', members: ['*34829901187', '35125019843'] },
  { id: '20026642117', name: 'IT Helpdesk', description: 'First-line IT support', provenance: 'Active Directory', sync: 'AD:9c2e4f18-77b0-4a3d-8e55-1f6a0b2c3d44', created: '2024-07-01T14:44:30Z', members: ['*32996521506', '35106645598', '34205518836', '35143386210'] },
  { id: '20029105873', name: 'Product Management', description: 'Product managers and owners', created: '2024-07-03T15:09:12Z', members: ['*33158842097', '34776240312'] },
  { id: '20031748302', name: 'Customer Success', description: 'Onboarding and customer success', created: '2024-07-17T13:28:45Z', members: ['*34902218876', '34758113904', '35143386210'] },
  { id: '20034412695', name: 'Executive Team', description: 'Leadership team', invite: 'admins_only', view: 'admins_only', created: '2024-07-24T17:55:03Z', members: ['32996521506', '35032970135', '35161752967', '35198504732'] },
  { id: '20037090528', name: 'Contractors', description: 'External contractors and consultants', invite: 'admins_only', view: 'admins_only', created: '2024-08-07T12:36:19Z', members: [] },
  { id: '20039821744', name: 'Caracas Office', description: 'Everyone based in the Caracas office', invite: 'admins_and_members', view: 'all_managed_users', created: '2024-08-21T14:11:57Z', members: ['33404117625', '34205518836', '34940087512', '35051338764', '35143386210'] },
  { id: '20042553019', name: 'New York Office', description: 'Everyone based in the New York office', invite: 'admins_and_members', view: 'all_managed_users', created: '2024-08-21T14:13:40Z', members: ['34758113904', '34776240312', '34829901187', '35014426680'] },
  { id: '20045310862', name: 'Security', description: 'Security engineering and incident response', provenance: 'Active Directory', sync: 'AD:e1d7a3b5-0f29-4c86-b4aa-6d2f9e8c7b10', invite: 'admins_only', view: 'admins_only', created: '2024-09-04T13:47:26Z', members: ['*34863092254', '34810356291'] },
  { id: '20048077431', name: 'Data Science', description: 'Analytics and machine learning', created: '2024-09-11T15:32:08Z', members: ['*34845517630', '35069904471'] },
  { id: '20050736190', name: 'Operations', description: 'Facilities and operations', created: '2024-09-18T12:58:44Z', members: ['*34880745113', '35051338764'] },
  { id: '20053492617', name: 'People Managers', description: 'Everyone who manages a team', created: '2024-10-03T16:20:31Z', members: ['33012457813', '33158842097', '33404117625', '33587201349', '34012665470', '34863092254', '34880745113', '34902218876', '35032970135', '35161752967'] },
];

/** The first membership id; later ones step up irregularly, as Box's do. */
const FIRST_MEMBERSHIP_ID = 55_013_226_071;

export function exampleGroups(): Record<string, BoxGroupRecord> {
  const groups: Record<string, BoxGroupRecord> = {};
  for (const row of ROWS) {
    const created = boxTimestamp(new Date(row.created));
    groups[row.id] = {
      id: row.id,
      name: row.name,
      group_type: 'managed_group',
      created_at: created,
      modified_at: created,
      provenance: row.provenance ?? null,
      external_sync_identifier: row.sync ?? null,
      description: row.description,
      invitability_level: row.invite ?? 'admins_and_members',
      member_viewability_level: row.view ?? 'admins_and_members',
    };
  }
  return groups;
}

/** The example memberships and the last id used. */
export function exampleMemberships(): { memberships: Record<string, BoxMembershipRecord>; lastId: number } {
  const memberships: Record<string, BoxMembershipRecord> = {};
  let id = FIRST_MEMBERSHIP_ID;
  let n = 0;
  for (const row of ROWS) {
    const joined = boxTimestamp(new Date(new Date(row.created).getTime() + 3600 * 1000));
    for (const member of row.members) {
      const admin = member.startsWith('*');
      const membership: BoxMembershipRecord = {
        id: String(id),
        user_id: admin ? member.slice(1) : member,
        group_id: row.id,
        role: admin ? 'admin' : 'member',
        configurable_permissions: admin ? { can_run_reports: true, can_instant_login: false, can_create_accounts: false, can_edit_accounts: true } : null,
        created_at: joined,
        modified_at: joined,
      };
      memberships[membership.id] = membership;
      n += 1;
      id += 1_000 + ((n * 4_409) % 53_003);
    }
  }
  return { memberships, lastId: id };
}
