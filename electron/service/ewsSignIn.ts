// An EWS connection signed in through Microsoft 365 (authKind 'microsoft365'): the Graph sign-in's
// connector signs in (silently from the kept sign-in, else in the browser) for EWS.AccessAsUser.All
// and lends a token getter the EWS backend calls per request. Everything else about the connection
// is EWS as usual. The renderer never sees the token.
import type { ConnectError } from '../../shared/ipc';
import type { ConnectionParams, GraphConnector } from '../backends/port';

/** SessionInfo.signedInWith of such a connection (backends/ews/connectionAuth.ts): Sign out closes it. */
export const MICROSOFT365_SIGNED_IN_WITH = 'Microsoft 365 sign-in';

export const MICROSOFT365_UNAVAILABLE: ConnectError = {
  kind: 'unavailable',
  message: 'Microsoft 365 sign-in is not available in this build of the app (no browser sign-in here): paste an access token instead.',
};

export type WithToken = { ok: true; params: ConnectionParams } | { ok: false; error: ConnectError };

/** The params unchanged for other sign-in kinds; for 'microsoft365', with the signed-in account as user and its token getter. */
export async function withMicrosoft365Token(params: ConnectionParams, connector: Pick<GraphConnector, 'ewsToken'> | undefined): Promise<WithToken> {
  if (params.authKind !== 'microsoft365') return { ok: true, params };
  if (params.microsoft365 === undefined) return { ok: false, error: { kind: 'invalid', message: 'Enter the tenant id and the application (client) id.' } };
  if (connector?.ewsToken === undefined) return { ok: false, error: MICROSOFT365_UNAVAILABLE };
  const signedIn = await connector.ewsToken(params.microsoft365);
  if (!signedIn.ok) return signedIn;
  return { ok: true, params: { ...params, user: signedIn.account, token: signedIn.token } };
}
