// What the authority knows: the tenant, its users (the mailbox store's users, so one account signs
// in to both protocols), the registered applications, and the resources tokens can be issued for.
import { createHash, X509Certificate } from 'node:crypto';
import type { User } from '../../sim/model';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
/** Graph's application id, the other audience value Graph accepts (its v1 tokens carry it). */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Exchange Online (EWS, while it lasts): a token for it must not open Graph. */
export const EXCHANGE_RESOURCE = 'https://outlook.office365.com';
export const KNOWN_RESOURCES: readonly string[] = [GRAPH_RESOURCE, EXCHANGE_RESOURCE];
/** Scopes of OpenID Connect itself: they ask for an id token and a refresh token, not for a resource. */
export const OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'offline_access'];

export const DEMO_TENANT_ID = '6f2d1b7a-3c4e-4a5b-9d8e-1f2a3b4c5d6e';
export const DEMO_CLIENT_ID = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';

export interface AppRegistration {
  clientId: string;
  displayName?: string;
  /** Redirect URIs; a loopback one (http://localhost or http://127.0.0.1, any path) matches any port, as Entra ID's loopback rule. */
  redirectUris?: readonly string[];
  /** Consented delegated permissions, `resource/permission` or a bare Graph permission (Mail.ReadWrite). */
  delegatedPermissions?: readonly string[];
  /** Granted application permissions (Graph app roles, e.g. Mail.ReadWrite) for client credentials. */
  applicationPermissions?: readonly string[];
  /** PEM certificates whose keys may sign client assertions. */
  certificates?: readonly string[];
}

export const DEMO_APP: AppRegistration = {
  clientId: DEMO_CLIENT_ID,
  displayName: 'Mailbox Sweeper',
  redirectUris: ['http://localhost', 'http://127.0.0.1'],
  delegatedPermissions: ['Mail.ReadWrite', 'Mail.ReadWrite.Shared', 'User.Read', `${EXCHANGE_RESOURCE}/EWS.AccessAsUser.All`],
  // The directory look-ups of jobs over many mailboxes: /users (User.Read.All) and group members (GroupMember.Read.All).
  applicationPermissions: ['Mail.ReadWrite', 'User.Read.All', 'GroupMember.Read.All'],
};

/**
 * Graph delegated permissions that only an administrator may consent to (the permissions
 * reference's "Admin consent required: Yes"; group-list-transitivemembers: GroupMember.Read.All,
 * whose need for admin consent a Microsoft employee confirmed on Q&A 124948). Others, such as
 * Mail.ReadWrite, Mail.ReadWrite.Shared, User.Read and User.ReadBasic.All, a user may consent to
 * for themselves. The authority's consent step refuses these to a user who is not a tenant admin.
 */
export const ADMIN_CONSENT_DELEGATED: ReadonlySet<string> = new Set(
  [
    'User.Read.All',
    'User.ReadWrite.All',
    'GroupMember.Read.All',
    'GroupMember.ReadWrite.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ].map((p) => `${GRAPH_RESOURCE}/${p}`),
);

/** A resource-qualified scope: `https://graph.microsoft.com/Mail.ReadWrite` (bare names are Graph's). */
export function qualifyScope(scope: string): string {
  if (OIDC_SCOPES.includes(scope)) return scope;
  return scope.includes('/') ? scope : `${GRAPH_RESOURCE}/${scope}`;
}

export function splitScope(qualified: string): { resource: string; permission: string } | undefined {
  const at = qualified.lastIndexOf('/');
  if (at <= 0) return undefined;
  const resource = qualified.slice(0, at);
  // api://… and the Graph app id are other spellings of a resource; only the URL forms are modelled.
  return KNOWN_RESOURCES.includes(resource) ? { resource, permission: qualified.slice(at + 1) } : undefined;
}

/** A stable object id per user (Entra's oid), derived from the address. */
export function objectIdOf(user: Pick<User, 'smtp'>): string {
  const hex = createHash('sha256').update(`oid:${user.smtp.toLowerCase()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The service principal's object id of an application in this tenant (the oid of app-only tokens). */
export function servicePrincipalIdOf(clientId: string): string {
  return objectIdOf({ smtp: `sp:${clientId}` });
}

export function isLoopback(uri: URL): boolean {
  return uri.protocol === 'http:' && (uri.hostname === 'localhost' || uri.hostname === '127.0.0.1' || uri.hostname === '[::1]');
}

/** Entra ID's loopback rule: for http://localhost and 127.0.0.1 the port is ignored (host and path must match); everything else matches exactly. */
export function redirectUriRegistered(app: AppRegistration, redirectUri: string): boolean {
  let asked: URL;
  try {
    asked = new URL(redirectUri);
  } catch {
    return false;
  }
  return (app.redirectUris ?? []).some((registered) => {
    if (registered === redirectUri) return true;
    const reg = new URL(registered);
    if (!isLoopback(reg) || !isLoopback(asked)) return false;
    return reg.hostname === asked.hostname && reg.pathname === asked.pathname;
  });
}

export interface CertificateKey {
  certificate: X509Certificate;
  /** base64url SHA-1 and SHA-256 of the DER certificate: the x5t and x5t#S256 header values. */
  x5t: string;
  x5tS256: string;
}

export function certificateKeys(app: AppRegistration): CertificateKey[] {
  return (app.certificates ?? []).map((pem) => {
    const certificate = new X509Certificate(pem);
    return {
      certificate,
      x5t: createHash('sha1').update(certificate.raw).digest('base64url'),
      x5tS256: createHash('sha256').update(certificate.raw).digest('base64url'),
    };
  });
}
