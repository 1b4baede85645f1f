// Where a job over many mailboxes opens each mailbox and the directory. Over EWS every mailbox is
// its own sign-in (impersonation, else delegate access) from the account's connection; over
// Microsoft Graph one sign-in (one token) opens every mailbox, made by the registered Graph
// connector (the app's screen) or lent by the command line.
import type { GraphConnectionSettings } from '../../shared/ipc';
import type { AllowDirectoryResult, DirectoryAccess } from '../../shared/multiIpc';
import {
  backendConnector,
  type ConnectionParams,
  type DirectoryOpening,
  type MailboxesOpening,
  type MailboxSource,
  type OpenResult,
  type SignInEnvironment,
} from '../backends/port';

export type { MailboxSource } from '../backends/port';

/** The EWS source: each mailbox a sign-in of the account's own connection (`connection` throws when not connected). */
export function ewsMailboxSource(connection: () => Omit<ConnectionParams, 'impersonate'>, environment?: SignInEnvironment): MailboxSource {
  return {
    kind: 'ews',
    open: (mailbox, access, options) =>
      backendConnector('ews').open(
        { ...connection(), impersonate: mailbox, ...(access === undefined ? {} : { access }), ...(options?.primaryOnly === true ? { primaryOnly: true } : {}) },
        environment,
      ),
    openDirectory: () => backendConnector('ews').openDirectory({ ...connection() }, environment),
    close: () => undefined,
  };
}

/** App-only: the directory's permissions are the app's, which only an administrator grants. */
const DIRECTORY_BY_ADMIN =
  'This app-only connection reads the directory with the application permissions User.Read.All and GroupMember.Read.All, which an administrator grants to the app (Entra ID → App registrations → API permissions → "Grant admin consent").';

/**
 * The Graph source of a Graph connection, through the registered connector. It signs in when a
 * mailbox or the directory is first needed (the service is made before anything is asked of it);
 * a refused sign-in is every mailbox's answer and is tried again on the next need, so a sign-in
 * made meanwhile is picked up.
 */
export function graphMailboxSource(settings: GraphConnectionSettings): MailboxSource {
  let opening: Promise<MailboxesOpening> | undefined;
  let closed = false;
  const ready = (): Promise<MailboxesOpening> => {
    if (closed) return Promise.resolve({ ok: false, error: { kind: 'invalid', message: 'This sign-in was closed.' } });
    // In a promise, so that no Graph backend registered (it throws) is answered like a refusal.
    const current = (opening ??= Promise.resolve()
      .then(() => backendConnector('graph').openMailboxes(settings))
      .catch((error: unknown) => ({
        ok: false as const,
        error: { kind: 'unavailable' as const, message: error instanceof Error ? error.message : String(error) },
      })));
    void current.then((opened) => {
      if (!opened.ok && opening === current) opening = undefined;
    });
    return current;
  };
  return {
    kind: 'graph',
    open: async (mailbox, access): Promise<OpenResult> => {
      const opened = await ready();
      return opened.ok ? opened.source.open(mailbox, access) : opened;
    },
    openDirectory: async (): Promise<DirectoryOpening> => {
      const opened = await ready();
      return opened.ok ? opened.source.openDirectory() : { ok: false, reason: opened.error.message };
    },
    directoryAccess: async (): Promise<DirectoryAccess> => {
      const opened = await ready();
      if (!opened.ok) return { state: 'unavailable', message: opened.error.message };
      return opened.source.directoryAccess?.() ?? { state: 'notOffered', message: DIRECTORY_BY_ADMIN };
    },
    allowDirectory: async (): Promise<AllowDirectoryResult> => {
      const opened = await ready();
      if (!opened.ok) return { ok: false, cancelled: false, message: opened.error.message };
      return opened.source.allowDirectory?.() ?? { ok: false, cancelled: false, message: DIRECTORY_BY_ADMIN };
    },
    close: () => {
      closed = true;
      void opening?.then((opened) => {
        if (opened.ok) opened.source.close();
      });
      opening = undefined;
    },
  };
}
