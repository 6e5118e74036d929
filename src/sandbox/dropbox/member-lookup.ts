import type { UserSelector } from './dropbox-arg-types.js';
import { routeError } from './dropbox-errors.js';
import type { MemberRecord } from './dropbox-model.js';
import type { DropboxState } from './dropbox-state.js';

/**
 * Resolves a UserSelectorArg for a member route: unknown → 409 `user_not_found`, removed →
 * 409 `<removedTag>` (`user_not_in_team` unless the route says otherwise).
 */
export function requireMember(state: DropboxState, selector: UserSelector, removedTag = 'user_not_in_team'): MemberRecord {
  const member = state.resolveUser(selector);
  if (!member) throw routeError('user_not_found');
  if (member.status === 'removed') throw routeError(removedTag);
  return member;
}

/** Whether the member still holds its email / external id (not removed, or recoverable). */
export function holdsIdentity(member: MemberRecord | undefined): member is MemberRecord {
  return member !== undefined && (member.status !== 'removed' || member.removed?.is_recoverable === true);
}
