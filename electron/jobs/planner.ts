// Planning: turns a job's target into the list of items it acts on, page by page, each page handed
// to a sink (the journal for a real run, a tally for a dry run), so no more than a page is held
// (a query: two, the one handed on and the next one being listed).
//
// Query targets are listed by key, one page ahead, in keysetListing.ts (why it is safe to act
// while listing is said there).
// The cursor and the seq below which items may be acted on travel with each plan record in the
// journal, so a resumed job continues listing where it stopped.
import type { DeleteMode, DryRunSummary, ItemRow, JobSpec, MailboxPart } from '../../shared/domain';
import type { ItemLookup, WellKnownFolder } from './backend';
import { callWithRetry } from './backoff';
import type { KeysetCursor, PlannedItem } from './journal';
import { listQueryTarget } from './keysetListing';
import { loadRecoverMap, OrphanTally, recoverDestination, sourceKeyHex, type RecoverMap, type RecoverRoute } from './recover';
import type { PlanContext } from './planContext';
import { PLANNED_FOLDER_PREFIX } from './recoverFolders';

export type { PlanContext } from './planContext';

const LOOKUP_CHUNK = 250;
/** GetItem lookups of an id list in flight at once. */
const LOOKUPS_AT_ONCE = 3;
/** How often items the server did not reach (batch stopped, busy) are looked up again. */
const LOOKUP_ROUNDS = 5;

export interface PlanPageInfo {
  /** Keyset position after this page (query targets). */
  cursor?: KeysetCursor;
  /** Items with seq below this may be acted on now (queries and id lists; others: once planning ends). */
  released?: number;
}

export type PlanSink = (page: PlannedItem[], info?: PlanPageInfo) => Promise<void>;

/** Where planning goes on after a crash: a query from its cursor, an id list from its next id. */
export interface PlanResume {
  /** Query targets only. */
  cursor?: KeysetCursor;
  /** For an id list also the index of the next id: each id gets one seq, in order. */
  nextSeq: number;
  released: number;
}

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

/**
 * Told after each planned page: items found so far and, for a query, how many the whole job
 * should come to by the server's count of the folder view (an estimate: the folder can change).
 */
export type FoundListener = (found: number, expected?: number) => void;

/** Enumerates the target, calling sink per page; returns the number of items planned. */
export async function planJob(spec: JobSpec, ctx: PlanContext, sink: PlanSink, onFound?: FoundListener, resume?: PlanResume): Promise<number> {
  const { action, target } = spec;
  const recoverMap = action.kind === 'recover' ? await loadRecoverMap(ctx, action) : undefined;
  let seq = resume?.nextSeq ?? 0;
  const emit = async (items: PlannedItem[], info?: PlanPageInfo, expected?: number): Promise<void> => {
    if (items.length === 0 && !info) return;
    // Told first: the sink may start the job running, and its first progress should count these.
    onFound?.(seq, expected);
    await sink(items, info);
  };
  const toPlanned = (row: ItemRow, folderId: string): PlannedItem => {
    const item: PlannedItem = { seq: seq++, id: row.id, subject: row.subject, folderId, size: row.size };
    if (row.received) item.received = row.received;
    if (recoverMap && withRecoverDestination(item, recoverMap, row.lastActiveParentEntryId) !== 'home') ctx.onOrphan?.(row, item.size);
    return item;
  };

  if (action.kind === 'emptyFolder') {
    const folder = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => ctx.backend.getFolder(action.folderId, signal));
    await emit([{ seq: seq++, id: folder.id, subject: folder.displayName, folderId: folder.id, size: 0 }]);
    return seq;
  }

  if (target.kind === 'ids') {
    // A few chunks are looked up at once (a round trip each) and planned in order; each is released
    // at once, so acting overlaps looking up the rest. Once the job stops (cancel), the rest is
    // planned without a lookup, so every id still ends with an outcome (not attempted).
    const lookUpChunk = (from: number): Promise<(ItemLookup | undefined)[]> => {
      if (ctx.signal.aborted) return Promise.resolve([]);
      const answer = lookUp(ctx, target.ids.slice(from, from + LOOKUP_CHUNK)).catch((error: unknown) => {
        if (ctx.signal.aborted) return [];
        throw error;
      });
      // Awaited in order below; a later chunk failing while an earlier one is awaited is not lost.
      answer.catch(() => undefined);
      return answer;
    };
    const ahead: Promise<(ItemLookup | undefined)[]>[] = [];
    let nextChunk = seq;
    const fill = (): void => {
      while (ahead.length < LOOKUPS_AT_ONCE && nextChunk < target.ids.length) {
        ahead.push(lookUpChunk(nextChunk));
        nextChunk += LOOKUP_CHUNK;
      }
    };
    for (let i = seq; i < target.ids.length; i += LOOKUP_CHUNK) {
      const ids = target.ids.slice(i, i + LOOKUP_CHUNK);
      fill();
      const found = (await ahead.shift()) ?? [];
      const page = ids.map((id, k): PlannedItem => {
        const hit = found[k];
        if (hit?.status === 'found') return toPlanned({ ...hit.row, id }, hit.parentFolderId ?? '');
        // Not resolvable now: still planned, so the action itself answers for it (a delete reports
        // it already gone, a move reports the error) and the audit log lists it, in the folder it
        // was selected in when the UI said so.
        const item: PlannedItem = { seq: seq++, id, subject: '', folderId: target.folderId ?? '', size: 0 };
        if (recoverMap) withRecoverDestination(item, recoverMap, undefined);
        return item;
      });
      // The job's size needs no estimate here: the runner knows it from the id list.
      await emit(page, { released: seq });
    }
    return seq;
  }

  await listQueryTarget(target, ctx, { nextSeq: () => seq, toPlanned, emit }, resume);
  return seq;
}

function withRecoverDestination(item: PlannedItem, map: RecoverMap, lastActive: string | undefined): RecoverRoute {
  const { dest, route } = recoverDestination(map, lastActive);
  item.dest = dest.id;
  if (route === 'fallback') item.fallback = true;
  return route;
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

/**
 * GetItem for one chunk of ids, asking again for the items the server did not reach (an earlier
 * item stopped the batch, or it was busy), so that one unreadable item does not leave the rest
 * of its chunk without subject, folder and size in the plan and the audit log.
 */
async function lookUp(ctx: PlanContext, ids: readonly string[]): Promise<(ItemLookup | undefined)[]> {
  const found: (ItemLookup | undefined)[] = new Array<ItemLookup | undefined>(ids.length);
  let pending = ids.map((_, k) => k);
  for (let round = 0; round < LOOKUP_ROUNDS && pending.length > 0 && !ctx.signal.aborted; round++) {
    const asked = pending;
    const answers = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) =>
      ctx.backend.getItems(
        asked.map((k) => ids[k] ?? ''),
        signal,
      ),
    );
    pending = [];
    let throttled = false;
    let backOffMs: number | undefined;
    asked.forEach((k, j) => {
      const hit = answers[j];
      found[k] = hit;
      if (hit?.status !== 'retry') return;
      pending.push(k);
      if (hit.throttled) {
        throttled = true;
        if (hit.backOffMs) backOffMs = Math.max(backOffMs ?? 0, hit.backOffMs);
      }
    });
    if (throttled) ctx.gate.busy(backOffMs);
  }
  return found;
}
