import type { AxiosInstance } from 'axios';
import { createHash } from 'node:crypto';
import type { BackendObserver, OperationContext } from '../../provisioner/spi.js';
import { OAuthTokenSource } from './oauth-token-source.js';
import type { SharedState } from '../../shared-state/shared-state.js';
import type { AuthSettings, OAuthSettings } from './saas-settings.js';

/** How a system proves itself to its backend on every call. */
export interface Authenticator {
  /** The Authorization header value for the next call, or undefined for none. */
  authorization(ctx: OperationContext): Promise<string | undefined>;
  /**
   * The backend answered 401 to a call sent with `used`. Returns true when fresh credentials may
   * help (an OAuth token was dropped and will be renewed), so the call is worth one more try.
   */
  rejected(used: string | undefined): boolean;
}

/** Identifies one set of OAuth credentials in a shared cache without revealing any of them. */
function credentialsKey(oauth: OAuthSettings, extra: Readonly<Record<string, string>> | undefined): string {
  const material = JSON.stringify([oauth.tokenEndpoint, oauth.clientId, oauth.clientSecret, oauth.grantType, oauth.refreshToken, oauth.scope, extra]);
  return createHash('sha256').update(material).digest('hex').slice(0, 32);
}

/** Builds the authenticator of `authenticationMethod` BASIC, TOKEN, OAUTH/JWT_TOKEN or NONE. */
export function createAuthenticator(
  auth: AuthSettings,
  transport: AxiosInstance,
  options: {
    readonly extraTokenParams?: Readonly<Record<string, string>>;
    readonly observer?: BackendObserver;
    readonly sharedState?: SharedState;
  } = {},
): Authenticator {
  switch (auth.method) {
    case 'NONE':
      return { authorization: () => Promise.resolve(undefined), rejected: () => false };
    case 'BASIC': {
      const header = `Basic ${Buffer.from(`${auth.login}:${auth.password}`).toString('base64')}`;
      return { authorization: () => Promise.resolve(header), rejected: () => false };
    }
    case 'TOKEN': {
      const header = auth.prefix ? `${auth.prefix} ${auth.token}` : auth.token;
      return { authorization: () => Promise.resolve(header), rejected: () => false };
    }
    case 'OAUTH': {
      const source = new OAuthTokenSource({
        oauth: auth.oauth,
        transport,
        ...(options.extraTokenParams ? { extraParams: options.extraTokenParams } : {}),
        ...(options.observer ? { observer: options.observer } : {}),
        ...(options.sharedState ? { cache: options.sharedState.tokenCache(credentialsKey(auth.oauth, options.extraTokenParams)) } : {}),
      });
      const prefix = auth.prefix ? `${auth.prefix} ` : '';
      return {
        authorization: async (ctx) => `${prefix}${await source.token(ctx)}`,
        rejected: (used) => {
          if (used === undefined) return false;
          // A failed invalidation only costs one more 401 later.
          void source.invalidate(used.slice(prefix.length)).catch(() => undefined);
          return true;
        },
      };
    }
  }
}
