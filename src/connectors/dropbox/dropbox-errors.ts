import {
  AlreadyExistsError, ConnectorError, InvalidArgumentError, InvalidAttributeValueError, UnknownUidError,
} from '../../provisioner/connector-errors.js';
import type { HttpCall, HttpResult } from '../shared/http-client.js';
import { tagOf } from './dropbox-wire.js';

/** Dropbox error tags meaning "no such member / group" (IDM: 404). */
const NOT_FOUND = new Set([
  'id_not_found', 'user_not_found', 'user_not_in_team', 'group_not_found', 'group_already_deleted',
  'group_not_on_team', 'set_profile_disallowed',
]);

/** Tags meaning "that identity is taken" (IDM: 412). */
const DUPLICATE = new Set([
  'user_already_on_team', 'user_on_another_team', 'duplicate_external_member_id', 'duplicate_member_persistent_id',
  'email_reserved_for_other_user', 'external_id_used_by_other_user', 'group_name_already_used', 'external_id_already_in_use',
  'duplicate_user',
]);

/** Tags meaning "Dropbox's rules forbid this request" (IDM: 400 with the explanation as message). */
const FORBIDDEN_BY_RULE: Readonly<Record<string, string>> = {
  system_managed_group_disallowed: 'Dropbox refuses this on a system-managed group (the default group cannot be updated or deleted)',
  remove_last_admin: 'Dropbox refuses to remove the last team admin',
  suspend_last_admin: 'Dropbox refuses to suspend the last team admin',
  last_admin: 'Dropbox refuses to take the team admin role from the last team admin',
  email_address_too_long_to_be_disabled: 'Dropbox cannot remove this member: its e-mail address is too long to be disabled',
  invalid_cursor: 'The _pagedResultsCookie is not a Dropbox cursor this query returned (or it expired)',
  transfer_in_progress: 'Dropbox is still transferring this member\'s files',
};

/**
 * The meaning of one Dropbox error tag (a 409 route error or a per-item failure such as an
 * `add_v2` entry). `what` names the operation; `detail` is Dropbox's summary or message.
 */
export function errorForTag(tag: string, what: string, detail: string): ConnectorError {
  const message = `${what} failed: ${detail || tag}`;
  if (NOT_FOUND.has(tag)) return new UnknownUidError(message);
  if (DUPLICATE.has(tag)) return new AlreadyExistsError(message);
  const rule = FORBIDDEN_BY_RULE[tag];
  if (rule !== undefined) return new InvalidArgumentError(`${rule} (${tag})`);
  // Every other route error is Dropbox refusing the values it was given (bad role, owner in a company-managed group…).
  if (tag !== 'other' && tag !== 'internal_error') return new InvalidAttributeValueError(message);
  return new ConnectorError(message);
}

/** HttpClient's `mapError`: 409 route errors by their `.tag`; other statuses keep the shared table. */
export function mapDropboxError(result: HttpResult, call: HttpCall): ConnectorError | undefined {
  if (result.status !== 409) return undefined;
  const error = typeof result.body === 'object' && result.body !== null ? (result.body as { error?: unknown }).error : undefined;
  const tag = tagOf(error) ?? 'other';
  return errorForTag(tag, call.what ?? `Dropbox ${call.path}`, describeDropboxError(result) ?? tag);
}

/** HttpClient's `describeError`: `error_summary` (and `user_message`), or the plain-text 400 body. */
export function describeDropboxError(result: HttpResult): string | undefined {
  const body = result.body;
  if (typeof body === 'object' && body !== null) {
    const { error_summary: summary, user_message: userMessage, error } = body as { error_summary?: unknown; user_message?: { text?: unknown }; error?: unknown };
    const parts: string[] = [];
    if (typeof summary === 'string') parts.push(summary);
    if (typeof userMessage?.text === 'string') parts.push(userMessage.text);
    // The token endpoint's RFC 6749 body: {"error": "invalid_grant", "error_description": "..."}.
    if (parts.length === 0 && typeof error === 'string') parts.push(error);
    return parts.length > 0 ? parts.join(': ') : undefined;
  }
  return typeof body === 'string' && body.trim() !== '' ? body : undefined;
}
