// Client assertions (RFC 7523, Entra ID "certificate credentials"): a JWT signed with the app's
// certificate key, naming the certificate by x5t (SHA-1) or x5t#S256, with aud = the token
// endpoint, iss = sub = client_id, a valid time range. Checked against the registered certificates.
import { decodeJwt, numberClaim, stringClaim, verifyJwt } from '../jwt';
import { certificateKeys, type AppRegistration } from './registry';
import { oauthError } from './state';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const SKEW_SECONDS = 300;

/** Undefined when the assertion proves the client; else the token endpoint's error body. */
export function checkClientAssertion(
  app: AppRegistration,
  assertion: string,
  tokenEndpoints: readonly string[],
  nowSeconds = Math.floor(Date.now() / 1000),
): Record<string, unknown> | undefined {
  const jwt = decodeJwt(assertion);
  if (!jwt) return oauthError('invalid_client', 50027, 'JWT token is invalid or malformed.');
  const x5t = stringClaim(jwt.header, 'x5t');
  const x5tS256 = stringClaim(jwt.header, 'x5t#S256');
  const key = certificateKeys(app).find((k) => (x5t !== undefined && k.x5t === x5t) || (x5tS256 !== undefined && k.x5tS256 === x5tS256));
  if (!key)
    return oauthError(
      'invalid_client',
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${x5t ?? x5tS256 ?? ''}']`,
    );
  if (!verifyJwt(jwt, key.certificate.publicKey)) return oauthError('invalid_client', 700027, 'Client assertion failed signature validation.');
  const { payload } = jwt;
  if (stringClaim(payload, 'iss') !== app.clientId || stringClaim(payload, 'sub') !== app.clientId) {
    return oauthError('invalid_client', 700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
  }
  const aud = stringClaim(payload, 'aud');
  if (aud === undefined || !tokenEndpoints.includes(aud))
    return oauthError('invalid_client', 700212, 'No matching federated identity record found for presented assertion audience.');
  const exp = numberClaim(payload, 'exp');
  const nbf = numberClaim(payload, 'nbf') ?? 0;
  if (exp === undefined || exp + SKEW_SECONDS < nowSeconds || nbf - SKEW_SECONDS > nowSeconds) {
    return oauthError('invalid_client', 700024, 'Client assertion is not within its valid time range.');
  }
  return undefined;
}
