// The search of one mailbox in a job over many: which folders (all mail folders, named well-known
// folders with or without subfolders, the dumpster's Deletions) and how many items in each match
// the filter. Each folder is asked with the filter as a FindItem restriction (the backend's
// listItems), the same restriction the single-mailbox job pages with, so the preview counts exactly
// what the run will act on. Every call goes through the account's gate (busy answers wait).
import type { FolderHits, FolderInfo, FolderScope, ItemFilter, ItemPage, MailboxPart, MailboxParts } from '../../shared/domain';
import { FIND_ITEM_PAGE_LIMIT } from '../../shared/paging';
import type { JobBackend, ListItemsRequest } from './backend';
import { callWithRetry, type CallLimits, type AccountGate } from './backoff';
import { listingRequest } from './keysetListing';

/** A folder to search, in one part of one mailbox. */
export interface SearchFolder {
  part: MailboxPart;
  folderId: string;
  displayName: string;
}

export interface SearchContext {
  gate: AccountGate;
  limits: CallLimits;
  signal: AbortSignal;
}

/** The parts a search covers, in order. */
export function partsOf(parts: MailboxParts): MailboxPart[] {
  return parts === 'both' ? ['primary', 'archive'] : [parts];
}

/** Mail folders: IPF.Note and its kinds (IPF.Note.OutlookHomepage, …); folders with no class count as mail. */
export function isMailFolder(folder: Pick<FolderInfo, 'folderClass'>): boolean {
  const cls = folder.folderClass;
  return cls === undefined || cls === '' || cls === 'IPF.Note' || cls.startsWith('IPF.Note.');
}

/** The folders of one mailbox part that the scope names, each once. */
export async function foldersToSearch(
  backend: JobBackend,
  part: MailboxPart,
  scope: FolderScope,
  dumpster: boolean,
  ctx: SearchContext,
): Promise<SearchFolder[]> {
  const call = <T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> => callWithRetry(ctx.gate, ctx.limits, ctx.signal, fn);
  const out = new Map<string, SearchFolder>();
  const add = (id: string, displayName: string): void => {
    if (!out.has(id)) out.set(id, { part, folderId: id, displayName });
  };
  if (scope.kind === 'allMail') {
    for (const f of await call((signal) => backend.listFoldersWithSourceKeys(signal))) if (isMailFolder(f)) add(f.id, f.displayName);
  } else if (scope.names.length > 0) {
    const tree = scope.subfolders ? await call((signal) => backend.listFoldersWithSourceKeys(signal)) : [];
    for (const name of scope.names) {
      const top = await call((signal) => backend.getFolder(name, signal));
      add(top.id, top.displayName);
      if (scope.subfolders) for (const sub of descendants(tree, top.id)) add(sub.id, sub.displayName);
    }
  }
  if (dumpster) {
    const deletions = await call((signal) => backend.getFolder('recoverableitemsdeletions', signal));
    add(deletions.id, deletions.displayName);
  }
  return [...out.values()];
}

/** Every folder below `rootId` in a flat tree (parents before children). */
function descendants(tree: readonly FolderInfo[], rootId: string): FolderInfo[] {
  const children = new Map<string, FolderInfo[]>();
  for (const f of tree) {
    if (f.parentId === undefined) continue;
    const list = children.get(f.parentId);
    if (list) list.push(f);
    else children.set(f.parentId, [f]);
  }
  const out: FolderInfo[] = [];
  const stack = [...(children.get(rootId) ?? [])];
  while (stack.length > 0) {
    const next = stack.shift();
    if (next === undefined) break;
    out.push(next);
    stack.push(...(children.get(next.id) ?? []));
  }
  return out;
}

/**
 * One folder's hits: their number and total size, and the first `samples` subjects (newest first).
 * Every page is read (sizes are per item); a folder with no hit costs one request.
 */
export async function searchFolder(
  backend: JobBackend,
  folder: SearchFolder,
  filter: ItemFilter,
  ctx: SearchContext,
  samples: number,
): Promise<{ hits: FolderHits; subjects: string[] }> {
  const subjects: string[] = [];
  let hits = 0;
  let totalSize = 0;
  for (let offset = 0; ;) {
    const page = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) =>
      backend.listItems({ folderId: folder.folderId, filter, offset, max: FIND_ITEM_PAGE_LIMIT, order: 'receivedDesc' }, signal),
    );
    for (const row of page.rows) {
      hits++;
      totalSize += row.size;
      if (subjects.length < samples) subjects.push(row.subject);
    }
    offset += page.rows.length;
    if (page.last || page.rows.length === 0) break;
  }
  return { hits: { ...folder, hits, totalSize }, subjects };
}

/**
 * A folder's count asked as the first page of the listing a query job over it starts with
 * (keysetListing.ts): the same count as countFolder's, and rows the job can be handed
 * (multiFirstPage.ts) instead of asking again.
 */
export async function firstListingPage(
  backend: JobBackend,
  folderId: string,
  filter: ItemFilter,
  ctx: SearchContext,
): Promise<{ request: ListItemsRequest; page: ItemPage }> {
  const request = listingRequest({ folderId, filter }, { skip: 0 });
  const page = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => backend.listItems(request, signal));
  return { request, page };
}

/** How many items of a folder match the filter, from the server's count of the view (one request). */
export async function countFolder(backend: JobBackend, folderId: string, filter: ItemFilter, ctx: SearchContext): Promise<number> {
  const page = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => backend.listItems({ folderId, filter, offset: 0, max: 1 }, signal));
  return page.total;
}
