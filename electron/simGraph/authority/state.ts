// The authority's state: tenant, signing key, applications, pending authorization codes and
// issued refresh tokens. Users come from the mailbox store.
import { randomBytes } from 'node:crypto';
import type { User } from '../../sim/model';
import type { Store } from '../../sim/store';
import type { SigningKey } from './issuer';
import { qualifyScope, type AppRegistration } from './registry';

export interface PendingCode {
  clientId: string;
  redirectUri: string;
  user: User;
  scopes: readonly string[];
  challenge: string | undefined;
  challengeMethod: 'S256' | 'plain' | undefined;
  nonce: string | undefined;
  expires: number;
}

export interface RefreshGrant {
  clientId: string;
  user: User;
  expires: number;
}

/** A signed-in user asked for permissions nobody consented to yet: waiting for Accept or Cancel on the consent page. */
export interface PendingConsent {
  user: User;
  /** The authorize request's parameters, to finish it once the user answers. */
  params: URLSearchParams;
  /** Qualified permissions to consent to. */
  missing: readonly string[];
  expires: number;
}

export interface AuthorityState {
  tenantId: string;
  /** Extra names the tenant answers to in URLs (its domain; organizations, common). */
  tenantAliases: readonly string[];
  key: SigningKey;
  apps: Map<string, AppRegistration>;
  store: Store;
  codes: Map<string, PendingCode>;
  refreshTokens: Map<string, RefreshGrant>;
  accessTokenLifetimeSeconds: number;
  /** Signs this user in without a page (tests driving the flow with an HTTP client). */
  autoApprove: string | undefined;
  /** The consent page's answer when `autoApprove` skips the pages (default accept). */
  autoConsent: 'accept' | 'decline';
  /** Users who may consent to admin-only permissions (Entra's Global / Cloud Application / Application Administrator). */
  tenantAdmins: ReadonlySet<string>;
  /** Delegated permissions a user consented to for themselves: key `clientId user`, qualified scopes (oauth2PermissionGrant, consentType Principal). */
  userConsents: Map<string, Set<string>>;
  /** Consent pages shown, by their opaque id. */
  consents: Map<string, PendingConsent>;
  /** scheme://host:port of the listener, set once listening. */
  base: string;
}

export const CODE_LIFETIME_MS = 10 * 60_000;
export const REFRESH_LIFETIME_MS = 90 * 86_400_000;

export function issuerOf(state: AuthorityState): string {
  return `${state.base}/${state.tenantId}/v2.0`;
}

export const consentKey = (clientId: string, user: Pick<User, 'smtp'>): string => `${clientId} ${user.smtp.toLowerCase()}`;

/** Qualified delegated permissions this user may use with this app: the tenant-wide grant and their own. */
export function grantedTo(state: AuthorityState, app: AppRegistration, user: Pick<User, 'smtp'> | undefined): Set<string> {
  const granted = new Set((app.delegatedPermissions ?? []).map(qualifyScope));
  if (user !== undefined) for (const scope of state.userConsents.get(consentKey(app.clientId, user)) ?? []) granted.add(scope);
  return granted;
}

export function knowsTenant(state: AuthorityState, segment: string): boolean {
  const s = segment.toLowerCase();
  return s === state.tenantId || state.tenantAliases.includes(s);
}

export function opaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** An Entra-style OAuth error body (error, error_description with the AADSTS number, error_codes). */
export function oauthError(error: string, aadsts: number, text: string): Record<string, unknown> {
  const trace = randomBytes(16).toString('hex');
  return {
    error,
    error_description: `AADSTS${aadsts}: ${text} Trace ID: ${trace}`,
    error_codes: [aadsts],
    timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
    trace_id: trace,
    correlation_id: trace,
  };
}
