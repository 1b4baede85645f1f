// Where the action of a job over many mailboxes puts items, per mailbox part, as a folder id: the
// move destination or recover fallback (a well-known folder of the mailbox itself), or for a
// collect job the source's subfolder of the collection folder in the collection mailbox, which is
// opened once per run with the account's own rights (multiCollect.ts says why) and released at the end.
import type { MailboxPart, MultiJobAction } from '../../shared/domain';
import type { JobBackend } from './backend';
import { callWithRetry, type AccountGate } from './backoff';
import { CollectionFolders } from './multiCollect';
import { gateFor, withBudgetKey, type BudgetOwner, type MailboxOpener } from './multiPorts';
import type { SearchContext } from './multiSearch';

export class ActionDestinations {
  private collection: Promise<CollectionFolders> | undefined;
  private opened: string | undefined;

  constructor(
    private readonly action: MultiJobAction,
    private readonly opts: { opener: MailboxOpener; budgetOwner: BudgetOwner; gates: Map<string, AccountGate>; engine: Parameters<typeof gateFor>[2] },
  ) {}

  /** How a source mailbox is opened: a collect job copies with the account's own FullAccess. */
  get access(): { access: 'delegate' } | undefined {
    return this.action.kind === 'collect' ? { access: 'delegate' } : undefined;
  }

  /** The collection mailbox is not searched: its collection folder would match the filter. */
  isCollectionMailbox(smtp: string): boolean {
    return this.action.kind === 'collect' && this.action.mailbox.toLowerCase() === smtp.toLowerCase();
  }

  /**
   * The action's folder in this mailbox part, as an id (none for a delete). Looked up through the
   * account's gate with its retries, as the search's calls are: a busy answer here is the same
   * budget talking, and must wait rather than fail the mailbox.
   */
  async in(backend: JobBackend, smtp: string, part: MailboxPart, ctx: SearchContext): Promise<string | undefined> {
    const action = this.action;
    const folderId = async (name: string): Promise<string> =>
      (await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => backend.getFolder(name, signal))).id;
    switch (action.kind) {
      case 'delete':
        return undefined;
      case 'move':
        return folderId(action.toFolder);
      case 'recover':
        return folderId(action.fallbackFolder);
      case 'collect':
        return (await this.collectionFolders(action.mailbox, action.folder, ctx)).subfolderFor(smtp, part);
    }
  }

  /** Closes the collection mailbox, if it was opened. */
  release(): void {
    if (this.opened !== undefined) this.opts.opener.release?.(this.opened);
    this.opened = undefined;
  }

  private collectionFolders(mailbox: string, folder: string, ctx: SearchContext): Promise<CollectionFolders> {
    this.collection ??= (async () => {
      // Collections go to the primary mailbox only.
      const opened = await this.opts.opener.open(mailbox, { access: 'delegate', primaryOnly: true });
      if (!opened.ok) throw new Error(`the collection mailbox ${mailbox} could not be opened: ${opened.reason}`);
      this.opened = mailbox;
      const backend = withBudgetKey(opened.backendFor('primary'), mailbox, this.opts.budgetOwner);
      return new CollectionFolders(backend, folder, { ...ctx, gate: gateFor(this.opts.gates, backend, this.opts.engine) });
    })();
    return this.collection;
  }
}
