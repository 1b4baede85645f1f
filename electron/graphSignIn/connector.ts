// The port's GraphConnector: Test connection, connect (sign in, check that the mailbox opens,
// hand over the Graph backend through the port's MailboxBackend), the many-mailbox source of a
// Graph connection (manyMailboxes.ts) and Sign out. Built from what the
// main process lends (electron/backends/index.ts registerBackends) and registered like the EWS
// backend, so the service reaches it by kind and never imports a protocol client.
import type { GraphConnectionSettings, SessionInfo } from '../../shared/ipc';
import { GraphMailbox } from '../backends/graph/mailbox';
import type { GraphConnector, OpenResult } from '../backends/port';
import { listFoldersRequest } from '../graph/operations/listFolders';
import { testGraphConnection } from './connectionTest';
import { ewsToken } from './ewsToken';
import { GraphSignIn, type GraphSignInOptions } from './graphSignIn';
import { graphMailboxesOn } from './manyMailboxes';
import { mailboxError } from './signInErrors';

export function createGraphConnector(options: GraphSignInOptions): GraphConnector {
  const signIn = new GraphSignIn(options);
  return {
    kind: 'graph',
    testConnection: (settings) => testGraphConnection(signIn, settings),
    open: (settings) => openGraphMailbox(signIn, settings),
    // Silently only: the connection this serves has just signed in, and the screen opens no browser.
    openMailboxes: (settings) => graphMailboxesOn(signIn, settings, { interactive: false }),
    ewsToken: (settings) => ewsToken(signIn, settings),
    signOut: () => signIn.signOut(),
    cancelSignIn: () => signIn.cancelSignIn(),
    close: () => signIn.close(),
  };
}

async function openGraphMailbox(signIn: GraphSignIn, settings: GraphConnectionSettings): Promise<OpenResult> {
  const signedIn = await signIn.signIn(settings);
  if (!signedIn.ok) return signedIn;
  const opened = signIn.client(signedIn);
  const mailbox = signedIn.resolved.mailbox;
  // The mailbox must open before the connection counts: a 403 says which permission or scope is missing.
  const check = await opened.client.send(listFoldersRequest(mailbox, { top: 1, withSourceKey: false }));
  if (!check.ok) {
    opened.close();
    return { ok: false, error: mailboxError(check.failure, signedIn.context) };
  }
  const account = signedIn.account;
  const own = account !== undefined && account.toLowerCase() === mailbox.toLowerCase();
  const info: SessionInfo = {
    backend: 'graph',
    url: signedIn.resolved.graphUrl,
    signedInWith: settings.signIn === 'appOnly' ? 'Microsoft Graph (app-only, certificate)' : 'Microsoft Graph (delegated)',
    mailbox,
    ...(account !== undefined && !own ? { mailboxAccess: 'delegate' as const } : {}),
    demo: false,
    // Graph v1.0 does not open the In-Place Archive.
    hasArchive: false,
  };
  const session = new GraphMailbox(opened.client, {
    info,
    actor: own || account === undefined ? signedIn.actor : `${account} on ${mailbox}`,
    ...(account === undefined ? {} : { signedInUser: account }),
    ...(own ? {} : { otherMailbox: mailbox }),
    onClose: opened.close,
  });
  return { ok: true, session };
}
