// Directory access for jobs over many mailboxes on a delegated Graph connection. The connection's
// sign-in asks only for mail (Mail.ReadWrite, Mail.ReadWrite.Shared); names and groups need
// User.ReadBasic.All and GroupMember.Read.All, asked on their own when the admin chooses "Allow
// directory access…" (incremental consent on the same account and MSAL cache). The directory's
// token is taken silently on each look-up, so a consent given meanwhile (in the app, or by an
// administrator for the whole tenant) is used at once; nothing here opens the browser unasked.
import type { GraphConnectionSettings } from '../../shared/ipc';
import type { AllowDirectoryResult, DirectoryAccess } from '../../shared/multiIpc';
import { graphDirectoryScopes } from '../graph/auth/scopes';
import type { GraphClient, TokenSource } from '../graph/client';
import { describeFailure } from '../graph/errors';
import type { DirectoryListResult } from '../graph/operations/directoryList';
import { findGroups } from '../graph/operations/findGroups';
import { findUsers } from '../graph/operations/findUsers';
import type { GraphSignIn } from './graphSignIn';
import { resolveSettings } from './settings';
import { aadstsCode } from './signInErrors';

export interface DirectoryConsent {
  /** The directory client's token: silent, with the directory scopes; throws in words while they are not allowed. */
  token: TokenSource;
  access(): Promise<DirectoryAccess>;
  /** The browser, asking only the directory scopes (Cancel sign-in ends it). */
  allow(): Promise<AllowDirectoryResult>;
}

const list = (scopes: readonly string[]): string => scopes.map((s) => s.slice(s.lastIndexOf('/') + 1)).join(' and ');

export function directoryNotAllowed(scopes: readonly string[]): string {
  return `Directory access is not allowed for this sign-in yet (delegated ${list(scopes)}): choose "Allow directory access…", or add the mailboxes by address or CSV.`;
}

/** A refused or failed consent in words: who can grant what, and where. */
export function directoryRefusal(message: string, scopes: readonly string[]): string {
  const code = aadstsCode(message);
  const admin =
    'GroupMember.Read.All needs an administrator: a Global, Cloud Application or Application Administrator consents in that browser step, or grants admin consent for the app (Entra ID → App registrations → API permissions → "Grant admin consent"). Until then add mailboxes by address or CSV.';
  if (code === 65004) return `Directory access was not allowed: consent to ${list(scopes)} was declined in the browser (AADSTS65004). ${admin}`;
  if (code === 65001 || code === 90094) return `Directory access was not allowed: ${list(scopes)} is not consented (AADSTS${code}). ${admin}`;
  return `Directory access could not be allowed: ${message}`;
}

export function directoryConsent(signIn: GraphSignIn, settings: GraphConnectionSettings, account: string): DirectoryConsent {
  const scopes = graphDirectoryScopes(resolveSettings(settings).resource);
  let kept: TokenSource | undefined;
  return {
    token: async (signal) => {
      if (kept === undefined) {
        const silent = await signIn.moreScopes(settings, scopes, account, false);
        if (!silent.ok) throw new Error(silent.consentNeeded ? directoryNotAllowed(scopes) : silent.error.message);
        kept = silent.token;
      }
      return kept(signal);
    },
    async access() {
      const silent = await signIn.moreScopes(settings, scopes, account, false);
      if (silent.ok) {
        kept = silent.token;
        return { state: 'allowed', scopes };
      }
      return silent.consentNeeded
        ? { state: 'consentNeeded', scopes, message: directoryNotAllowed(scopes) }
        : { state: 'unavailable', scopes, message: silent.error.message };
    },
    async allow() {
      const result = await signIn.moreScopes(settings, scopes, account, true);
      if (result.ok) {
        kept = result.token;
        return { ok: true };
      }
      if (result.error.kind === 'cancelled') return { ok: false, cancelled: true, message: result.error.message };
      return { ok: false, cancelled: false, message: directoryRefusal(result.error.message, scopes) };
    },
  };
}

/** The application permissions app-only names and groups need (user-list; group-list and group-list-transitivemembers). */
export const APP_DIRECTORY_PERMISSIONS = ['User.Read.All', 'GroupMember.Read.All'] as const;

const denied = (answer: DirectoryListResult): boolean => !answer.ok && answer.failure.kind === 'graph-error' && answer.failure.status === 403;

/**
 * App-only: whether the app's granted application permissions reach the directory, probed with the
 * look-ups names and groups use (one row each); a 403 means that permission is not granted. Nothing
 * can be asked here: an administrator grants application permissions.
 */
export async function appDirectoryAccess(client: GraphClient): Promise<DirectoryAccess> {
  const call = { timeoutMs: 30_000 };
  const [users, groups] = await Promise.all([findUsers(client, 'a', 1, call), findGroups(client, 'a', 1, call)]);
  const missing = [...(denied(users) ? ['User.Read.All'] : []), ...(denied(groups) ? ['GroupMember.Read.All'] : [])];
  for (const answer of [users, groups]) if (!answer.ok && !denied(answer)) return { state: 'unavailable', message: describeFailure(answer.failure) };
  const scopes = [...APP_DIRECTORY_PERMISSIONS];
  if (missing.length === 0)
    return { state: 'allowed', scopes, message: `The app is granted ${APP_DIRECTORY_PERMISSIONS.join(' and ')}: names and groups can be looked up.` };
  return {
    state: 'notOffered',
    scopes,
    missing,
    message: `The app is not granted the application permission${missing.length === 1 ? '' : 's'} ${missing.join(' and ')} (Microsoft Graph): names and groups cannot be looked up until an administrator grants ${missing.length === 1 ? 'it' : 'them'} (Entra ID → App registrations → API permissions → "Grant admin consent"); addresses and CSV lists still work.`,
  };
}
