import { BOX_SANDBOX_CREDENTIALS } from './box-credentials.js';
import { exampleGroups, exampleMemberships } from './box-example-groups.js';
import { exampleUsers } from './box-example-users.js';
import type { BoxState } from './box-state.js';

/**
 * Ids the seed's examples use that its own create examples produce: handed out, in this order, to
 * the first users / groups created after a reset (Jane Doe, then Miguel Benitez; the "Support" group).
 */
export const SEED_CREATED_USER_IDS = ['34383152830', '34721853021'] as const;
export const SEED_CREATED_GROUP_IDS = ['20147818911'] as const;
/** Groups the seed's examples refer to without creating them. */
export const SEED_EXISTING_GROUP_IDS = ['20013904637', '20013904699'] as const;

/** A fresh copy of the example enterprise (what `reset()` restores). */
export function makeExampleState(): BoxState {
  const users = exampleUsers();
  const { memberships, lastId } = exampleMemberships();
  return {
    version: 1,
    enterprise: { id: BOX_SANDBOX_CREDENTIALS.enterpriseId, name: BOX_SANDBOX_CREDENTIALS.enterpriseName },
    serviceAccountId: BOX_SANDBOX_CREDENTIALS.serviceAccountId,
    users,
    groups: exampleGroups(),
    memberships,
    ids: {
      queuedUserIds: [...SEED_CREATED_USER_IDS],
      queuedGroupIds: [...SEED_CREATED_GROUP_IDS],
      lastUserId: Math.max(...Object.keys(users).map(Number)),
      lastGroupId: Number(SEED_CREATED_GROUP_IDS[0]),
      lastMembershipId: lastId,
      allocations: 0,
    },
  };
}
