import { createHash } from 'node:crypto';
import type { MemberRecord, MemberStatus } from './dropbox-model.js';
import { memberName } from './member-name.js';

const GIVEN = ['Alex', 'Blake', 'Casey', 'Devon', 'Emery', 'Finley', 'Harper', 'Jordan', 'Kai', 'Logan', 'Morgan', 'Noel', 'Parker', 'Quinn', 'Reese', 'Sage', 'Taylor', 'Val'];
const SURNAMES = ['Anders', 'Brooks', 'Castillo', 'Dubois', 'Eriksen', 'Fujita', 'Gallagher', 'Horvat', 'Iyer', 'Jansen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okonkwo', 'Petrov', 'Rahman', 'Silva', 'Turner', 'Varga'];
const JOINED_FROM = Date.UTC(2018, 0, 1);
const DAY = 86_400_000;

function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** 33 base64url characters derived from one digest (ids look like Dropbox's, and are stable). */
function opaque(digest: Buffer, offset: number): string {
  return digest.subarray(offset, offset + 25).toString('base64url').slice(0, 33);
}

/**
 * `count` deterministic benchmark members (`member000001@bench.example.com`…), mostly active,
 * every 50th invited and every 97th suspended, in the sandbox's stored format with seq 1..count
 * (seq is renumbered when they are inserted into a team). 100,000 take well under a second.
 */
export function generateMembers(count: number): MemberRecord[] {
  const width = Math.max(6, String(count).length);
  const members: MemberRecord[] = new Array<MemberRecord>(count);
  for (let i = 1; i <= count; i++) {
    const digest = createHash('sha512').update(`bench-member:${i}`).digest();
    const given = GIVEN[i % GIVEN.length]!;
    const surname = SURNAMES[Math.floor(i / GIVEN.length) % SURNAMES.length]!;
    const status: MemberStatus = i % 97 === 0 ? 'suspended' : i % 50 === 0 ? 'invited' : 'active';
    const joined = JOINED_FROM + (i % 2500) * DAY + (i % 86_400) * 1000;
    const member: MemberRecord = {
      seq: i,
      team_member_id: `dbmid:AA${opaque(digest, 0)}`,
      account_id: `dbid:AA${opaque(digest, 25)}`,
      email: `member${String(i).padStart(width, '0')}@bench.example.com`,
      email_verified: status !== 'invited',
      secondary_emails: [],
      status,
      name: memberName(given, surname),
      membership_type: 'full',
      external_id: `bench-${i}`,
      member_folder_id: String(2_000_000_000 + digest.readUInt32BE(50) % 1_000_000_000),
      root_folder_id: String(3_000_000_000 + digest.readUInt32BE(54) % 1_000_000_000),
    };
    if (status === 'invited') member.invited_on = timestamp(joined);
    else member.joined_on = timestamp(joined);
    if (status === 'suspended') member.suspended_on = timestamp(joined + 30 * DAY);
    members[i - 1] = member;
  }
  return members;
}
