// The two documents MSAL reads before a flow: the tenant's OpenID configuration
// (/{tenant}/v2.0/.well-known/openid-configuration; MSAL requires authorization_endpoint,
// token_endpoint, issuer and jwks_uri) and the instance discovery answer
// (/common/discovery/instance?api-version=1.1&authorization_endpoint=…; MSAL requires
// tenant_discovery_endpoint and metadata with aliases, preferred_network, preferred_cache).
import type { JsonObject } from '../jwt';
import { issuerOf, type AuthorityState } from './state';

export function openIdConfiguration(state: AuthorityState, tenantSegment: string): JsonObject {
  const at = `${state.base}/${tenantSegment}`;
  return {
    issuer: issuerOf(state),
    authorization_endpoint: `${at}/oauth2/v2.0/authorize`,
    token_endpoint: `${at}/oauth2/v2.0/token`,
    jwks_uri: `${state.base}/${state.tenantId}/discovery/v2.0/keys`,
    end_session_endpoint: `${at}/oauth2/v2.0/logout`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['plain', 'S256'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'name', 'preferred_username', 'oid', 'tid', 'nonce', 'ver'],
    request_uri_parameter_supported: false,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
  };
}

export function instanceDiscovery(state: AuthorityState): JsonObject {
  const host = new URL(state.base).host;
  return {
    tenant_discovery_endpoint: `${state.base}/${state.tenantId}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}
