import type { HttpResult } from '../shared/http-client.js';

/**
 * HttpClient's `describeError` for Box: the ClientError's `message` and `code`
 * (`{"type":"error","status":409,"code":"user_login_already_used","message":"…"}`), or the token
 * endpoint's RFC 6749 `error`/`error_description`. The statuses themselves keep the shared table
 * (400 → invalid value, 403 → denied, 404 → unknown uid, 409 → already exists, 429 → retry).
 */
export function describeBoxError(result: HttpResult): string | undefined {
  const body = result.body;
  if (typeof body !== 'object' || body === null) return typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 300) : undefined;
  const { code, message, error, error_description: description, context_info: context } = body as Record<string, unknown>;
  if (typeof message === 'string' || typeof code === 'string') {
    const problems = contextProblems(context);
    return [typeof message === 'string' ? message : undefined, typeof code === 'string' ? `(${code})` : undefined, problems]
      .filter((p) => p !== undefined && p !== '').join(' ');
  }
  if (typeof error === 'string') return typeof description === 'string' ? `${error}: ${description}` : error;
  return undefined;
}

/** Box puts the offending field of an `invalid_parameter` in `context_info.errors[]`. */
function contextProblems(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const errors = (context as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return undefined;
  const parts = errors
    .map((e) => (typeof e === 'object' && e !== null ? (e as { name?: unknown; message?: unknown }) : {}))
    .map((e) => [e.name, e.message].filter((x) => typeof x === 'string').join(': '))
    .filter((p) => p !== '');
  return parts.length > 0 ? `[${parts.join('; ')}]` : undefined;
}
