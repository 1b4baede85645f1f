// The three ways a job's target becomes planned items (planner.ts picks one): an emptied folder is
// one item; an id list is looked up a few chunks at a time, each chunk released at once; a query
// is listed by key, one page ahead (keysetListing.ts). Each hands its pages to a PlanWriter, which
// numbers the items and passes the pages on to the sink.
import type { ItemRow, JobAction, JobTarget } from '../../shared/domain';
import { BackendRequestError, type ItemLookup } from './backend';
import { callWithRetry } from './backoff';
import type { KeysetCursor, PlannedItem } from './journal';
import { listQueryTarget, type QueryTarget } from './keysetListing';
import type { PlanContext } from './planContext';
import { recoverDestination, type RecoverMap, type RecoverRoute } from './recover';

/** GetItem lookups of ids: this many a request. */
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

/**
 * Told after each planned page: items found so far and, for a query, how many the whole job
 * should come to by the server's count of the folder view (an estimate: the folder can change).
 */
export type FoundListener = (found: number, expected?: number) => void;

/** Where planning goes on after a crash: a query from its cursor, an id list from its next id. */
export interface PlanResume {
  /** Query targets only. */
  cursor?: KeysetCursor;
  /** For an id list also the index of the next id: each id gets one seq, in order. */
  nextSeq: number;
  released: number;
}

/** Numbers planned items (each gets the next seq) and hands pages on. */
export class PlanWriter {
  constructor(
    private seq: number,
    private readonly ctx: PlanContext,
    private readonly sink: PlanSink,
    private readonly onFound: FoundListener | undefined,
    /** Recover: where each item goes home (or its fallback). */
    private readonly recoverMap: RecoverMap | undefined,
  ) {}

  /** The seq the next planned item gets (= items planned so far). */
  nextSeq(): number {
    return this.seq;
  }

  async emit(items: PlannedItem[], info?: PlanPageInfo, expected?: number): Promise<void> {
    if (items.length === 0 && !info) return;
    // Told first: the sink may start the job running, and its first progress should count these.
    this.onFound?.(this.seq, expected);
    await this.sink(items, info);
  }

  /** A listed or looked-up row. */
  toPlanned(row: ItemRow, folderId: string): PlannedItem {
    const item: PlannedItem = { seq: this.seq++, id: row.id, subject: row.subject, folderId, size: row.size };
    if (row.received) item.received = row.received;
    if (this.recoverMap && withRecoverDestination(item, this.recoverMap, row.lastActiveParentEntryId) !== 'home') this.ctx.onOrphan?.(row, item.size);
    return item;
  }

  /** An id that does not resolve now: planned with what is known of it. */
  unresolved(id: string, folderId: string): PlannedItem {
    const item: PlannedItem = { seq: this.seq++, id, subject: '', folderId, size: 0 };
    if (this.recoverMap) withRecoverDestination(item, this.recoverMap, undefined);
    return item;
  }

  /** The folder itself (emptyFolder). */
  folder(id: string, displayName: string): PlannedItem {
    return { seq: this.seq++, id, subject: displayName, folderId: id, size: 0 };
  }
}

function withRecoverDestination(item: PlannedItem, map: RecoverMap, lastActive: string | undefined): RecoverRoute {
  const { dest, route } = recoverDestination(map, lastActive);
  item.dest = dest.id;
  if (route === 'fallback') item.fallback = true;
  return route;
}

/** Emptying a folder is one item: the folder. */
export async function planEmptyFolder(action: Extract<JobAction, { kind: 'emptyFolder' }>, ctx: PlanContext, w: PlanWriter): Promise<number> {
  const folder = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) => ctx.backend.getFolder(action.folderId, signal));
  await w.emit([w.folder(folder.id, folder.displayName)]);
  return w.nextSeq();
}

/**
 * An id list: a few chunks are looked up at once (a round trip each) and planned in order; each is
 * released at once, so acting overlaps looking up the rest. Once the job stops (cancel), or a
 * lookup cannot be sent (signed out; planning then fails with that reason), the rest is planned
 * without a lookup, so every id still ends with an outcome (not attempted).
 */
export async function planIdList(target: Extract<JobTarget, { kind: 'ids' }>, ctx: PlanContext, w: PlanWriter): Promise<number> {
  /** A lookup that could not be sent (signed out): nothing more can be, so planning ends failed with it. */
  let unsendable: BackendRequestError | undefined;
  const lookUpChunk = (from: number): Promise<(ItemLookup | undefined)[]> => {
    if (ctx.signal.aborted || unsendable) return Promise.resolve([]);
    const answer = lookUp(ctx, target.ids.slice(from, from + LOOKUP_CHUNK)).catch((error: unknown) => {
      if (ctx.signal.aborted) return [];
      // As after a cancel, the rest is planned without a lookup, so each id ends not attempted.
      if (error instanceof BackendRequestError && error.kind === 'fatal' && error.neverSent) {
        unsendable ??= error;
        return [];
      }
      throw error;
    });
    // Awaited in order below; a later chunk failing while an earlier one is awaited is not lost.
    answer.catch(() => undefined);
    return answer;
  };
  const ahead: Promise<(ItemLookup | undefined)[]>[] = [];
  const start = w.nextSeq();
  let nextChunk = start;
  const fill = (): void => {
    while (ahead.length < LOOKUPS_AT_ONCE && nextChunk < target.ids.length) {
      ahead.push(lookUpChunk(nextChunk));
      nextChunk += LOOKUP_CHUNK;
    }
  };
  for (let i = start; i < target.ids.length; i += LOOKUP_CHUNK) {
    const ids = target.ids.slice(i, i + LOOKUP_CHUNK);
    fill();
    const found = (await ahead.shift()) ?? [];
    const page = ids.map((id, k): PlannedItem => {
      const hit = found[k];
      if (hit?.status === 'found') return w.toPlanned({ ...hit.row, id }, hit.parentFolderId ?? '');
      // Not resolvable now: still planned, so the action itself answers for it (a delete reports
      // it already gone, a move reports the error) and the audit log lists it, in the folder it
      // was selected in when the UI said so.
      return w.unresolved(id, target.folderId ?? '');
    });
    // The job's size needs no estimate here: the runner knows it from the id list.
    await w.emit(page, { released: w.nextSeq() });
  }
  if (unsendable) throw unsendable;
  return w.nextSeq();
}

/** A query: listed by key, one page ahead (keysetListing.ts says why that is safe). */
export async function planQuery(target: QueryTarget, ctx: PlanContext, w: PlanWriter, resume?: PlanResume): Promise<number> {
  await listQueryTarget(target, ctx, w, resume);
  return w.nextSeq();
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
