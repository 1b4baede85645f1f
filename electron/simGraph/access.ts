// Bearer token checks of the Graph front: signature by the authority's key, issuer, audience
// (https://graph.microsoft.com or Graph's app id), lifetime. A token that fails is 401
// InvalidAuthenticationToken with a WWW-Authenticate: Bearer challenge naming the authority;
// what the token may do (scp / roles) is checked per request (403 ErrorAccessDenied).
import type { User } from '../sim/model';
import type { Store } from '../sim/store';
import { GraphError } from './errors';
import { decodeJwt, numberClaim, stringClaim, verifyJwt } from './jwt';
import { GRAPH_APP_ID, GRAPH_RESOURCE, servicePrincipalIdOf } from './authority/registry';
import { issuerOf, type AuthorityState } from './authority/state';

export type Caller =
  { kind: 'delegated'; clientId: string; user: User; permissions: ReadonlySet<string> } | { kind: 'app'; clientId: string; permissions: ReadonlySet<string> };

const CLOCK_SKEW_SECONDS = 300;

function unauthorized(state: AuthorityState, message: string): GraphError {
  return new GraphError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate': `Bearer realm="", authorization_uri="${state.base}/${state.tenantId}/oauth2/v2.0/authorize", client_id="${GRAPH_APP_ID}"`,
  });
}

export function authenticate(state: AuthorityState, store: Store, authorization: string | undefined, nowSeconds = Math.floor(Date.now() / 1000)): Caller {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw unauthorized(state, 'Access token is empty.');
  const jwt = decodeJwt(match[1] as string);
  if (!jwt) throw unauthorized(state, 'IDX14100: JWT is not well formed, there are no dots (.).');
  if (jwt.header.kid !== state.key.kid || !verifyJwt(jwt, state.key.publicKey))
    throw unauthorized(state, 'Access token validation failure. Invalid signature.');
  const p = jwt.payload;
  if (stringClaim(p, 'iss') !== issuerOf(state) || stringClaim(p, 'tid') !== state.tenantId)
    throw unauthorized(state, 'Access token validation failure. Invalid issuer.');
  const aud = stringClaim(p, 'aud');
  if (aud !== GRAPH_RESOURCE && aud !== GRAPH_APP_ID) throw unauthorized(state, 'Access token validation failure. Invalid audience.');
  const exp = numberClaim(p, 'exp');
  const nbf = numberClaim(p, 'nbf') ?? 0;
  if (exp === undefined || exp + CLOCK_SKEW_SECONDS < nowSeconds) throw unauthorized(state, 'Lifetime validation failed, the token is expired.');
  if (nbf - CLOCK_SKEW_SECONDS > nowSeconds) throw unauthorized(state, 'Lifetime validation failed, the token is not yet valid.');
  const clientId = stringClaim(p, 'azp') ?? stringClaim(p, 'appid') ?? '';
  if (stringClaim(p, 'idtyp') === 'app') {
    const roles = Array.isArray(p.roles) ? p.roles.filter((r): r is string => typeof r === 'string') : [];
    if (stringClaim(p, 'oid') !== servicePrincipalIdOf(clientId)) throw unauthorized(state, 'Access token validation failure.');
    return { kind: 'app', clientId, permissions: new Set(roles) };
  }
  const user = store.user(stringClaim(p, 'upn') ?? stringClaim(p, 'preferred_username') ?? '');
  if (!user) throw unauthorized(state, 'Access token validation failure. The user in the token does not exist.');
  return { kind: 'delegated', clientId, user, permissions: new Set((stringClaim(p, 'scp') ?? '').split(' ').filter((s) => s !== '')) };
}
