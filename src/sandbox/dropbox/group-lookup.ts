import type { GroupSelectorValue } from './dropbox-arg-types.js';
import { routeError } from './dropbox-errors.js';
import type { GroupManagement, GroupRecord } from './dropbox-model.js';
import type { DropboxState } from './dropbox-state.js';

/**
 * Resolves a GroupSelector: unknown → 409 `group_not_found` (`group_already_deleted` for a
 * deleted id when `deletedTag` is given); the system-managed group → 409
 * `system_managed_group_disallowed` unless `allowSystem`.
 */
export function requireGroup(
  state: DropboxState,
  selector: GroupSelectorValue,
  options: { allowSystem?: boolean; deletedTag?: string } = {},
): GroupRecord {
  const group = state.resolveGroup(selector);
  if (!group) {
    if (options.deletedTag !== undefined && selector.tag === 'group_id' && state.isDeletedGroup(selector.value)) {
      throw routeError(options.deletedTag);
    }
    throw routeError('group_not_found');
  }
  if (!options.allowSystem && group.group_management_type === 'system_managed') throw routeError('system_managed_group_disallowed');
  return group;
}

/** A group name Dropbox refuses (`group_name_invalid`): empty, blank or too long. */
export function isInvalidGroupName(name: string): boolean {
  return name.trim() === '' || [...name].length > 255;
}

/** The management type a request asked for (`other` never decodes: it is the catch-all). */
export function managementType(tag: string): GroupManagement {
  return tag === 'user_managed' || tag === 'system_managed' ? tag : 'company_managed';
}
