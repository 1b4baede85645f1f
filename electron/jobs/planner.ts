// Planning: turns a job's target into the list of items it acts on, page by page, each page handed
// to a sink (the journal for a real run, a tally for a dry run), so no more than a page is held
// (a query: two, the one handed on and the next one being listed).
//
// One strategy per kind of target, in planTargets.ts (a query is listed by key, one page ahead, in
// keysetListing.ts, which says why it is safe to act while listing); planJob picks one.
// The cursor and the seq below which items may be acted on travel with each plan record in the
// journal, so a resumed job continues listing where it stopped.
import type { DeleteMode, DryRunSummary, JobSpec, MailboxPart } from '../../shared/domain';
import type { WellKnownFolder } from './backend';
import { callWithRetry } from './backoff';
import type { PlannedItem } from './journal';
import { loadRecoverMap, OrphanTally, sourceKeyHex } from './recover';
import type { PlanContext } from './planContext';
import { planEmptyFolder, planIdList, planQuery, PlanWriter, type FoundListener, type PlanResume, type PlanSink } from './planTargets';
import { PLANNED_FOLDER_PREFIX } from './recoverFolders';

export type { PlanContext } from './planContext';
export type { FoundListener, PlanPageInfo, PlanResume, PlanSink } from './planTargets';

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
export async function planJob(spec: JobSpec, ctx: PlanContext, sink: PlanSink, onFound?: FoundListener, resume?: PlanResume): Promise<number> {
  const { action, target } = spec;
  const recoverMap = action.kind === 'recover' ? await loadRecoverMap(ctx, action) : undefined;
  const writer = new PlanWriter(resume?.nextSeq ?? 0, ctx, sink, onFound, recoverMap);
  if (action.kind === 'emptyFolder') return planEmptyFolder(action, ctx, writer);
  if (target.kind === 'ids') return planIdList(target, ctx, writer);
  return planQuery(target, ctx, writer, resume);
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
  const orphans = spec.action.kind === 'recover' ? new OrphanTally() : undefined;
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
    // A dry run never creates folders (no journal to make them with): new ones get stand-in ids.
    const { orphanFolders: _none, ...dryCtx } = ctx;
    void _none;
    await planJob(
      spec,
      { ...dryCtx, ...(orphans ? { onOrphan: (row, size) => orphans.add(row.lastActiveParentEntryId, size, row.lastModified, row.received) } : {}) },
      async (page) => {
        for (const item of page) add(destinationOf(spec, item) ?? '', item.size, item.fallback === true);
      },
    );
  }

  const byDestination: DryRunSummary['byDestination'] = [];
  for (const g of groups.values()) {
    if (g.folderId.startsWith(PLANNED_FOLDER_PREFIX)) {
      byDestination.push({ ...g, folderId: '', newFolder: true, displayName: plannedFolderName(spec, g.folderId.slice(PLANNED_FOLDER_PREFIX.length)) });
    } else {
      byDestination.push({ ...g, displayName: await folderLabel(g.folderId, ctx, part) });
    }
  }
  byDestination.sort((a, b) => b.itemCount - a.itemCount);
  const summary: DryRunSummary = { action: spec.action.kind, itemCount, totalSize, byDestination };
  if (orphans) summary.orphanGroups = orphans.result();
  return summary;
}

/** The admin's name for the new folder of the orphans with this source key (hex). */
function plannedFolderName(spec: JobSpec, key: string): string {
  const names = spec.action.kind === 'recover' && spec.action.orphans?.kind === 'newFolders' ? spec.action.orphans.names : [];
  return names.find((n) => sourceKeyHex(n.lastActiveParentEntryId) === key)?.displayName.trim() ?? key;
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
