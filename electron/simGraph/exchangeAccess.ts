// The tenant's side of EWS in Exchange Online: which of this authority's tokens the EWS simulator
// accepts, lent to it as a BearerVerifier (electron/sim/auth.ts) when both run on one mailbox store.
// Exchange Online checks the signature, the issuer (this tenant's authority), the audience
// (https://outlook.office365.com or Exchange Online's app id), the lifetime, and for a delegated
// token the scope EWS.AccessAsUser.All ("Authenticate an EWS application by using OAuth"). A
// refusal is HTTP 401 with a Bearer challenge carrying error="invalid_token" and the reason in
// x-ms-diagnostics ("code;reason=\"…\";error_category=\"…\"", the shape seen in public reports of
// Exchange Online's answers; the codes and wordings below are UNVERIFIED, so the client shows the
// reason as it comes and never matches on it).
// App-only EWS (role full_access_as_app with impersonation) is not modelled: such a token is
// refused as carrying no permission this simulator understands.
import type { BearerVerifier } from '../sim/auth';
import type { Store } from '../sim/store';
import { decodeJwt, numberClaim, stringClaim, verifyJwt } from './jwt';
import { EXCHANGE_RESOURCE } from './authority/registry';
import { issuerOf, type AuthorityState } from './authority/state';

/** Exchange Online's application id: the other audience value its tokens may carry, and the challenge's client_id. */
export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
/** The delegated permission EWS requires. */
export const EWS_DELEGATED_SCOPE = 'EWS.AccessAsUser.All';

const CLOCK_SKEW_SECONDS = 300;

const invalidToken = (reason: string): { ok: false; diagnostics: string } => ({
  ok: false,
  diagnostics: `2000001;reason="${reason}";error_category="invalid_token"`,
});

/** The Bearer challenge: Exchange Online names its own app id and the authority to get a token from. */
export function exchangeChallenge(state: AuthorityState): string {
  return (
    `Bearer client_id="${EXCHANGE_APP_ID}", trusted_issuers="00000001-0000-0000-c000-000000000000@*", ` +
    `token_types="app_asserted_user_v1 service_asserted_app_v1", authorization_uri="${state.base}/${state.tenantId}/oauth2/v2.0/authorize"`
  );
}

/** Checks one token as Exchange Online's EWS does; `now` in epoch seconds (tests). */
export function verifyExchangeToken(
  state: AuthorityState,
  store: Store,
  token: string,
  now = Math.floor(Date.now() / 1000),
): ReturnType<BearerVerifier['verify']> {
  const jwt = decodeJwt(token);
  if (jwt === undefined) return invalidToken('The token is not a well-formed JWT.');
  if (jwt.header.kid !== state.key.kid || !verifyJwt(jwt, state.key.publicKey)) return invalidToken('The token signature could not be verified.');
  const p = jwt.payload;
  const issuer = stringClaim(p, 'iss') ?? '';
  if (issuer !== issuerOf(state) || stringClaim(p, 'tid') !== state.tenantId) return invalidToken(`The token issuer '${issuer}' is not trusted.`);
  const audience = stringClaim(p, 'aud') ?? '';
  if (audience !== EXCHANGE_RESOURCE && audience !== EXCHANGE_APP_ID) {
    return {
      ok: false,
      diagnostics: `2000003;reason="The audience claim value '${audience}' is invalid for this resource; expected '${EXCHANGE_RESOURCE}'.";error_category="invalid_resource"`,
    };
  }
  const exp = numberClaim(p, 'exp');
  if (exp === undefined || exp + CLOCK_SKEW_SECONDS < now) return invalidToken('The token has expired.');
  if ((numberClaim(p, 'nbf') ?? 0) - CLOCK_SKEW_SECONDS > now) return invalidToken('The token is not yet valid.');
  const scopes = (stringClaim(p, 'scp') ?? '').split(' ');
  if (stringClaim(p, 'idtyp') === 'app' || !scopes.includes(EWS_DELEGATED_SCOPE)) {
    return {
      ok: false,
      diagnostics: '2000008;reason="The token contains no permissions, or permissions can not be understood.";error_category="invalid_grant"',
    };
  }
  const user = store.user(stringClaim(p, 'upn') ?? stringClaim(p, 'preferred_username') ?? '');
  if (user === undefined) return invalidToken('The user in the token was not found in this organization.');
  return { ok: true, smtp: user.smtp };
}

export function exchangeTokenVerifier(state: AuthorityState, store: Store): BearerVerifier {
  return {
    get challenge() {
      // The listener's address is known only once it listens.
      return exchangeChallenge(state);
    },
    verify: (token) => verifyExchangeToken(state, store, token),
  };
}
