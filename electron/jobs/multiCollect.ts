// Evidence collection over many mailboxes (MultiJobAction 'collect'): every hit is copied into one
// folder of one other mailbox, with one subfolder per source mailbox part. The copy is one EWS
// CopyItem per batch, from the source mailbox straight into the collection folder: Exchange copies
// between mailboxes (CopyItem's reference: a copy to another mailbox answers Success without the
// new ids, EWS-FACTS §MoveItem/CopyItem), provided the identity that sends it may open both. Under
// impersonation that identity is the source mailbox's owner, who has no rights to the collection
// mailbox, so a collect job opens every mailbox with the account's own FullAccess (delegate access).
// A copy whose answer was lost is looked for in the collection folder by the engine (verify.ts)
// before it is sent again, as for any copy.
import type { MailboxPart } from '../../shared/domain';
import type { JobBackend } from './backend';
import { callWithRetry } from './backoff';
import type { SearchContext } from './multiSearch';

/** The subfolder of the collection folder that receives one source mailbox part's copies. */
export function collectSubfolderName(smtp: string, part: MailboxPart): string {
  return part === 'primary' ? smtp.toLowerCase() : `${smtp.toLowerCase()} (archive)`;
}

/**
 * The id of the folder `name` under `parent` (an id or a well-known name), made if missing. A
 * folder of that name already there (names are unique per parent, without case) is used: a
 * resumed or retried job, or a second case collected into the same folder, finds it again, and a
 * create whose answer was lost and was sent again finds the folder it made.
 */
export async function ensureFolder(backend: JobBackend, parent: string, name: string, ctx: SearchContext): Promise<string> {
  const call = <T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> => callWithRetry(ctx.gate, ctx.limits, ctx.signal, fn);
  const made = await call((signal) => backend.createFolder(parent, name, signal));
  if (made.status === 'created') return made.id;
  const parentId = (await call((signal) => backend.getFolder(parent, signal))).id;
  const wanted = name.toLowerCase();
  const found = (await call((signal) => backend.listFoldersWithSourceKeys(signal))).find(
    (f) => f.parentId === parentId && f.displayName.toLowerCase() === wanted,
  );
  if (found === undefined) throw new Error(`Exchange says a folder "${name}" exists, but it is not in the folder tree.`);
  return found.id;
}

/** The collection folder of one job: made once (at the mailbox's top of information store), one subfolder per source. */
export class CollectionFolders {
  private root: Promise<string> | undefined;

  constructor(
    private readonly backend: JobBackend,
    private readonly folderName: string,
    private readonly ctx: SearchContext,
  ) {}

  async subfolderFor(smtp: string, part: MailboxPart): Promise<string> {
    // Every mailbox of the job asks at once: the collection folder is made once; a failure is tried again by the next mailbox.
    this.root ??= ensureFolder(this.backend, 'msgfolderroot', this.folderName, this.ctx).catch((error: unknown) => {
      this.root = undefined;
      throw error;
    });
    return ensureFolder(this.backend, await this.root, collectSubfolderName(smtp, part), this.ctx);
  }
}
