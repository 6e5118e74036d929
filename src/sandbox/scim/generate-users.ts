import type { ScimRecord } from './scim-data.js';

/**
 * `count` synthetic user records for benchmarks (`bench.user.000001`…), with deterministic ids,
 * ready for `ScimSandbox.addUsers()` or for a data file written before `createScimSandbox()`.
 */
export function generateUsers(count: number, firstNumber = 1): ScimRecord[] {
  const stamp = '2024-06-01T00:00:00.000Z';
  return Array.from({ length: count }, (_, i) => {
    const n = firstNumber + i;
    const padded = String(n).padStart(6, '0');
    return {
      id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      meta: { created: stamp, lastModified: stamp, revision: 1 },
      attributes: {
        userName: `bench.user.${padded}`,
        name: { familyName: `User${padded}`, givenName: 'Bench' },
        displayName: `Bench User ${padded}`,
        active: n % 10 !== 0,
        emails: [{ value: `bench.user.${padded}@example.com`, type: 'work', primary: true }],
      },
    };
  });
}
