import type { AxiosInstance } from 'axios';
import type { BackendObserver, OperationContext } from '../../provisioner/spi.js';
import { OAuthTokenSource } from './oauth-token-source.js';
import type { AuthSettings } from './saas-settings.js';

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

/** Builds the authenticator of `authenticationMethod` BASIC, TOKEN, OAUTH/JWT_TOKEN or NONE. */
export function createAuthenticator(
  auth: AuthSettings,
  transport: AxiosInstance,
  options: { readonly extraTokenParams?: Readonly<Record<string, string>>; readonly observer?: BackendObserver } = {},
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
      });
      const prefix = auth.prefix ? `${auth.prefix} ` : '';
      return {
        authorization: async (ctx) => `${prefix}${await source.token(ctx)}`,
        rejected: (used) => {
          if (used === undefined) return false;
          source.invalidate(used.slice(prefix.length));
          return true;
        },
      };
    }
  }
}
