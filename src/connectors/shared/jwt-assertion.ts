import { constants, createPrivateKey, randomUUID, sign } from 'node:crypto';
import type { JwtSettings } from './saas-settings.js';

const HASHES: Readonly<Record<string, string>> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * Signs the RFC 7523 assertion of the jwt_bearer grant: iss = clientId, aud = token endpoint
 * unless `jwtClaims` says otherwise, short-lived, with a fresh jti so it cannot be replayed.
 */
export function signJwtAssertion(jwt: JwtSettings, clientId: string, audience: string, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = { alg: jwt.algorithm, typ: 'JWT', ...(jwt.keyId ? { kid: jwt.keyId } : {}) };
  const payload = { iss: clientId, sub: clientId, aud: audience, iat, exp: iat + jwt.expirationSeconds, jti: randomUUID(), ...jwt.claims };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const key = createPrivateKey(jwt.privateKeyPem);
  const hash = HASHES[jwt.algorithm.slice(2)] ?? 'sha256';
  const family = jwt.algorithm.slice(0, 2);
  const signature =
    family === 'ES'
      ? sign(hash, Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
      : family === 'PS'
        ? sign(hash, Buffer.from(input), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST })
        : sign(hash, Buffer.from(input), key);
  return `${input}.${base64url(signature)}`;
}
