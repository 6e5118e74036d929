import { BOX_SANDBOX_CREDENTIALS } from './box-credentials.js';
import type { BoxUserKind, BoxUserRecord, BoxUserRole, BoxUserStatus } from './box-state.js';
import {
  BOX_DEFAULT_MAX_UPLOAD_SIZE, BOX_DEFAULT_SPACE_AMOUNT, BOX_UNLIMITED_SPACE,
} from './box-state.js';
import { boxTimestamp } from './box-time.js';

const GB = 1024 ** 3;

/** One row of the example directory; omitted columns take the enterprise defaults. */
interface ExampleUserRow {
  id: string;
  name: string;
  login: string;
  job_title: string;
  phone?: string;
  address?: string;
  language?: string;
  timezone?: string;
  role?: BoxUserRole;
  status?: BoxUserStatus;
  kind?: BoxUserKind;
  space_amount?: number;
  space_used?: number;
  created: string;
  department?: string;
}

const BA = 'America/Argentina/Buenos_Aires';

/**
 * The "testing" enterprise. Ids ascend with creation time; the first eight sit below the ids the seed's
 * create examples get (34383152830 Jane Doe, 34721853021 Miguel Benitez), so after those two examples a
 * 10-user first page ends on Miguel, exactly as the seed's `pagedResultsCookie` says.
 */
const ROWS: readonly ExampleUserRow[] = [
  { id: '32996521506', name: 'Valentina Rojas', login: 'vrojas@nexter.net', job_title: 'IT Director', phone: '+54 11 4312 7788', address: 'Av. Corrientes 1234, Buenos Aires', language: 'es', timezone: BA, role: 'admin', space_amount: BOX_UNLIMITED_SPACE, space_used: 48 * GB, created: '2024-05-02T14:21:09Z', department: 'IT' },
  { id: '33012457813', name: 'Diego Fernández', login: 'dfernandez@nexter.net', job_title: 'Software Engineer', phone: '+54 11 5263 1190', address: 'Palermo, Buenos Aires', language: 'es', timezone: BA, space_used: 3 * GB, created: '2024-05-03T12:02:44Z', department: 'Engineering' },
  { id: '33158842097', name: 'Lucía Martínez', login: 'lmartinez@nexter.net', job_title: 'Product Manager', phone: '+54 11 4785 2210', address: 'Belgrano, Buenos Aires', language: 'es', timezone: BA, role: 'coadmin', space_used: 12 * GB, created: '2024-05-06T15:40:17Z', department: 'Product' },
  { id: '33404117625', name: 'Andrés Castillo', login: 'acastillo@nexter.net', job_title: 'Sales Executive', phone: '+58 212 555 0142', address: 'Chacao, Caracas', language: 'es', timezone: 'America/Caracas', space_used: 734_003_200, created: '2024-05-10T13:15:52Z', department: 'Sales' },
  { id: '33587201349', name: 'Camila Herrera', login: 'cherrera@nexter.net', job_title: 'Graphic Designer', phone: '+54 11 4123 9087', address: 'San Telmo, Buenos Aires', language: 'es', timezone: BA, space_used: 21 * GB, created: '2024-05-14T17:08:31Z', department: 'Design' },
  { id: '33790356118', name: 'Mateo Suárez', login: 'msuarez@nexter.net', job_title: 'Financial Analyst', phone: '+54 11 4890 3321', language: 'es', timezone: BA, created: '2024-05-20T11:47:05Z', department: 'Finance' },
  { id: '34012665470', name: 'Isabella Gómez', login: 'igomez@nexter.net', job_title: 'HR Generalist', phone: '+54 11 4455 6677', language: 'es', timezone: BA, space_used: 1_288_490_188, created: '2024-05-27T16:30:12Z', department: 'People' },
  { id: '34205518836', name: 'Santiago Pérez', login: 'sperez@nexter.net', job_title: 'Support Specialist', phone: '+58 212 555 0178', language: 'es', timezone: 'America/Caracas', status: 'inactive', created: '2024-06-03T14:55:40Z', department: 'Support' },
  { id: '34740572881', name: 'Gabriela Torres', login: 'gtorres@nexter.net', job_title: 'UX Designer', phone: '+54 11 5032 4411', address: 'Recoleta, Buenos Aires', language: 'es', timezone: BA, space_used: 6 * GB, created: '2024-06-24T13:12:26Z', department: 'Design' },
  { id: '34758113904', name: 'Emily Carter', login: 'ecarter@nexter.net', job_title: 'Account Manager', phone: '+1 212 555 0199', address: '350 5th Ave, New York, NY 10118', timezone: 'America/New_York', space_used: 2 * GB, created: '2024-06-25T15:03:58Z', department: 'Sales' },
  { id: '34776240312', name: 'James Whitfield', login: 'jwhitfield@nexter.net', job_title: 'Solutions Architect', phone: '+1 646 555 0123', timezone: 'America/New_York', space_used: 9 * GB, created: '2024-06-26T18:22:03Z', department: 'Engineering' },
  { id: '34791187745', name: 'Sofía Navarro', login: 'snavarro@nexter.net', job_title: 'Marketing Coordinator', phone: '+54 11 4011 2345', language: 'es', timezone: BA, created: '2024-06-27T12:41:19Z', department: 'Marketing' },
  { id: '34810356291', name: 'Javier Morales', login: 'jmorales@nexter.net', job_title: 'DevOps Engineer', phone: '+54 11 4998 7766', language: 'es', timezone: BA, space_used: 4 * GB, created: '2024-07-01T13:36:44Z', department: 'Engineering' },
  { id: '34829901187', name: 'Olivia Bennett', login: 'obennett@nexter.net', job_title: 'Legal Counsel', phone: '+1 917 555 0156', timezone: 'America/New_York', space_used: 15 * GB, created: '2024-07-02T16:09:27Z', department: 'Legal' },
  { id: '34845517630', name: 'Ricardo Álvarez', login: 'ralvarez@nexter.net', job_title: 'Data Scientist', phone: '+54 11 4670 1289', language: 'es', timezone: BA, space_used: 38 * GB, created: '2024-07-08T14:27:50Z', department: 'Data' },
  { id: '34863092254', name: 'Hannah Schmidt', login: 'hschmidt@nexter.net', job_title: 'Security Engineer', phone: '+49 30 5557 2231', address: 'Friedrichstraße 68, 10117 Berlin', language: 'de', timezone: 'Europe/Berlin', space_used: 1 * GB, created: '2024-07-09T07:50:14Z', department: 'Security' },
  { id: '34880745113', name: 'Tomás Ibáñez', login: 'tibanez@nexter.net', job_title: 'Operations Manager', phone: '+54 11 4300 5566', language: 'es', timezone: BA, created: '2024-07-15T12:18:36Z', department: 'Operations' },
  { id: '34902218876', name: 'Ana Beatriz Souza', login: 'asouza@nexter.net', job_title: 'Customer Success Manager', phone: '+55 11 5555 0134', address: 'Av. Paulista 1578, São Paulo', language: 'pt', timezone: 'America/Sao_Paulo', space_used: 2_576_980_377, created: '2024-07-16T13:44:02Z', department: 'Customer Success' },
  { id: '34921663409', name: 'Daniel Kim', login: 'dkim@nexter.net', job_title: 'QA Engineer', phone: '+1 415 555 0187', timezone: 'America/Los_Angeles', created: '2024-07-22T17:31:45Z', department: 'Engineering' },
  { id: '34940087512', name: 'María José Paredes', login: 'mparedes@nexter.net', job_title: 'Accountant', phone: '+58 212 555 0113', address: 'Las Mercedes, Caracas', language: 'es', timezone: 'America/Caracas', space_used: 3 * GB, created: '2024-07-23T13:05:29Z', department: 'Finance' },
  { id: '34958731026', name: 'Lucas Moreau', login: 'lmoreau@nexter.net', job_title: 'Sales Engineer', phone: '+33 1 55 55 01 42', language: 'fr', timezone: 'Europe/Paris', created: '2024-08-05T08:12:07Z', department: 'Sales' },
  { id: '34977310448', name: 'Valeria Cruz', login: 'vcruz@nexter.net', job_title: 'Recruiter', phone: '+54 11 4567 8901', language: 'es', timezone: BA, space_used: 512 * 1024 * 1024, created: '2024-08-06T14:48:51Z', department: 'People' },
  { id: '34995582917', name: 'Nicolás Vega', login: 'nvega@nexter.net', job_title: 'Frontend Developer', phone: '+54 11 4789 0123', language: 'es', timezone: BA, space_used: 2 * GB, created: '2024-08-12T12:26:38Z', department: 'Engineering' },
  { id: '35014426680', name: 'Chloe Evans', login: 'cevans@nexter.net', job_title: 'Content Strategist', phone: '+1 212 555 0164', timezone: 'America/New_York', created: '2024-08-13T15:57:16Z', department: 'Marketing' },
  { id: '35032970135', name: 'Alejandro Ruiz', login: 'aruiz@nexter.net', job_title: 'Chief Financial Officer', phone: '+54 11 4000 1000', language: 'es', timezone: BA, space_amount: BOX_UNLIMITED_SPACE, space_used: 27 * GB, created: '2024-08-19T13:20:45Z', department: 'Finance' },
  { id: '35051338764', name: 'Fernanda Ortiz', login: 'fortiz@nexter.net', job_title: 'Office Manager', phone: '+58 212 555 0190', language: 'es', timezone: 'America/Caracas', created: '2024-08-20T14:02:33Z', department: 'Operations' },
  { id: '35069904471', name: 'Pablo Medina', login: 'pmedina@nexter.net', job_title: 'Backend Developer', phone: '+54 11 4321 0987', language: 'es', timezone: BA, space_used: 5 * GB, created: '2024-09-02T12:39:10Z', department: 'Engineering' },
  { id: '35088270326', name: 'Grace Liu', login: 'gliu@nexter.net', job_title: 'Product Designer', phone: '+1 415 555 0148', timezone: 'America/Los_Angeles', status: 'cannot_delete_edit', created: '2024-09-03T16:44:22Z', department: 'Design' },
  { id: '35106645598', name: 'Martín Silva', login: 'msilva@nexter.net', job_title: 'Network Administrator', phone: '+54 11 4111 2233', language: 'es', timezone: BA, space_used: 768 * 1024 * 1024, created: '2024-09-09T13:13:59Z', department: 'IT' },
  { id: '35125019843', name: 'Elena Petrova', login: 'epetrova@nexter.net', job_title: 'Compliance Officer', phone: '+34 91 555 0172', language: 'en', timezone: 'Europe/Madrid', created: '2024-09-10T09:31:41Z', department: 'Legal' },
  { id: '35143386210', name: 'Joaquín Ramos', login: 'jramos@nexter.net', job_title: 'Support Team Lead', phone: '+58 212 555 0105', language: 'es', timezone: 'America/Caracas', space_used: 1 * GB, created: '2024-09-16T14:05:08Z', department: 'Support' },
  { id: '35161752967', name: 'Laura Jiménez', login: 'ljimenez@nexter.net', job_title: 'Marketing Director', phone: '+54 11 4222 3344', language: 'es', timezone: BA, space_used: 11 * GB, created: '2024-09-17T12:52:37Z', department: 'Marketing' },
  { id: '35180129405', name: 'Benjamín Flores', login: 'bflores@nexter.net', job_title: 'Engineering Intern', language: 'es', timezone: BA, space_amount: 10 * GB, created: '2024-10-01T13:00:12Z', department: 'Engineering' },
  { id: '35198504732', name: 'Renata Aguilar', login: 'raguilar@nexter.net', job_title: 'Executive Assistant', phone: '+54 11 4000 1001', language: 'es', timezone: BA, created: '2024-10-02T15:18:49Z', department: 'Executive' },
  { id: '35216880019', name: 'Onboarding Kiosk', login: 'AppUser_2198435_pZ8rT2mQ6w@boxdevedition.com', job_title: '', kind: 'app', created: '2024-10-07T18:42:03Z' },
  { id: '31877240551', name: 'Priya Raman', login: 'priya.raman@partnerco.com', job_title: 'Consultant', kind: 'external', timezone: 'Asia/Kolkata', space_used: 4 * GB, created: '2023-11-20T09:15:00Z' },
  { id: '29441098763', name: 'Mark Jensen', login: 'mark.jensen@gmail.com', job_title: '', kind: 'external', timezone: 'America/Chicago', created: '2022-03-08T21:04:36Z' },
];

/** Builds a stored user from a row (timestamps in Box's Pacific format). */
function toRecord(row: ExampleUserRow): BoxUserRecord {
  const kind = row.kind ?? 'managed';
  const created = new Date(row.created);
  const modified = new Date(created.getTime() + 37 * 24 * 3600 * 1000);
  const user: BoxUserRecord = {
    id: row.id,
    kind,
    name: row.name,
    login: row.login,
    created_at: boxTimestamp(created),
    modified_at: boxTimestamp(modified),
    language: row.language ?? 'en',
    timezone: row.timezone ?? 'America/Los_Angeles',
    space_amount: row.space_amount ?? BOX_DEFAULT_SPACE_AMOUNT,
    space_used: row.space_used ?? 0,
    max_upload_size: BOX_DEFAULT_MAX_UPLOAD_SIZE,
    status: row.status ?? 'active',
    job_title: row.job_title,
    phone: row.phone ?? '',
    address: row.address ?? '',
    notification_email: null,
    role: row.role ?? 'user',
    tracking_codes: row.department ? [{ type: 'tracking_code', name: 'department', value: row.department }] : [],
    can_see_managed_users: kind === 'managed',
    is_sync_enabled: kind !== 'app',
    is_external_collab_restricted: false,
    is_exempt_from_device_limits: row.role === 'admin',
    is_exempt_from_login_verification: false,
    my_tags: [],
    is_platform_access_only: kind === 'app',
    external_app_user_id: kind === 'app' ? 'kiosk-lobby-01' : null,
    login_confirmed: true,
  };
  if (row.id === '31877240551') user.external_enterprise = { id: '988812345', name: 'PartnerCo' };
  if (row.role === 'admin') user.notification_email = { email: 'valentina.rojas@gmail.com', is_confirmed: true };
  return user;
}

/** The application's Service Account: what an enterprise token acts as (not listed by `GET /users`). */
function serviceAccount(): BoxUserRecord {
  const created = boxTimestamp(new Date('2024-05-02T14:35:51Z'));
  return {
    ...toRecord({ id: BOX_SANDBOX_CREDENTIALS.serviceAccountId, name: 'IDM Gateway', login: BOX_SANDBOX_CREDENTIALS.serviceAccountLogin, job_title: '', created: '2024-05-02T14:35:51Z' }),
    kind: 'service',
    role: 'admin',
    created_at: created,
    modified_at: created,
    space_amount: 10 * GB,
    can_see_managed_users: true,
    tracking_codes: [],
    notification_email: null,
  };
}

/** Every example user, keyed by id. */
export function exampleUsers(): Record<string, BoxUserRecord> {
  const users: Record<string, BoxUserRecord> = {};
  for (const row of ROWS) users[row.id] = toRecord(row);
  const service = serviceAccount();
  users[service.id] = service;
  return users;
}
