import type { BoxUserRecord } from './box-state.js';
import { BOX_DEFAULT_MAX_UPLOAD_SIZE, BOX_DEFAULT_SPACE_AMOUNT } from './box-state.js';
import { boxTimestamp } from './box-time.js';

const FIRST = ['Ana', 'Bruno', 'Carla', 'David', 'Elena', 'Felipe', 'Gloria', 'Hugo', 'Irene', 'Jorge', 'Karen', 'Luis', 'Marta', 'Nora', 'Oscar', 'Paula', 'Raúl', 'Sara', 'Tomás', 'Úrsula', 'Victor', 'Wendy', 'Ximena', 'Yago', 'Zoe', 'Adam', 'Beth', 'Chris', 'Dana', 'Ethan', 'Fiona', 'Greg'];
const LAST = ['García', 'Smith', 'López', 'Johnson', 'Martín', 'Brown', 'Sánchez', 'Davis', 'Romero', 'Miller', 'Navarro', 'Wilson', 'Torres', 'Moore', 'Domínguez', 'Taylor', 'Vázquez', 'Anderson', 'Ramos', 'Thomas', 'Gil', 'Jackson', 'Serrano', 'White', 'Blanco', 'Harris', 'Molina', 'Clark', 'Morales', 'Lewis', 'Ortega', 'Walker'];
const TITLES = ['Analyst', 'Engineer', 'Consultant', 'Designer', 'Coordinator', 'Specialist', 'Manager', 'Associate'];

/** Generated users get ids from 40000000000 up, above every example id. */
const FIRST_GENERATED_ID = 40_000_000_000;

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * `count` managed users for benchmarks (deterministic: the same call gives the same users), ready for
 * `BoxModel.addUsers` or `POST /__admin/seed-users`. 100k take well under a second.
 */
export function generateUsers(count: number): BoxUserRecord[] {
  const stamps = Array.from({ length: 64 }, (_, day) => boxTimestamp(new Date(Date.UTC(2024, 0, 1 + day * 5, 15, 30, day))));
  const users: BoxUserRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const stamp = stamps[i % stamps.length]!;
    users[i] = {
      id: String(FIRST_GENERATED_ID + i * 7),
      kind: 'managed',
      name: `${first} ${last} ${i + 1}`,
      login: `${ascii(first)}.${ascii(last)}.${i + 1}@bench.nexter.net`,
      created_at: stamp,
      modified_at: stamp,
      language: 'en',
      timezone: 'America/Los_Angeles',
      space_amount: BOX_DEFAULT_SPACE_AMOUNT,
      space_used: 0,
      max_upload_size: BOX_DEFAULT_MAX_UPLOAD_SIZE,
      status: 'active',
      job_title: TITLES[i % TITLES.length]!,
      phone: '',
      address: '',
      notification_email: null,
      role: 'user',
      tracking_codes: [],
      can_see_managed_users: true,
      is_sync_enabled: true,
      is_external_collab_restricted: false,
      is_exempt_from_device_limits: false,
      is_exempt_from_login_verification: false,
      my_tags: [],
      is_platform_access_only: false,
      external_app_user_id: null,
      login_confirmed: true,
    };
  }
  return users;
}
