import type { JsonObject } from '../../util/json.js';
import type { ScimData, ScimRecord } from './scim-data.js';
import { stableId } from './stable-id.js';

type Department = 'engineering' | 'sales' | 'support' | 'finance' | 'marketing';

interface Person {
  readonly given: string;
  readonly family: string;
  readonly title: string;
  readonly department: Department;
  readonly admin?: boolean;
  readonly inactive?: boolean;
  readonly contractor?: boolean;
  readonly locale?: string;
  readonly homeEmail?: boolean;
}

const GROUP_NAMES = {
  administrators: 'Administrators',
  engineering: 'Engineering',
  sales: 'Sales',
  support: 'Support',
  finance: 'Finance',
  marketing: 'Marketing',
  allStaff: 'All Staff',
} as const;

const PEOPLE: readonly Person[] = [
  { given: 'Barbara', family: 'Jensen', title: 'Tour Guide', department: 'sales', locale: 'en-US', homeEmail: true },
  { given: 'Alice', family: 'Nguyen', title: 'Staff Engineer', department: 'engineering', admin: true },
  { given: 'Ben', family: 'Carter', title: 'Account Executive', department: 'sales' },
  { given: 'Carla', family: 'Mendes', title: 'Support Specialist', department: 'support', locale: 'pt-BR' },
  { given: 'Daniel', family: 'Okafor', title: 'Site Reliability Engineer', department: 'engineering', admin: true },
  { given: 'Elena', family: 'Petrova', title: 'Controller', department: 'finance', locale: 'bg-BG' },
  { given: 'Farid', family: 'Haddad', title: 'Backend Engineer', department: 'engineering' },
  { given: 'Grace', family: 'Liu', title: 'Product Marketing Manager', department: 'marketing', homeEmail: true },
  { given: 'Hiro', family: 'Tanaka', title: 'Frontend Engineer', department: 'engineering', locale: 'ja-JP' },
  { given: 'Isabel', family: 'Romero', title: 'Sales Director', department: 'sales', locale: 'es-ES' },
  { given: 'Jonas', family: 'Berg', title: 'Support Engineer', department: 'support', locale: 'sv-SE', inactive: true },
  { given: 'Keisha', family: 'Johnson', title: 'Accountant', department: 'finance' },
  { given: 'Liam', family: "O'Brien", title: 'Content Strategist', department: 'marketing', locale: 'en-IE' },
  { given: 'Maya', family: 'Patel', title: 'Engineering Manager', department: 'engineering', homeEmail: true },
  { given: 'Noah', family: 'Schmidt', title: 'Solutions Engineer', department: 'sales', locale: 'de-DE' },
  { given: 'Olivia', family: 'Rossi', title: 'Support Team Lead', department: 'support', locale: 'it-IT' },
  { given: 'Pedro', family: 'Alvarez', title: 'QA Engineer', department: 'engineering', contractor: true },
  { given: 'Quinn', family: 'Harper', title: 'Payroll Specialist', department: 'finance' },
  { given: 'Rosa', family: 'Martinez', title: 'Designer', department: 'marketing', contractor: true },
  { given: 'Samuel', family: 'Adeyemi', title: 'Data Engineer', department: 'engineering' },
  { given: 'Tara', family: 'Singh', title: 'Account Manager', department: 'sales', locale: 'en-IN' },
  { given: 'Umar', family: 'Farouk', title: 'Support Specialist', department: 'support', inactive: true },
  { given: 'Valentina', family: 'Costa', title: 'Financial Analyst', department: 'finance' },
  { given: 'William', family: 'Chen', title: 'Security Engineer', department: 'engineering', admin: true },
  { given: 'Ximena', family: 'Torres', title: 'Marketing Coordinator', department: 'marketing', locale: 'es-MX' },
  { given: 'Yusuf', family: 'Demir', title: 'Mobile Engineer', department: 'engineering', locale: 'tr-TR' },
  { given: 'Zoe', family: 'Fischer', title: 'Sales Development Rep', department: 'sales' },
  { given: 'Aaron', family: 'Levy', title: 'Support Specialist', department: 'support', contractor: true },
  { given: 'Bianca', family: 'Moretti', title: 'Treasury Analyst', department: 'finance', locale: 'it-IT' },
  { given: 'Chidi', family: 'Eze', title: 'Platform Engineer', department: 'engineering' },
  { given: 'Dana', family: 'Kowalski', title: 'Events Manager', department: 'marketing', locale: 'pl-PL' },
  { given: 'Emil', family: 'Larsen', title: 'Account Executive', department: 'sales', locale: 'da-DK', inactive: true },
  { given: 'Fatima', family: 'Zahra', title: 'Support Engineer', department: 'support' },
  { given: 'Gabriel', family: 'Dubois', title: 'Data Scientist', department: 'engineering', locale: 'fr-FR' },
  { given: 'Hannah', family: 'Weber', title: 'Tax Manager', department: 'finance', locale: 'de-DE' },
  { given: 'Ivan', family: 'Horvat', title: 'DevOps Engineer', department: 'engineering', locale: 'hr-HR', contractor: true },
  { given: 'Julia', family: 'Novak', title: 'Brand Manager', department: 'marketing' },
  { given: 'Kenji', family: 'Sato', title: 'Customer Success Manager', department: 'sales', locale: 'ja-JP' },
  { given: 'Leila', family: 'Rahimi', title: 'Support Specialist', department: 'support', homeEmail: true },
];

/** userName of a generated example person: `first.last`, ASCII, no apostrophes. */
function userNameOf(person: Person): string {
  return `${person.given}.${person.family}`.toLowerCase().replace(/[^a-z.]/g, '');
}

/**
 * Ids of the example directory that stay the same across resets. `user` is the literal id the
 * SaaS REST seed reads without creating it (`GET|PUT …/__ACCOUNT__/USER_ID`): userName "john",
 * givenName "john", familyName "doe", mail john.doe@example.com, phone 0101010101,
 * description "some description", active.
 */
export const SCIM_EXAMPLE_IDS = {
  user: 'USER_ID',
  testUser: stableId('user:testuser'),
  bjensen: stableId('user:bjensen'),
  groups: Object.fromEntries(Object.keys(GROUP_NAMES).map((key) => [key, stableId(`group:${key}`)])) as Record<keyof typeof GROUP_NAMES, string>,
} as const;

const EPOCH = Date.parse('2024-01-15T09:00:00.000Z');

function meta(index: number) {
  const stamp = new Date(EPOCH + index * 3_600_000).toISOString();
  return { created: stamp, lastModified: stamp, revision: 1 };
}

function exampleUsers(): ScimRecord[] {
  const john: ScimRecord = {
    id: SCIM_EXAMPLE_IDS.user,
    meta: meta(0),
    attributes: {
      userName: 'john',
      name: { familyName: 'doe', givenName: 'john' },
      displayName: 'john doe',
      active: true,
      emails: [{ value: 'john.doe@example.com', type: 'work', primary: true }],
      phoneNumbers: [{ value: '0101010101', type: 'work', primary: true }],
      description: 'some description',
    },
  };
  const testUser: ScimRecord = {
    id: SCIM_EXAMPLE_IDS.testUser,
    meta: meta(1),
    attributes: {
      userName: 'testuser',
      name: { familyName: 'user', givenName: 'test' },
      displayName: 'test user',
      active: true,
      emails: [{ value: 'test.user@example.com', type: 'work', primary: true }],
      description: 'some description',
    },
  };
  const people = PEOPLE.map((person, index): ScimRecord => {
    const userName = index === 0 ? 'bjensen' : userNameOf(person);
    const emails: JsonObject[] = [{ value: `${userNameOf(person)}@example.com`, type: 'work', primary: true }];
    if (person.homeEmail) emails.push({ value: `${person.given.toLowerCase()}@home.example.net`, type: 'home', primary: false });
    const attributes: JsonObject = {
      externalId: `EMP-${1001 + index}`,
      userName,
      name: { familyName: person.family, givenName: person.given },
      displayName: `${person.given} ${person.family}`,
      title: person.title,
      userType: person.contractor ? 'Contractor' : 'Employee',
      preferredLanguage: person.locale ?? 'en-US',
      locale: person.locale ?? 'en-US',
      active: !person.inactive,
      emails,
      phoneNumbers: [{ value: `+1 555 01${String(index).padStart(2, '0')}`, type: 'work', primary: true }],
    };
    return { id: index === 0 ? SCIM_EXAMPLE_IDS.bjensen : stableId(`user:${userName}`), meta: meta(index + 2), attributes };
  });
  return [john, testUser, ...people];
}

function exampleGroups(users: readonly ScimRecord[]): ScimRecord[] {
  const staff = users.slice(2);
  const member = (user: ScimRecord): JsonObject => ({ value: user.id, type: 'User' });
  const inDepartment = (department: Department) =>
    staff.filter((_, i) => PEOPLE[i]!.department === department).map(member);
  const definitions: [keyof typeof GROUP_NAMES, JsonObject[]][] = [
    ['administrators', staff.filter((_, i) => PEOPLE[i]!.admin).map(member)],
    ['engineering', inDepartment('engineering')],
    ['sales', inDepartment('sales')],
    ['support', inDepartment('support')],
    ['finance', inDepartment('finance')],
    ['marketing', inDepartment('marketing')],
    ['allStaff', [...(['engineering', 'sales', 'support', 'finance', 'marketing'] as const).map((k) => ({ value: SCIM_EXAMPLE_IDS.groups[k], type: 'Group' })), member(users[0]!)]],
  ];
  return definitions.map(([key, members], index) => ({
    id: SCIM_EXAMPLE_IDS.groups[key],
    meta: meta(100 + index),
    attributes: { displayName: GROUP_NAMES[key], externalId: `GRP-${key.toUpperCase()}`, members },
  }));
}

/**
 * The example directory a fresh or reset sandbox holds: 41 users (john = USER_ID and testuser from
 * the SaaS REST seed, Barbara Jensen from RFC 7643, 38 staff across five departments, three of them
 * inactive) and 7 groups (one per department, Administrators, and All Staff nesting the departments).
 */
export function makeExampleData(): ScimData {
  const users = exampleUsers();
  return { users, groups: exampleGroups(users) };
}
