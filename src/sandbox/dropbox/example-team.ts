import { randomBytes } from 'node:crypto';
import { DROPBOX_SANDBOX_AUTHORIZATION_CODE, DROPBOX_SANDBOX_CREDENTIALS } from './dropbox-credentials.js';
import type { AccessType, DropboxData, GroupManagement, GroupRecord, MemberRecord, MemberStatus, RoleRecord, SecondaryEmailRecord } from './dropbox-model.js';
import { memberName } from './member-name.js';

/**
 * The example team "Acme Inc." the sandbox starts with (and `reset()` restores): 36 members in
 * every status, the Dropbox-defined admin roles, and 9 groups including the system-managed
 * "Everyone at Acme Inc.". It also holds the objects the product page's examples use by literal
 * id without creating them: member `TEAM_MEMBER_ID`, group `GROUP_ID`, roles `ROLE_ID` / `ROLE ID`.
 */

export const EXAMPLE_TEAM_NAME = 'Acme Inc.';
export const TEAM_ADMIN_ROLE_ID = 'pid_dbtmr:2345';

/** Ids worth knowing in tests and docs. */
export const EXAMPLE_IDS = {
  teamId: 'dbtid:AAyosi0NuDoi2xY7Vgs-TlFSflM9MdBnthS',
  /** The seed's member: test@email.com, active, role ROLE_ID, in GROUP_ID. */
  seedMemberId: 'TEAM_MEMBER_ID',
  /** The seed's group: "Brand Design", company-managed, one member (TEAM_MEMBER_ID). */
  seedGroupId: 'GROUP_ID',
  seedRoleId: 'ROLE_ID',
  /** Dana Whitfield, the only team admin; she authorized the sandbox app. */
  adminMemberId: 'dbmid:AAVp7S2V-EkFsqkxa8RjvwQ_MUXfD0x8DpS',
  everyoneGroupId: 'g:f099eeb1f0e017ad0aec2be29f14d8a5',
  engineeringGroupId: 'g:dc0d0d084fe9f1fcf008c856ccd385f3',
  salesGroupId: 'g:e902958464d7286c8de8ab0b8c1f19d6',
  contractorsGroupId: 'g:fe04ed58fe1ca203f3de98a7d51abd8b',
  /** Active, member only (Engineering). */
  activeMemberId: 'dbmid:AAAg5ZnY1-U-_z0-lBNCUzRcBDEj7uDpldp',
  /** Invited, no names (five empty strings), like a real API-invited member. */
  invitedMemberId: 'dbmid:AAExPnaxDJd_C2p9gRWRDFksIWTlfN3b9he',
  suspendedMemberId: 'dbmid:AAcVt7Kmpw-1YYTTc9JyFqNqYiS3dQcVVgb',
  /** Removed but recoverable: re-adding the email answers user_already_on_team. */
  removedMemberId: 'dbmid:AAEGst2aFak8vwrHjIcPkgv7EG5qg7qNj2a',
  /** Its 200+ character email cannot be disabled (members/remove → email_address_too_long_to_be_disabled). */
  longEmailMemberId: 'dbmid:AA3N0FmoyLUiwz_I9qLzFMN_JS0lIAlshtp',
} as const;

export const EXAMPLE_ROLES: readonly RoleRecord[] = [
  { role_id: TEAM_ADMIN_ROLE_ID, name: 'Team admin', description: 'Manage everything and access all permissions.' },
  { role_id: 'pid_dbtmr:3456', name: 'User management admin', description: 'Add, remove, and manage member accounts.' },
  { role_id: 'pid_dbtmr:4567', name: 'Support admin', description: 'Help members with limited tasks, including password reset.' },
  { role_id: 'pid_dbtmr:5678', name: 'Billing admin', description: 'Make payments and renew contracts.' },
  // The product page's placeholders (its role query shows "Name role" / "Description role").
  { role_id: 'ROLE_ID', name: 'Name role', description: 'Description role' },
  { role_id: 'ROLE ID', name: 'Role ID', description: "Role the product page's invite example assigns." },
];

const DOMAIN = 'acme.example.com';

interface ExampleMember {
  id: string;
  accountId: string;
  folders: [string, string];
  given: string;
  surname: string;
  email?: string;
  status?: MemberStatus;
  joined?: string;
  invited?: string;
  suspended?: string;
  removed?: { is_recoverable: boolean; is_disconnected: boolean; removed_on: string };
  role?: string;
  externalId?: string;
  secondary?: SecondaryEmailRecord[];
  photo?: boolean;
  abbreviated?: string;
}

const LONG_EMAIL =
  'maximilian.alexander.worthington-smythe.of.the.northern.territories.regional.procurement.and.logistics.coordination' +
  '.office.temporary.assignment.2024.second.half.fiscal.review.committee.delegate@acme.example.com';

const m = (
  id: string,
  accountId: string,
  folders: [string, string],
  given: string,
  surname: string,
  extra: Partial<ExampleMember> = {},
): ExampleMember => ({ id, accountId, folders, given, surname, ...extra });

const MEMBERS: readonly ExampleMember[] = [
  m(EXAMPLE_IDS.adminMemberId, 'dbid:AAczCjYYDeuJVXBSGsycdU0h3HLBh5q_5IE', ['4536260693', '3768212676'], 'Dana', 'Whitfield', { joined: '2019-03-04T16:20:11Z', role: TEAM_ADMIN_ROLE_ID, externalId: 'E1001', photo: true }),
  m('dbmid:AAItjFFpM2jdrPdspjy-xigtC_XvSBaM-XZ', 'dbid:AAwiaXMzQg4mmDroB1K-n2XiMccg-5Y7oq0', ['4640349554', '4707715580'], 'Marcus', 'Chen', { joined: '2019-04-15T09:02:45Z', role: 'pid_dbtmr:3456', externalId: 'E1002' }),
  m('dbmid:AAzzhpArr9oAUDGcwETG6TI6zA0yPBqo7Vc', 'dbid:AAptlSEUezcG_SguUTKKgE0fQQwdkufiQgS', ['1085232967', '2696065224'], 'Priya', 'Raman', { joined: '2020-01-20T13:45:00Z', role: 'pid_dbtmr:4567', externalId: 'E1003', secondary: [{ email: 'priya.raman@gmail.example.org', is_verified: true }] }),
  m('dbmid:AAuwBQ04a_YIH1O4G_agDkjPIg7tkWQY-vS', 'dbid:AAG_Uhg23pbnX6x_ne3aTZLr5MAbmHeB5Bn', ['4643572331', '2442607822'], 'Tom', 'Okafor', { joined: '2020-02-03T08:15:27Z', role: 'pid_dbtmr:5678', externalId: 'E1004' }),
  m(EXAMPLE_IDS.seedMemberId, 'dbid:AAudHyxbXSoTH8Yo2OHnl8EKB3RegVbeQ2I', ['2742193479', '3008750529'], 'givenname', 'surname', { email: 'test@email.com', joined: '2023-01-01T00:00:00Z', role: 'ROLE_ID', abbreviated: 'gs' }),
  m(EXAMPLE_IDS.activeMemberId, 'dbid:AA7DRecuLekyDFJgV6tBKdpq3IIfarU8Ng9', ['4746352319', '3862436805'], 'Jamal', 'Baker', { joined: '2020-06-08T10:00:03Z', externalId: 'E1010', photo: true }),
  m('dbmid:AAGpPrEM4QP8_uAkje88unAWRfcebCKmcrS', 'dbid:AAtMhA2Q231LbNm01e0G7-_sjSlAzuODtz1', ['3697585975', '4898405016'], 'Sofia', 'Rossi', { joined: '2020-09-14T12:31:50Z', externalId: 'E1011' }),
  m('dbmid:AA0ojQxVQVfNdEW_SAvLAsme4HV-5VmlF4d', 'dbid:AA_EVdttTVeQnrYOtl5hWGFvm7LR8IqjLvj', ['3247784674', '2631758957'], 'Kenji', 'Watanabe', { joined: '2021-01-11T00:42:19Z', externalId: 'E1012' }),
  m('dbmid:AAWPw56X2_csbMWMlB8BHUSyDGTYhI4mcmx', 'dbid:AAwk0-EkSq4CgtXxiBh8Elr3tZqOwgE1YdX', ['5128513162', '4332044960'], 'Emily', 'Carter', { joined: '2021-03-22T15:05:44Z', externalId: 'E1013', secondary: [{ email: 'emily.carter@old-acme.example.net', is_verified: false }] }),
  m('dbmid:AAML3mBOroTP_p7_kyYsz1XbJaxLkQPxypW', 'dbid:AANLo2PEr4qnEboYLeK5ydhen1OBlsbVy2X', ['3692869274', '4880823005'], 'Lucas', 'Martin', { joined: '2021-05-03T07:58:12Z', externalId: 'E1014' }),
  m('dbmid:AAp7eDdPdF2hPbAHUB8WXW3j3gbPSF1pywN', 'dbid:AApo0sjHGmW2SobIZJT16_xiSZzmbGYlDwO', ['3071556491', '1716210866'], 'Aisha', 'Mohammed', { joined: '2022-02-28T11:11:11Z', externalId: 'E1015' }),
  m('dbmid:AAlRcw4kOZL9G0okbUbiEgLdh225EPaZmje', 'dbid:AAerJ5NtxbWq0WLNUdjP8vhTNi_IGh6u0LR', ['2617332441', '1886714050'], 'Noah', 'Schmidt', { joined: '2019-07-01T09:30:00Z', externalId: 'E1020' }),
  m('dbmid:AAuysVOYpnl6gI21ZNSj-FFH_-Y3PDw8Ze8', 'dbid:AAX1qOomVTXC0Nn8QG-m1Gj1_ztbfzwkUJL', ['1712439344', '2976499272'], 'Olivia', 'Brown', { joined: '2019-08-19T14:20:36Z', externalId: 'E1021' }),
  m('dbmid:AAMI4fb2Yz-ORyaIINkQnzDhn5CFD48rKDU', 'dbid:AAMHTHVYdO1R5_rLiQcefsXDZpUfJIZiONt', ['3889536650', '3824543169'], 'Mateo', 'García', { email: `mateo.garcia@${DOMAIN}`, joined: '2022-04-04T08:00:00Z', externalId: 'E1022' }),
  m('dbmid:AA93kcw-TRaWwyVsnedTxy0yQKZa_wNXWW5', 'dbid:AA_RvmfEf_FKKPrwKRbFC9XXB1YDsIB65rK', ['3825362803', '1401178560'], 'Hannah', 'Müller', { email: `hannah.mueller@${DOMAIN}`, joined: '2022-06-13T09:45:10Z', externalId: 'E1023' }),
  m('dbmid:AAh9jM-bBGu3tOXVUmfgWKnwpvVPO7QDfyG', 'dbid:AAMICxucrMz8Qr4LcoTJnMsH_P2k90fhPkb', ['4249735579', '3795004790'], 'Liam', "O'Connor", { email: `liam.oconnor@${DOMAIN}`, joined: '2023-03-06T10:12:00Z', externalId: 'E1024' }),
  m('dbmid:AAB2L78cIpTND7CPAUZYo2YQL0zfB-wFaI9', 'dbid:AAcWXc88F_QInLtfyUrrTLS5FfP3z_NaY-3', ['1492367684', '2799564995'], 'Chloé', 'Lefèvre', { email: `chloe.lefevre@${DOMAIN}`, joined: '2021-10-18T13:00:00Z', externalId: 'E1030' }),
  m('dbmid:AAEfRVscdJkQX2Iei-wTRqIHxZuj_o3alm8', 'dbid:AA9FuezcP4b5JCEca4wMUCqVEgbdsBrrXvY', ['1222312227', '3129053440'], 'Ravi', 'Patel', { joined: '2022-11-07T16:40:22Z', externalId: 'E1031' }),
  m('dbmid:AAna_KYI75u42paIaJWoMpahsjEgIYVa_9c', 'dbid:AAz67YPWdhKH1ydrEQEJFtyG3mCApXHN-j4', ['1807601145', '5241880907'], 'Grace', 'Kim', { joined: '2020-03-30T08:08:08Z', externalId: 'E1040' }),
  m('dbmid:AAhJ03h0FsQwxsJ26jz19oo5GRg00wqqwcv', 'dbid:AAIIvFu5PXlMauuwQizcuzRpNPCp2iCR20I', ['2340585274', '1823133655'], 'Daniel', 'Novak', { joined: '2023-08-21T09:00:00Z', externalId: 'E1041' }),
  m('dbmid:AAl_jCfHezKICpRsJSq9VltVa-Rzwi18p_v', 'dbid:AA1emqtUlpYg1rhBuPfLHvISle4baYmFUvZ', ['1828849416', '3489036161'], 'Isabella', 'Costa', { joined: '2021-07-12T12:12:12Z', externalId: 'E1050', photo: true }),
  m('dbmid:AAVmOghiOm0Vjzq2q-p6fnynqFkKnvWeO8Y', 'dbid:AAepgFCtEn9yrEG52X5Aec5tuUBPWoA0IZZ', ['3663016955', '3206816235'], 'Ethan', 'Wright', { joined: '2022-01-17T10:30:00Z', externalId: 'E1051' }),
  m('dbmid:AAdC_6g6XUIEKACHivLBeOisrsog3ROvtdN', 'dbid:AA6fIBtcFtIO6P7ngXQWeQYN6cTBa4YX_IN', ['2984830188', '4891156413'], 'Mia', 'Johansson', { joined: '2023-05-02T07:30:45Z', externalId: 'E1052' }),
  m('dbmid:AAajeGmFybGCdEYzx9i3j00wpPeWEelRP7h', 'dbid:AAiV9jeDwoTo-OTXZen6J4HocPF6gOstKlC', ['2962700856', '1151411336'], 'Omar', 'Haddad', { joined: '2023-09-11T11:00:00Z' }),
  m('dbmid:AAltJUmn_Sm-10IzLg_w_0McEaVA7EkWZMJ', 'dbid:AAQyUiPZa2Gn466gQabc2t2tVpCGeQ7-dvl', ['2113314021', '2052419488'], 'Lena', 'Fischer', { joined: '2024-01-08T08:20:00Z' }),
  m('dbmid:AA1dbdxR-d7leEHCFlIdLOywPs1ezqPcOOt', 'dbid:AAmZUsOdP4VSkElgLtbuz87ozaPjimBDD4t', ['2122488753', '2870286090'], 'Samuel', 'Adeyemi', { joined: '2024-04-15T09:09:09Z' }),
  m('dbmid:AADp1kjE57LS1wC-np3JJVpGXYA_4ccPeIE', 'dbid:AAxgn0jrxH3excrY0NvgIu8dSDNMKNLMuq2', ['4411016598', '2576278042'], 'Yuki', 'Tanaka', { joined: '2024-07-01T00:00:00Z' }),
  m('dbmid:AAbqLew273ahzj_dTdQvg5toRQnPep60NyW', 'dbid:AAyXRvDBOLmk0hugba4Ui9KgTtcIuMYtpLH', ['3942070301', '5087350141'], 'Zara', 'Ahmed', { status: 'invited', invited: '2025-10-02T14:03:51Z' }),
  m(EXAMPLE_IDS.invitedMemberId, 'dbid:AApp-rqI6GvX3dj0W8FBnKQ7icCRa-yAIGA', ['3354243302', '3282175303'], '', '', { email: `new.hire@${DOMAIN}`, status: 'invited', invited: '2025-11-03T09:15:00Z' }),
  m('dbmid:AAxJWxRPiUFf5XQxflOMMckZUdCoG1JI7bQ', 'dbid:AANPOxxKdYs-Xsb7XmcfB0PMFjxwmD-y-v9', ['1871046570', '5213586677'], 'Peter', 'Ivanov', { status: 'invited', invited: '2025-11-10T10:00:00Z', externalId: 'E1060' }),
  m(EXAMPLE_IDS.suspendedMemberId, 'dbid:AAUAnrSQSHfb2z_J6yWKjQLq-d6wSV5Y2UD', ['1340749436', '4556663503'], 'Victor', 'Hale', { status: 'suspended', joined: '2020-10-05T09:00:00Z', suspended: '2025-06-30T17:00:00Z', externalId: 'E1070' }),
  m('dbmid:AACCshx0aenLOgFZOg1M3PjinFGROiZqAP5', 'dbid:AA4E8UpCePpJ9y7Bj8V11cN8p80jrz21GlA', ['2302652344', '1330860536'], 'Nina', 'Petrova', { status: 'suspended', joined: '2021-12-01T09:00:00Z', suspended: '2025-09-15T08:30:00Z' }),
  m(EXAMPLE_IDS.removedMemberId, 'dbid:AAcnHAz32yIi0M2f9saSZgXKSXymvhE7L4D', ['5175287028', '3305577468'], 'Carl', 'Jensen', { status: 'removed', joined: '2020-05-05T09:00:00Z', removed: { is_recoverable: true, is_disconnected: false, removed_on: '2025-11-18T12:00:00Z' }, externalId: 'E1080' }),
  m('dbmid:AAZR6NrH7UvFQ5WRR39-v1TzwAYRGT3PeZP', 'dbid:AAQgiZUR-nXDfrsIHaQsCC5KDml6TNEG4TU', ['1443575885', '1439755527'], 'Beth', 'Moore', { status: 'removed', joined: '2019-11-11T09:00:00Z', removed: { is_recoverable: false, is_disconnected: true, removed_on: '2024-02-29T12:00:00Z' } }),
  m(EXAMPLE_IDS.longEmailMemberId, 'dbid:AA-pydV1Is_UK99KrN4L9uqimXXgCC3w32P', ['3759317148', '2644288534'], 'Maximilian', 'Worthington-Smythe', { email: LONG_EMAIL, joined: '2024-09-02T09:00:00Z' }),
  m('dbmid:AAfv8H8ESUE_2J_W9Ng6f860k2PIDqZhlY1', 'dbid:AAq9PSTOpLbYFrq-J1Sx5-l8BiD2ueXcKwP', ['4220799147', '4359004576'], 'Felix', 'Wagner', { joined: '2025-02-10T09:00:00Z', externalId: 'C-2001' }),
];

function defaultEmail(given: string, surname: string): string {
  return `${given}.${surname}`.toLowerCase().replace(/[^a-z.]/g, '') + `@${DOMAIN}`;
}

function toRecord(e: ExampleMember, seq: number): MemberRecord {
  const status = e.status ?? 'active';
  const name = memberName(e.given, e.surname);
  if (e.abbreviated !== undefined) name.abbreviated_name = e.abbreviated;
  const record: MemberRecord = {
    seq,
    team_member_id: e.id,
    account_id: e.accountId,
    email: e.email ?? defaultEmail(e.given, e.surname),
    email_verified: status !== 'invited',
    secondary_emails: e.secondary ?? [],
    status,
    name,
    membership_type: 'full',
    member_folder_id: e.folders[0],
    root_folder_id: e.folders[1],
  };
  if (e.externalId !== undefined) record.external_id = e.externalId;
  if (e.invited !== undefined) record.invited_on = e.invited;
  if (e.joined !== undefined) record.joined_on = e.joined;
  if (e.suspended !== undefined) record.suspended_on = e.suspended;
  if (e.removed !== undefined) record.removed = e.removed;
  if (e.role !== undefined) record.role_ids = [e.role];
  if (e.photo) record.profile_photo_url = `https://dl-web.dropbox.com/account_photo/get/dbaphid%3A${e.accountId.slice(5)}?size=128x128&vers=1700000000000`;
  return record;
}

interface ExampleGroup {
  id: string;
  name: string;
  type: GroupManagement;
  created: string;
  externalId?: string;
  members: [string, AccessType][];
}

const byName = (given: string): string => {
  const found = MEMBERS.find((e) => e.given === given);
  if (!found) throw new Error(`example member ${given} missing`);
  return found.id;
};

const GROUPS: readonly ExampleGroup[] = [
  { id: EXAMPLE_IDS.everyoneGroupId, name: `Everyone at ${EXAMPLE_TEAM_NAME}`, type: 'system_managed', created: '2019-03-04T16:20:11Z', members: [] },
  { id: EXAMPLE_IDS.seedGroupId, name: 'Brand Design', type: 'company_managed', created: '2023-01-01T00:00:00Z', members: [[EXAMPLE_IDS.seedMemberId, 'member']] },
  {
    id: EXAMPLE_IDS.engineeringGroupId, name: 'Engineering', type: 'user_managed', created: '2019-05-06T10:00:00Z', externalId: 'grp-engineering',
    members: [[byName('Jamal'), 'owner'], [byName('Sofia'), 'owner'], [byName('Kenji'), 'member'], [byName('Emily'), 'member'], [byName('Lucas'), 'member'], [byName('Aisha'), 'member'], [byName('Nina'), 'member']],
  },
  {
    id: EXAMPLE_IDS.salesGroupId, name: 'Sales EMEA', type: 'company_managed', created: '2019-07-01T09:00:00Z', externalId: 'grp-sales-emea',
    members: [[byName('Noah'), 'member'], [byName('Olivia'), 'member'], [byName('Mateo'), 'member'], [byName('Hannah'), 'member'], [byName('Liam'), 'member'], [byName('Victor'), 'member']],
  },
  {
    id: 'g:81d09d3b50adcf4003582b99463b11a8', name: 'Customer Support', type: 'company_managed', created: '2020-01-20T14:00:00Z', externalId: 'grp-support',
    members: [[byName('Priya'), 'member'], [byName('Chloé'), 'member'], [byName('Ravi'), 'member']],
  },
  {
    id: 'g:6f1a2cd921b9e45061f79265643b303c', name: 'Finance', type: 'company_managed', created: '2020-02-03T09:00:00Z', externalId: 'grp-finance',
    members: [[byName('Tom'), 'member'], [byName('Grace'), 'member'], [byName('Daniel'), 'member']],
  },
  {
    id: 'g:3ad824328b86862913a190d0c6b392a4', name: 'Leadership', type: 'user_managed', created: '2019-03-05T08:00:00Z',
    members: [[byName('Dana'), 'owner'], [byName('Marcus'), 'member'], [byName('Tom'), 'member'], [byName('Priya'), 'member']],
  },
  {
    id: 'g:876ea87a7e75417bf220ddb91248621a', name: 'Marketing', type: 'user_managed', created: '2021-07-12T13:00:00Z', externalId: 'grp-marketing',
    members: [[byName('Isabella'), 'owner'], [byName('Ethan'), 'member'], [byName('Mia'), 'member'], [byName('Zara'), 'member']],
  },
  { id: EXAMPLE_IDS.contractorsGroupId, name: 'Contractors', type: 'company_managed', created: '2025-02-10T08:00:00Z', externalId: 'grp-contractors', members: [] },
];

/** A fresh copy of the example team's state (new cursor secret each time). */
export function exampleTeam(): DropboxData {
  let seq = 0;
  const members = MEMBERS.map((e) => toRecord(e, ++seq));
  const groups: GroupRecord[] = GROUPS.map((g) => {
    const record: GroupRecord = {
      seq: ++seq,
      group_id: g.id,
      group_name: g.name,
      group_management_type: g.type,
      created: Date.parse(g.created),
      members: g.members.map(([id, access]) => ({ team_member_id: id, access_type: access, seq: ++seq })),
    };
    if (g.externalId !== undefined) record.group_external_id = g.externalId;
    return record;
  });
  return {
    schema: 1,
    team: { name: EXAMPLE_TEAM_NAME, team_id: EXAMPLE_IDS.teamId, num_licensed_users: 250, authorizing_admin_id: EXAMPLE_IDS.adminMemberId },
    roles: EXAMPLE_ROLES.map((r) => ({ ...r })),
    members,
    groups,
    deleted_group_ids: [],
    clients: [{ client_id: DROPBOX_SANDBOX_CREDENTIALS.clientId, client_secret: DROPBOX_SANDBOX_CREDENTIALS.clientSecret }],
    refresh_tokens: [{ refresh_token: DROPBOX_SANDBOX_CREDENTIALS.refreshToken, client_id: DROPBOX_SANDBOX_CREDENTIALS.clientId, revoked: false }],
    authorization_codes: [DROPBOX_SANDBOX_AUTHORIZATION_CODE],
    cursor_secret: randomBytes(24).toString('base64url'),
    next_seq: seq + 1,
  };
}
