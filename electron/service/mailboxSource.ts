// Where a job over many mailboxes opens each mailbox and the directory. Over EWS every mailbox is
// its own sign-in (impersonation, else delegate access) from the account's connection; over
// Microsoft Graph one sign-in (one token) opens every mailbox, so the Graph sign-in lends the
// service a source built on it (electron/graphSignIn/manyMailboxes.ts).
import type { MailboxAccessMode } from '../../shared/domain';
import type { BackendKind } from '../../shared/ipc';
import { backendConnector, type ConnectionParams, type DirectoryOpening, type OpenResult, type SignInEnvironment } from '../backends/port';

export interface MailboxSource {
  readonly kind: BackendKind;
  /** Opens one mailbox; `access`: this way only (a collect job needs the account's own rights). */
  open(mailbox: string, access?: MailboxAccessMode): Promise<OpenResult>;
  /** The directory, signed in as the account itself. */
  openDirectory(): Promise<DirectoryOpening>;
  /** Ends the sign-in the source holds (if any); sessions it opened are closed by their holder. */
  close(): void;
}

/** The EWS source: each mailbox a sign-in of the account's own connection (`connection` throws when not connected). */
export function ewsMailboxSource(connection: () => Omit<ConnectionParams, 'impersonate'>, environment?: SignInEnvironment): MailboxSource {
  return {
    kind: 'ews',
    open: (mailbox, access) =>
      backendConnector('ews').open({ ...connection(), impersonate: mailbox, ...(access === undefined ? {} : { access }) }, environment),
    openDirectory: () => backendConnector('ews').openDirectory({ ...connection() }, environment),
    close: () => undefined,
  };
}
