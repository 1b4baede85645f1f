// The plan of one mailbox in a job over many (multiRun.ts records it in the manifest before the
// mailbox's first job starts): in each part searched, the folders with hits and how many, and the
// action's folder there. The first folder with hits becomes the mailbox's first job; it is counted
// with its listing's first page, which is held for that job (multiFirstPage.ts).
import type { MailboxPart, MultiMailboxSearchSpec } from '../../shared/domain';
import type { JobBackend } from './backend';
import type { ActionDestinations } from './multiDestinations';
import type { FirstPageHolder } from './multiFirstPage';
import type { PlannedFolder } from './multiManifest';
import { countFolder, firstListingPage, foldersToSearch, type SearchContext } from './multiSearch';

/** One part of the mailbox to plan, opened, in search order. */
export interface PlanPart {
  part: MailboxPart;
  backend: JobBackend;
  firstPage: FirstPageHolder;
  ctx: SearchContext;
}

export async function planMailbox(
  smtp: string,
  search: Pick<MultiMailboxSearchSpec, 'folders' | 'dumpster' | 'filter'>,
  parts: readonly PlanPart[],
  destinations: Pick<ActionDestinations, 'in'>,
): Promise<PlannedFolder[]> {
  const planned: PlannedFolder[] = [];
  for (const { part, backend, firstPage, ctx } of parts) {
    const destinationId = await destinations.in(backend, smtp, part, ctx);
    for (const folder of await foldersToSearch(backend, part, search.folders, search.dumpster, ctx)) {
      // Moving items into the folder they are in does nothing: the destination is not searched.
      if (folder.folderId === destinationId) continue;
      // Until a folder has hits each is counted with its listing's first page (the same one
      // request a count is); later folders' jobs start after the first job, so a count suffices.
      let hits: number;
      if (planned.length === 0) {
        const first = await firstListingPage(backend, folder.folderId, search.filter, ctx);
        hits = first.page.total;
        if (hits > 0) firstPage.hold(first.request, first.page);
      } else hits = await countFolder(backend, folder.folderId, search.filter, ctx);
      if (hits > 0) planned.push({ ...folder, hits, ...(destinationId === undefined ? {} : { destinationId }) });
    }
  }
  return planned;
}
