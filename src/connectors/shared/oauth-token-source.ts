import type { AxiosInstance } from 'axios';
import { ConfigurationError, ConnectorIOError, OperationTimeoutError, RetryableError } from '../../provisioner/connector-errors.js';
import type { BackendObserver, OperationContext, OperationName } from '../../provisioner/spi.js';
import { MemoryTokenCache } from '../../shared-state/memory-token-cache.js';
import type { FetchedToken, TokenCache } from '../../shared-state/shared-state.js';
import { boundedText } from '../../util/credentials.js';
import { signJwtAssertion } from './jwt-assertion.js';
import { networkError } from './network-error.js';
import type { OAuthSettings } from './saas-settings.js';

/** Lifetime assumed when a token response has no expires_in. */
const DEFAULT_LIFETIME_S = 3600;
/** Bound of one token request (shared by every waiting caller, so no caller's signal cancels it). */
const TOKEN_REQUEST_TIMEOUT_MS = 30_000;
/** Renew this long before expiry, so a token never dies in flight. */
const EARLY_RENEWAL_MS = 60_000;

export interface OAuthTokenSourceOptions {
  readonly oauth: OAuthSettings;
  readonly transport: AxiosInstance;
  /** Extra form fields of the vendor (Box: box_subject_type, box_subject_id). */
  readonly extraParams?: Readonly<Record<string, string>>;
  readonly observer?: BackendObserver;
  /** Where tokens are kept: this process by default, Redis when replicas share them. */
  readonly cache?: TokenCache;
  readonly now?: () => number;
}

/**
 * Obtains access tokens from the token endpoint and caches them until shortly before expiry.
 * Concurrent callers share one in-flight request (single flight); a token the API refused is
 * dropped with `invalidate` so the next caller fetches a fresh one.
 */
export class OAuthTokenSource {
  private readonly cache: TokenCache;
  /** Rotated refresh tokens replace the configured one for the life of the process. */
  private refreshToken: string | undefined;
  private readonly now: () => number;

  constructor(private readonly options: OAuthTokenSourceOptions) {
    this.refreshToken = options.oauth.refreshToken;
    this.now = options.now ?? Date.now;
    this.cache = options.cache ?? new MemoryTokenCache(this.now);
  }

  /** A valid access token, from the cache or the token endpoint. */
  token(ctx: OperationContext): Promise<string> {
    // Single flight: the request is not tied to one caller's signal, so a cancelled caller cannot fail the others.
    return abortable(this.cache.get(() => this.fetch(ctx.operation)), ctx.signal);
  }

  /** Forgets `token` if it is the cached one (the API answered 401 to it). */
  invalidate(token: string): Promise<void> {
    return this.cache.invalidate(token);
  }

  private async fetch(operation: OperationName): Promise<FetchedToken> {
    const { oauth, transport, observer } = this.options;
    const form = new URLSearchParams(this.grantParams());
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
    if (oauth.clientSecret !== undefined || oauth.grantType !== 'jwt_bearer') {
      if (oauth.useBasicAuth) {
        headers.Authorization = `Basic ${Buffer.from(`${encodeURIComponent(oauth.clientId)}:${encodeURIComponent(oauth.clientSecret ?? '')}`).toString('base64')}`;
      } else {
        form.set('client_id', oauth.clientId);
        if (oauth.clientSecret !== undefined) form.set('client_secret', oauth.clientSecret);
      }
    }
    const host = safeHost(oauth.tokenEndpoint);
    const started = this.now();
    let response;
    try {
      response = await transport.post<string>(oauth.tokenEndpoint, form.toString(), { headers, timeout: TOKEN_REQUEST_TIMEOUT_MS });
    } catch (error) {
      observer?.call({ operation, method: 'POST', route: 'token', status: 0, durationMs: this.now() - started });
      observer?.tokenRefreshed('failure');
      throw networkError(error, host, false);
    }
    observer?.call({ operation, method: 'POST', route: 'token', status: response.status, durationMs: this.now() - started });
    const body = parseJson(response.data);
    if (response.status !== 200 || typeof body?.access_token !== 'string') {
      observer?.tokenRefreshed('failure');
      throw tokenError(response.status, body, host, response.headers['retry-after']);
    }
    observer?.tokenRefreshed('success');
    if (typeof body.refresh_token === 'string' && body.refresh_token !== '') this.refreshToken = body.refresh_token;
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_LIFETIME_S) * 1000;
    return { value: body.access_token, ttlMs: lifetimeMs - Math.min(EARLY_RENEWAL_MS, lifetimeMs / 10) };
  }

  private grantParams(): Record<string, string> {
    const { oauth, extraParams } = this.options;
    const params: Record<string, string> = { ...extraParams };
    if (oauth.scope !== undefined) params.scope = oauth.scope;
    switch (oauth.grantType) {
      case 'refresh_token':
        return { grant_type: 'refresh_token', refresh_token: this.refreshToken ?? '', ...params };
      case 'jwt_bearer':
        return {
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion: signJwtAssertion(oauth.jwt!, oauth.clientId, oauth.tokenEndpoint, this.now()),
          ...params,
        };
      default:
        return { grant_type: 'client_credentials', ...params };
    }
  }
}

/** Lets one caller stop waiting without cancelling the shared request. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new OperationTimeoutError('cancelled while waiting for an access token'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new OperationTimeoutError('cancelled while waiting for an access token'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the token endpoint';
  }
}

/** RFC 6749 §5.2 errors say which credential is wrong; the endpoint's own words follow. */
function tokenError(status: number, body: Record<string, unknown> | undefined, host: string, retryAfter: unknown): Error {
  const code = typeof body?.error === 'string' ? body.error : undefined;
  const description = typeof body?.error_description === 'string' ? `: ${boundedText(body.error_description, 200)}` : '';
  if (status === 429 || status === 503) {
    const seconds = Number(retryAfter);
    return new RetryableError(`token endpoint ${host} is throttling (${status})`, Number.isFinite(seconds) ? seconds * 1000 : undefined);
  }
  if (status >= 500) return new ConnectorIOError(`token endpoint ${host} failed with status ${status}`);
  const hint =
    code === 'invalid_client' ? ' (check clientId / clientSecret)'
      : code === 'invalid_grant' ? ' (the refresh token or assertion was refused: it may be revoked or expired)'
        : '';
  return new ConfigurationError(`OAuth token request to ${host} failed with status ${status}${code ? ` ${code}` : ''}${description}${hint}`);
}
