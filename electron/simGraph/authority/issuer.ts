// The authority's signing key (RSA 2048, made at start with node:crypto), its JWKS, and the
// tokens it issues: access tokens (RS256 JWTs for one resource), id tokens and client_info.
import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { User } from '../../sim/model';
import { signJwt, type JsonObject } from '../jwt';
import { objectIdOf, servicePrincipalIdOf } from './registry';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { kid: createHash('sha256').update(der).digest('base64url').slice(0, 27), privateKey, publicKey };
}

export function jwks(keys: readonly SigningKey[]): { keys: JsonObject[] } {
  return {
    keys: keys.map((k) => ({ ...(k.publicKey.export({ format: 'jwk' }) as JsonObject), kid: k.kid, use: 'sig', alg: 'RS256' })),
  };
}

export type Grant =
  | { kind: 'delegated'; user: User; clientId: string; resource: string; permissions: readonly string[] }
  | { kind: 'app'; clientId: string; resource: string; roles: readonly string[] };

export interface IssueOptions {
  issuer: string;
  tenantId: string;
  key: SigningKey;
  lifetimeSeconds: number;
  /** Seconds since the epoch (tests move it to make expired tokens). */
  now?: number;
  /** Overrides the audience (tests: a token for another resource). */
  audience?: string;
}

export function issueAccessToken(grant: Grant, options: IssueOptions): { token: string; expiresIn: number } {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const common = {
    aud: options.audience ?? grant.resource,
    iss: options.issuer,
    iat: now,
    nbf: now,
    exp: now + options.lifetimeSeconds,
    tid: options.tenantId,
    azp: grant.clientId,
    appid: grant.clientId,
    ver: '2.0',
    uti: randomUUID(),
  };
  const payload: JsonObject =
    grant.kind === 'delegated'
      ? {
          ...common,
          oid: objectIdOf(grant.user),
          sub: createHash('sha256')
            .update(`${objectIdOf(grant.user)}:${grant.clientId}`)
            .digest('base64url')
            .slice(0, 43),
          upn: grant.user.smtp,
          preferred_username: grant.user.smtp,
          name: grant.user.name,
          scp: grant.permissions.join(' '),
          idtyp: 'user',
        }
      : {
          ...common,
          oid: servicePrincipalIdOf(grant.clientId),
          sub: servicePrincipalIdOf(grant.clientId),
          idtyp: 'app',
          ...(grant.roles.length > 0 ? { roles: [...grant.roles] } : {}),
        };
  return { token: signJwt({ alg: 'RS256', kid: options.key.kid }, payload, options.key.privateKey), expiresIn: options.lifetimeSeconds };
}

export function issueIdToken(user: User, clientId: string, nonce: string | undefined, options: IssueOptions): string {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const payload: JsonObject = {
    aud: clientId,
    iss: options.issuer,
    iat: now,
    nbf: now,
    exp: now + options.lifetimeSeconds,
    tid: options.tenantId,
    oid: objectIdOf(user),
    sub: createHash('sha256')
      .update(`${objectIdOf(user)}:${clientId}`)
      .digest('base64url')
      .slice(0, 43),
    preferred_username: user.smtp,
    name: user.name,
    ver: '2.0',
    ...(nonce === undefined ? {} : { nonce }),
  };
  return signJwt({ alg: 'RS256', kid: options.key.kid }, payload, options.key.privateKey);
}

/** client_info as MSAL reads it: base64url JSON of the user's object id and tenant id. */
export function clientInfo(user: User, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: objectIdOf(user), utid: tenantId })).toString('base64url');
}
