// /{tenant}/oauth2/v2.0/token: authorization_code (with the PKCE verifier), refresh_token and
// client_credentials (certificate assertion). Answers as Entra ID's v2 endpoint: JSON with
// token_type, scope, expires_in, access_token, and refresh_token / id_token / client_info when
// offline_access / openid / client_info=1 ask for them; errors as 400 (401 invalid_client).
import { createHash } from 'node:crypto';
import type { JsonObject } from '../jwt';
import { checkClientAssertion, JWT_BEARER } from './assertion';
import { clientInfo, issueAccessToken, issueIdToken, type Grant } from './issuer';
import type { AppRegistration } from './registry';
import { parseScopes } from './scopes';
import { grantedTo, issuerOf, oauthError, opaqueToken, REFRESH_LIFETIME_MS, type AuthorityState } from './state';
import type { User } from '../../sim/model';

export interface TokenAnswer {
  status: number;
  body: JsonObject;
}

const fail = (status: number, body: Record<string, unknown>): TokenAnswer => ({ status, body });

function pkceMatches(challenge: string, method: 'S256' | 'plain', verifier: string): boolean {
  // RFC 7636 4.1: 43–128 characters of the unreserved set.
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  return method === 'plain' ? verifier === challenge : createHash('sha256').update(verifier).digest('base64url') === challenge;
}

function delegatedAnswer(
  state: AuthorityState,
  app: AppRegistration,
  user: User,
  resource: string | undefined,
  permissions: readonly string[],
  oidc: readonly string[],
  form: URLSearchParams,
  nonce?: string,
): TokenAnswer {
  const issue = { issuer: issuerOf(state), tenantId: state.tenantId, key: state.key, lifetimeSeconds: state.accessTokenLifetimeSeconds };
  const body: JsonObject = {
    token_type: 'Bearer',
    scope: [...permissions.map((p) => (resource && !resource.endsWith('graph.microsoft.com') ? `${resource}/${p}` : p)), ...oidc].join(' '),
  };
  if (resource) {
    const grant: Grant = { kind: 'delegated', user, clientId: app.clientId, resource, permissions };
    const access = issueAccessToken(grant, issue);
    Object.assign(body, { expires_in: access.expiresIn, ext_expires_in: access.expiresIn, access_token: access.token });
  }
  if (oidc.includes('offline_access')) {
    const refresh = opaqueToken();
    state.refreshTokens.set(refresh, { clientId: app.clientId, user, expires: Date.now() + REFRESH_LIFETIME_MS });
    body.refresh_token = refresh;
  }
  if (oidc.includes('openid')) body.id_token = issueIdToken(user, app.clientId, nonce, issue);
  if (form.get('client_info') === '1') body.client_info = clientInfo(user, state.tenantId);
  return { status: 200, body };
}

/** A confidential client proves itself with an assertion; a public client (no assertion) is trusted as registered. */
function clientProof(state: AuthorityState, app: AppRegistration, form: URLSearchParams, tenantSegment: string): Record<string, unknown> | undefined {
  const assertion = form.get('client_assertion');
  if (assertion === null) return undefined;
  if (form.get('client_assertion_type') !== JWT_BEARER) return oauthError('invalid_request', 50027, 'Invalid client_assertion_type.');
  const endpoints = [...new Set([tenantSegment, state.tenantId])].map((t) => `${state.base}/${t}/oauth2/v2.0/token`);
  return checkClientAssertion(app, assertion, endpoints);
}

export function token(state: AuthorityState, tenantSegment: string, form: URLSearchParams): TokenAnswer {
  const clientId = form.get('client_id') ?? '';
  const app = state.apps.get(clientId);
  if (!app)
    return fail(
      400,
      oauthError('unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${state.tenantId}'.`),
    );
  const proofError = clientProof(state, app, form, tenantSegment);
  if (proofError) return fail(401, proofError);
  const grantType = form.get('grant_type');

  if (grantType === 'authorization_code') {
    const code = state.codes.get(form.get('code') ?? '');
    if (!code || code.clientId !== clientId) return fail(400, oauthError('invalid_grant', 70000, 'Provided grant is invalid or malformed.'));
    // A code is used once, also when the redemption fails (RFC 6749 4.1.2).
    state.codes.delete(form.get('code') ?? '');
    if (code.expires < Date.now())
      return fail(400, oauthError('invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity.'));
    if (form.get('redirect_uri') !== code.redirectUri)
      return fail(400, oauthError('invalid_grant', 50148, 'The redirect_uri does not match the one used in the authorization request.'));
    if (code.challenge !== undefined) {
      const verifier = form.get('code_verifier');
      if (verifier === null || !pkceMatches(code.challenge, code.challengeMethod ?? 'plain', verifier)) {
        return fail(400, oauthError('invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'));
      }
    }
    const resourceScope = code.scopes.find((s) => s.includes('/'));
    const resource = resourceScope?.slice(0, resourceScope.lastIndexOf('/'));
    const permissions = code.scopes.filter((s) => s.includes('/')).map((s) => s.slice(s.lastIndexOf('/') + 1));
    return delegatedAnswer(
      state,
      app,
      code.user,
      resource,
      permissions,
      code.scopes.filter((s) => !s.includes('/')),
      form,
      code.nonce,
    );
  }

  if (grantType === 'refresh_token') {
    const refresh = state.refreshTokens.get(form.get('refresh_token') ?? '');
    if (!refresh || refresh.clientId !== clientId) return fail(400, oauthError('invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.'));
    if (refresh.expires < Date.now()) return fail(400, oauthError('invalid_grant', 700082, 'The refresh token has expired due to inactivity.'));
    // The tenant-wide grant and what this user consented to themselves.
    const scopes = parseScopes(app, form.get('scope'), 'delegated', { consented: grantedTo(state, app, refresh.user) });
    if ('error' in scopes) return fail(400, scopes.error);
    // A refresh token is good for every consented resource; the answer always carries a new one.
    const oidc = [...new Set([...scopes.ok.oidc, 'offline_access'])];
    return delegatedAnswer(state, app, refresh.user, scopes.ok.resource, scopes.ok.permissions, oidc, form);
  }

  if (grantType === 'client_credentials') {
    if (form.get('client_assertion') === null)
      return fail(401, oauthError('invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."));
    const scopes = parseScopes(app, form.get('scope'), 'app');
    if ('error' in scopes) return fail(400, scopes.error);
    const resource = scopes.ok.resource as string;
    const access = issueAccessToken(
      { kind: 'app', clientId, resource, roles: scopes.ok.permissions },
      { issuer: issuerOf(state), tenantId: state.tenantId, key: state.key, lifetimeSeconds: state.accessTokenLifetimeSeconds },
    );
    return { status: 200, body: { token_type: 'Bearer', expires_in: access.expiresIn, ext_expires_in: access.expiresIn, access_token: access.token } };
  }

  return fail(400, oauthError('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`));
}
