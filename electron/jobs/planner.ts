// Planning: turns a job's target into the list of items it acts on, page by page, each page handed
// to a sink (the journal for a real run, a tally for a dry run), so no more than a page is held.
//
// Query targets are enumerated completely before the first item is acted on. Deleting or moving
// from the folder being paged would shift offsets (items after the removed ones slide forward,
// so offset paging would skip them); snapshotting the ids into the journal first makes our own
// actions invisible to the enumeration, and the journal already has to hold every item for the
// audit log and for resume. Execution then streams the snapshot back from disk.
import type { DeleteMode, DryRunSummary, ItemPage, ItemRow, JobSpec, MailboxPart } from '../../shared/domain';
import type { JobBackend, WellKnownFolder } from './backend';
import { callWithRetry, type CallLimits, type MailboxGate } from './backoff';
import type { PlannedItem } from './journal';
import { loadRecoverMap, recoverDestination, type RecoverMap } from './recover';

export interface PlanContext {
  backend: JobBackend;
  gate: MailboxGate;
  limits: CallLimits;
  signal: AbortSignal;
}

export const LIST_PAGE_SIZE = 1000;
const LOOKUP_CHUNK = 250;
const PARALLEL_PAGES = 4;

export type PlanSink = (page: PlannedItem[]) => Promise<void>;

/** Where a delete of the given strength puts items (named for reports and dry runs). */
export function deleteDestination(mode: DeleteMode): WellKnownFolder {
  switch (mode) {
    case 'MoveToDeletedItems':
      return 'deleteditems';
    case 'SoftDelete':
      return 'recoverableitemsdeletions';
    case 'HardDelete':
      return 'recoverableitemspurges';
  }
}

const wellKnownLabels: Record<WellKnownFolder, string> = {
  msgfolderroot: 'Top of Information Store',
  deleteditems: 'Deleted Items',
  recoverableitemsdeletions: 'Recoverable Items/Deletions',
  recoverableitemspurges: 'Recoverable Items/Purges (or purged)',
};

/** Enumerates the target, calling sink per page; returns the number of items planned. */
export async function planJob(spec: JobSpec, ctx: PlanContext, sink: PlanSink, onFound?: (found: number) => void): Promise<number> {
  const { action, target } = spec;
  const recoverMap = action.kind === 'recover' ? await loadRecoverMap(ctx, action.fallbackFolderId) : undefined;
  let seq = 0;
  const emit = async (items: PlannedItem[]): Promise<void> => {
    if (items.length === 0) return;
    await sink(items);
    onFound?.(seq);
  };
  const toPlanned = (row: ItemRow, folderId: string): PlannedItem => {
    const item: PlannedItem = { seq: seq++, id: row.id, subject: row.subject, folderId, size: row.size };
    if (row.received) item.received = row.received;
    if (recoverMap) withRecoverDestination(item, recoverMap, row.lastActiveParentEntryId);
    return item;
  };

  if (action.kind === 'emptyFolder') {
    const folder = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => ctx.backend.getFolder(action.folderId, signal));
    await emit([{ seq: seq++, id: folder.id, subject: folder.displayName, folderId: folder.id, size: 0 }]);
    return seq;
  }

  if (target.kind === 'ids') {
    for (let i = 0; i < target.ids.length && !ctx.signal.aborted; i += LOOKUP_CHUNK) {
      const ids = target.ids.slice(i, i + LOOKUP_CHUNK);
      const found = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => ctx.backend.getItems(ids, signal));
      const page = ids.map((id, k): PlannedItem => {
        const hit = found[k];
        if (hit?.status === 'found') return toPlanned({ ...hit.row, id }, hit.parentFolderId ?? '');
        // Not resolvable now: still planned, so the action itself answers for it (a delete reports
        // it already gone, a move reports the error) and the audit log lists it.
        const item: PlannedItem = { seq: seq++, id, subject: '', folderId: '', size: 0 };
        if (recoverMap) withRecoverDestination(item, recoverMap, undefined);
        return item;
      });
      await emit(page);
    }
    return seq;
  }

  const excluded = new Set(target.excludeIds ?? []);
  const fetch = (offset: number): Promise<ItemPage> =>
    callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) =>
      ctx.backend.listItems({ folderId: target.folderId, filter: target.filter, offset, max: LIST_PAGE_SIZE }, signal),
    );
  // Nothing changes the folder while planning, so once the first page tells the total, the next
  // few pages are fetched side by side; they are still written in order.
  let offset = 0;
  // Unknown until the first page answers: the first round fetches one page only.
  let total = 0;
  for (let done = false; !done && !ctx.signal.aborted; ) {
    const offsets = [offset];
    while (offsets.length < PARALLEL_PAGES && offset + offsets.length * LIST_PAGE_SIZE < total) offsets.push(offset + offsets.length * LIST_PAGE_SIZE);
    const pages = await Promise.all(offsets.map(fetch));
    for (const page of pages) {
      await emit(page.rows.filter((r) => !excluded.has(r.id)).map((r) => toPlanned(r, target.folderId)));
      offset += page.rows.length;
      total = page.total;
      if (page.last || page.rows.length === 0) {
        done = true;
        break;
      }
      // A short page (a server with a smaller cap) makes the pages fetched after it misaligned: refetch from here.
      if (page.rows.length < LIST_PAGE_SIZE) break;
    }
  }
  return seq;
}

function withRecoverDestination(item: PlannedItem, map: RecoverMap, lastActive: string | undefined): void {
  const { dest, fallback } = recoverDestination(map, lastActive);
  item.dest = dest.id;
  if (fallback) item.fallback = true;
}

/** The folder an item of this job ends up in (undefined: none, e.g. emptyFolder). */
export function destinationOf(spec: JobSpec, item: PlannedItem): string | undefined {
  switch (spec.action.kind) {
    case 'move':
    case 'copy':
      return spec.action.toFolderId;
    case 'recover':
      return item.dest;
    case 'delete':
      return deleteDestination(spec.action.mode);
    case 'emptyFolder':
      return undefined;
  }
}

/** Same planning as a run, nothing changed: counts and sizes per destination folder. */
export async function dryRunJob(spec: JobSpec, ctx: PlanContext, part: MailboxPart): Promise<DryRunSummary> {
  const groups = new Map<string, { folderId: string; itemCount: number; totalSize: number; fallback?: boolean }>();
  let itemCount = 0;
  let totalSize = 0;
  const add = (folderId: string, size: number, fallback: boolean): void => {
    const key = `${folderId}\u0000${fallback ? 1 : 0}`;
    const g = groups.get(key) ?? { folderId, itemCount: 0, totalSize: 0, ...(fallback ? { fallback: true } : {}) };
    g.itemCount += 1;
    g.totalSize += size;
    groups.set(key, g);
    itemCount += 1;
    totalSize += size;
  };

  if (spec.action.kind === 'emptyFolder') {
    // Count what emptying would remove: the folder's items, and its subfolders' when those go too.
    const { folderId, mode, deleteSubFolders } = spec.action;
    const folders = [folderId];
    if (deleteSubFolders) {
      const tree = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => ctx.backend.listFoldersWithSourceKeys(signal));
      for (let i = 0; i < folders.length; i++) {
        for (const f of tree) if (f.parentId === folders[i]) folders.push(f.id);
      }
    }
    const dest = deleteDestination(mode);
    for (const f of folders) {
      const sub: JobSpec = { mailbox: spec.mailbox, action: { kind: 'delete', mode }, target: { kind: 'query', folderId: f, filter: {} } };
      await planJob(sub, ctx, async (page) => {
        for (const item of page) add(dest, item.size, false);
      });
    }
  } else {
    await planJob(spec, ctx, async (page) => {
      for (const item of page) add(destinationOf(spec, item) ?? '', item.size, item.fallback === true);
    });
  }

  const byDestination: DryRunSummary['byDestination'] = [];
  for (const g of groups.values()) {
    byDestination.push({ ...g, displayName: await folderLabel(g.folderId, ctx, part) });
  }
  byDestination.sort((a, b) => b.itemCount - a.itemCount);
  return { action: spec.action.kind, itemCount, totalSize, byDestination };
}

async function folderLabel(folderId: string, ctx: PlanContext, part: MailboxPart): Promise<string> {
  const label = (wellKnownLabels as Record<string, string | undefined>)[folderId];
  if (label) return part === 'archive' ? `Archive: ${label}` : label;
  try {
    const f = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => ctx.backend.getFolder(folderId, signal));
    return f.displayName;
  } catch {
    // A destination we cannot name (e.g. gone): the id still identifies it in the summary.
    return folderId;
  }
}
