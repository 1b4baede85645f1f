// Jobs over many mailboxes over Microsoft Graph: one sign-in (one token source, one Graph client)
// opens every mailbox. App-only (application Mail.ReadWrite, scoped by RBAC for Applications)
// opens any mailbox in scope; delegated needs FullAccess to each and Mail.ReadWrite.Shared. A
// mailbox counts as open once GET /users/{mailbox}/mailFolders answers, as a single connect checks.
// Outlook's limit is per app per mailbox, so every mailbox has its own lane of 4 (backends/graph/
// lane.ts, keyed by client and mailbox) and its own back-off gate (GraphJobBackend's accountKey):
// mailboxes run side by side and one throttled mailbox never holds the others back.
import type { GraphConnectionSettings, SessionInfo } from '../../shared/ipc';
import { graphDirectory } from '../backends/graph/directory';
import { GraphMailbox } from '../backends/graph/mailbox';
import type { MailboxesOpening, MailboxSource, OpenResult } from '../backends/port';
import { listFoldersRequest } from '../graph/operations/listFolders';
import { appDirectoryAccess, directoryConsent } from './directoryAccess';
import { GraphSignIn, type GraphSignInOptions, type SignedIn } from './graphSignIn';
import { mailboxError } from './signInErrors';

/** Refused in words: Graph copies and moves messages within one mailbox only. */
export const COLLECT_OVER_GRAPH =
  'Collecting into another mailbox is EWS only: Microsoft Graph copies messages within one mailbox. Run the collect job over an EWS connection.';

export type ManyMailboxesSignIn = Omit<GraphConnectionSettings, 'mailbox'> & {
  /** Delegated: the account to sign in as (login hint); not a mailbox of the job. */
  mailbox?: string;
};

/** Signs in once (its own sign-in, e.g. the command line's); the source opens each mailbox on it. `close()` ends it. */
export async function openGraphMailboxes(options: GraphSignInOptions, settings: ManyMailboxesSignIn): Promise<MailboxesOpening> {
  const signIn = new GraphSignIn(options);
  const opened = await graphMailboxesOn(signIn, settings, { interactive: true, ownsSignIn: true });
  if (!opened.ok) signIn.close();
  return opened;
}

/**
 * The same on a sign-in the caller keeps (the app's connector, whose kept delegated sign-in a
 * Graph connection has just used): `interactive: false` never opens the browser. Closing the
 * source ends its transport, and the sign-in too only when `ownsSignIn`.
 */
export async function graphMailboxesOn(
  signIn: GraphSignIn,
  settings: ManyMailboxesSignIn,
  how: { interactive: boolean; ownsSignIn?: boolean },
): Promise<MailboxesOpening> {
  const result = await signIn.signIn({ ...settings, mailbox: settings.mailbox ?? '' }, how.interactive);
  if (!result.ok) return result;
  const signedIn: SignedIn = result;
  const account = signedIn.account;
  const appOnly = settings.signIn === 'appOnly';
  // Delegated: the directory has its own token (directory scopes, consented apart); app-only's one token carries the app's roles.
  const consent = account === undefined ? undefined : directoryConsent(signIn, { ...settings, mailbox: account }, account);
  const shared = signIn.client(signedIn, consent?.token);
  const client = shared.client;
  const directoryClient = shared.extra ?? client;

  async function open(mailbox: string, access?: 'impersonation' | 'delegate'): Promise<OpenResult> {
    const context = { ...signedIn.context, mailbox };
    if (access !== undefined) return { ok: false, error: { kind: 'unavailable', message: COLLECT_OVER_GRAPH } };
    const check = await client.send(listFoldersRequest(mailbox, { top: 1, withSourceKey: false }));
    if (!check.ok) return { ok: false, error: mailboxError(check.failure, context) };
    const own = account !== undefined && account.toLowerCase() === mailbox.toLowerCase();
    const info: SessionInfo = {
      backend: 'graph',
      url: signedIn.resolved.graphUrl,
      signedInWith: appOnly ? 'Microsoft Graph (app-only, certificate)' : 'Microsoft Graph (delegated)',
      mailbox,
      // Delegated: another user's mailbox is opened with the account's FullAccess. App-only has no account of its own.
      ...(account !== undefined && !own ? { mailboxAccess: 'delegate' as const } : {}),
      demo: false,
      // Graph v1.0 does not open the In-Place Archive.
      hasArchive: false,
    };
    // No onClose: the transport is the source's, shared by every mailbox.
    const session = new GraphMailbox(client, {
      info,
      actor: account === undefined ? signedIn.actor : own ? account : `${account} on ${mailbox}`,
      ...(account === undefined ? {} : { signedInUser: account }),
      otherMailbox: mailbox,
    });
    return { ok: true, session };
  }

  const source: MailboxSource = {
    kind: 'graph',
    open,
    openDirectory: () => Promise.resolve({ ok: true, directory: graphDirectory(directoryClient), close: () => undefined }),
    ...(consent === undefined
      ? { directoryAccess: () => appDirectoryAccess(client) }
      : { directoryAccess: () => consent.access(), allowDirectory: () => consent.allow() }),
    close: () => {
      shared.close();
      if (how.ownsSignIn === true) signIn.close();
    },
  };
  return { ok: true, source };
}
