// EWS in Exchange Online signed in through Microsoft 365: the Graph profiles' delegated sign-in
// (GraphSignIn: system browser, PKCE, the sealed cache per authority and app registration, silent
// refresh) asked for https://outlook.office365.com/EWS.AccessAsUser.All instead of Graph's scopes.
// One MSAL application per app registration holds both resources' tokens, so Sign out forgets both.
import type { ConnectError, Microsoft365SignIn } from '../../shared/ipc';
import type { EwsTokenResult } from '../backends/port';
import type { GraphSignIn } from './graphSignIn';
import type { SignInSettings } from './settings';

/** The sign-in settings of an EWS token: delegated, no mailbox to hint (the EWS profile names its own). */
export function ewsSignInSettings(signIn: Microsoft365SignIn): SignInSettings {
  const authorityUrl = signIn.authorityUrl?.trim();
  return {
    tenantId: signIn.tenantId.trim(),
    clientId: signIn.clientId.trim(),
    ...(authorityUrl ? { authorityUrl } : {}),
    signIn: 'delegated',
    mailbox: '',
    tokenFor: 'ews',
  };
}

/** The Graph sign-in's words, where they name Graph's permissions, said for EWS. */
export function ewsSignInError(error: ConnectError): ConnectError {
  if (error.kind !== 'consent') return error;
  const detail = /\((AADSTS[^)]*)\)\s*$/.exec(error.message)?.[1];
  return {
    kind: 'consent',
    message:
      'Consent is missing for the delegated permission EWS.AccessAsUser.All (Office 365 Exchange Online): an administrator grants it under Entra ID → ' +
      `App registrations → API permissions → "Grant admin consent".${detail === undefined ? '' : ` (${detail})`}`,
  };
}

export async function ewsToken(signIn: GraphSignIn, settings: Microsoft365SignIn): Promise<EwsTokenResult> {
  const signedIn = await signIn.signIn(ewsSignInSettings(settings));
  if (!signedIn.ok) return { ok: false, error: ewsSignInError(signedIn.error) };
  return { ok: true, account: signedIn.account ?? signedIn.actor, token: signedIn.token };
}
