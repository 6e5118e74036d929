import type { JsonObject } from '../../util/json.js';
import { PropertyReader } from './property-reader.js';

/** Transport knobs common to every SaaS connector (the seeds' shared property table). */
export interface HttpSettings {
  /** Size of the keep-alive connection pool (`maximumConnections`). */
  readonly maximumConnections: number;
  /** Time allowed to open a TCP/TLS connection, in ms (`connectionTimeout` is in seconds). */
  readonly connectionTimeoutMs: number;
  readonly proxy?: { readonly host: string; readonly port: number; readonly username?: string; readonly password?: string };
  readonly acceptSelfSignedCertificates: boolean;
  readonly disableHostNameVerifier: boolean;
  readonly disableHttpCompression: boolean;
}

/** OAuth 2.0 token negotiation (`authenticationMethod` OAUTH or JWT_TOKEN). */
export interface OAuthSettings {
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly grantType: 'client_credentials' | 'refresh_token' | 'jwt_bearer';
  readonly refreshToken: string | undefined;
  readonly scope: string | undefined;
  /** Client credentials by HTTP Basic (true) or in the form body (false). */
  readonly useBasicAuth: boolean;
  readonly jwt?: JwtSettings;
}

/** What the jwt_bearer grant signs its assertion with. */
export interface JwtSettings {
  /** PKCS#8 or PKCS#1 PEM private key (`jwtPem`). */
  readonly privateKeyPem: string;
  /** RS256, RS384, RS512, ES256… (`jwtAlgorithm`, default RS256). */
  readonly algorithm: string;
  /** Lifetime of the assertion in seconds (`jwtExpiration`, default 300). */
  readonly expirationSeconds: number;
  /** Extra claims (`jwtClaims`), e.g. sub, aud. */
  readonly claims: Record<string, string>;
  /** `kid` header (`jwtKey`), when set. */
  readonly keyId: string | undefined;
}

export type AuthSettings =
  | { readonly method: 'NONE' }
  | { readonly method: 'BASIC'; readonly login: string; readonly password: string }
  | { readonly method: 'TOKEN'; readonly token: string; readonly prefix: string }
  | { readonly method: 'OAUTH'; readonly oauth: OAuthSettings; readonly prefix: string };

/** The common SaaS connector configuration, typed. */
export interface SaasSettings {
  readonly serviceUri: string;
  readonly http: HttpSettings;
  readonly auth: AuthSettings;
  /** Headers sent on every call (`defaultHeaders`). */
  readonly defaultHeaders: Record<string, string>;
}

/** The common properties with IDM's defaults, for `createCoreConfig`. */
export const SAAS_DEFAULT_PROPERTIES: JsonObject = Object.freeze({
  serviceUri: null,
  login: null,
  password: null,
  authenticationMethod: 'OAUTH',
  tokenEndpoint: null,
  clientId: null,
  clientSecret: null,
  authToken: null,
  acceptSelfSignedCertificates: false,
  disableHostNameVerifier: false,
  disableHttpCompression: false,
  clientCertAlias: null,
  clientCertPassword: null,
  maximumConnections: 10,
  httpProxyHost: null,
  httpProxyPort: null,
  httpProxyUsername: null,
  httpProxyPassword: null,
  connectionTimeout: 30,
  refreshToken: null,
  grantType: null,
  scope: null,
  authorizationTokenPrefix: 'Bearer',
  useBasicAuthForOauthTokenNeg: true,
  jwtKey: null,
  jwtExpiration: null,
  jwtAlgorithm: null,
  jwtClaims: null,
  jwtPem: null,
  jwtCert: null,
  keyAlgorithm: null,
});

/** The common properties that are GuardedStrings (encrypted at rest, never echoed). */
export const SAAS_CONFIDENTIAL_PROPERTIES: readonly string[] = [
  'password', 'clientSecret', 'authToken', 'clientCertPassword', 'httpProxyPassword', 'refreshToken', 'jwtPem',
];

const METHODS = ['BASIC', 'OAUTH', 'TOKEN', 'JWT_TOKEN', 'NONE'] as const;
const GRANTS = ['client_credentials', 'refresh_token', 'jwt_bearer'] as const;

/**
 * Reads the common SaaS properties. `defaultGrant` is the connector's grant when `grantType`
 * is not set (Dropbox: refresh_token; Box: client_credentials).
 */
export function readSaasSettings(
  properties: JsonObject,
  defaultGrant: OAuthSettings['grantType'] = 'client_credentials',
): { settings: SaasSettings; problems: string[] } {
  const r = new PropertyReader(properties);
  const serviceUri = r.url('serviceUri', true) ?? '';
  const http = readHttp(r);
  const auth = readAuth(r, defaultGrant);
  const defaultHeaders = r.stringMap('defaultHeaders');
  return { settings: { serviceUri, http, auth, defaultHeaders }, problems: r.problems };
}

function readHttp(r: PropertyReader): HttpSettings {
  const host = r.string('httpProxyHost');
  let proxy: HttpSettings['proxy'];
  if (host !== undefined) {
    const port = r.integer('httpProxyPort', 0, 1, 65535);
    if (port === 0 && !r.has('httpProxyPort')) r.problems.push('httpProxyPort is required when httpProxyHost is set');
    const username = r.string('httpProxyUsername');
    const password = r.string('httpProxyPassword');
    proxy = { host, port, ...(username === undefined ? {} : { username }), ...(password === undefined ? {} : { password }) };
  }
  return {
    maximumConnections: r.integer('maximumConnections', 10, 1, 1000),
    connectionTimeoutMs: r.integer('connectionTimeout', 30, 1, 3600) * 1000,
    ...(proxy ? { proxy } : {}),
    acceptSelfSignedCertificates: r.boolean('acceptSelfSignedCertificates', false),
    disableHostNameVerifier: r.boolean('disableHostNameVerifier', false),
    disableHttpCompression: r.boolean('disableHttpCompression', false),
  };
}

function readAuth(r: PropertyReader, defaultGrant: OAuthSettings['grantType']): AuthSettings {
  const method = r.oneOf('authenticationMethod', METHODS, 'OAUTH');
  const prefix = r.string('authorizationTokenPrefix', 'Bearer') ?? 'Bearer';
  switch (method) {
    case 'NONE':
      return { method };
    case 'BASIC':
      return {
        method,
        login: r.requiredString('login', ' when authenticationMethod is BASIC'),
        password: r.requiredString('password', ' when authenticationMethod is BASIC'),
      };
    case 'TOKEN':
      return { method, token: r.requiredString('authToken', ' when authenticationMethod is TOKEN'), prefix };
    default: {
      const grantType = method === 'JWT_TOKEN' ? 'jwt_bearer' : r.oneOf('grantType', GRANTS, defaultGrant);
      const why = ` when authenticationMethod is ${method}`;
      const oauth: OAuthSettings = {
        tokenEndpoint: r.url('tokenEndpoint', false) ?? requiredUrl(r, why),
        clientId: r.requiredString('clientId', why),
        clientSecret: grantType === 'jwt_bearer' ? r.string('clientSecret') : r.requiredString('clientSecret', why),
        grantType,
        refreshToken: grantType === 'refresh_token' ? r.requiredString('refreshToken', ' when grantType is refresh_token') : r.string('refreshToken'),
        scope: r.string('scope'),
        useBasicAuth: r.boolean('useBasicAuthForOauthTokenNeg', true),
        ...(grantType === 'jwt_bearer' ? { jwt: readJwt(r) } : {}),
      };
      return { method: 'OAUTH', oauth, prefix };
    }
  }
}

function requiredUrl(r: PropertyReader, why: string): string {
  if (!r.has('tokenEndpoint')) r.problems.push(`tokenEndpoint is required${why}`);
  return '';
}

function readJwt(r: PropertyReader): JwtSettings {
  return {
    privateKeyPem: r.requiredString('jwtPem', ' when grantType is jwt_bearer'),
    algorithm: r.oneOf('jwtAlgorithm', ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256'], 'RS256'),
    expirationSeconds: r.integer('jwtExpiration', 300, 1, 86400),
    claims: r.stringMap('jwtClaims'),
    keyId: r.string('jwtKey'),
  };
}
