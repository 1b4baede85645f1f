// Settling transfers whose answer was lost (timeout, reset, crash after sending). Re-sending a move
// is not safe: if the first one went through, the old id is dead and the item sits in the
// destination under a new id. So we look: is the old id still there (then it was not moved: send
// again), and is there an item with the same subject, received time and size in the destination
// (then that is it: done, with its new id)? A copy always leaves the source, so only the
// destination tells. Anything we cannot decide is reported as unknown, never guessed.
import { FIND_ITEM_PAGE_LIMIT } from '../../shared/paging';
import { callWithRetry } from './backoff';
import type { PlannedItem } from './journal';
import type { PlanContext } from './planContext';

export type Verdict = { kind: 'resend' } | { kind: 'done'; newId: string } | { kind: 'unknown'; message: string };

export type VerifyContext = PlanContext;

const LOOKUP_CHUNK = 250;
const PARALLEL_SEARCHES = 4;

export async function verifyLostTransfers(
  items: readonly PlannedItem[],
  op: 'move' | 'copy',
  destOf: (item: PlannedItem) => string,
  ctx: VerifyContext,
): Promise<Verdict[]> {
  const verdicts: (Verdict | undefined)[] = new Array<Verdict | undefined>(items.length);
  const toSearch: number[] = [];

  if (op === 'move') {
    for (let i = 0; i < items.length; i += LOOKUP_CHUNK) {
      const chunk = items.slice(i, i + LOOKUP_CHUNK);
      let found;
      try {
        found = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) =>
          ctx.backend.getItems(
            chunk.map((it) => it.id),
            signal,
          ),
        );
      } catch (err) {
        const message = `response lost and the source could not be checked: ${err instanceof Error ? err.message : String(err)}`;
        chunk.forEach((_, k) => (verdicts[i + k] = { kind: 'unknown', message }));
        continue;
      }
      chunk.forEach((_, k) => {
        const hit = found[k];
        // Ids change on a move, so a live old id means the move did not happen.
        if (hit?.status === 'found') verdicts[i + k] = { kind: 'resend' };
        else if (hit?.status === 'notFound') toSearch.push(i + k);
        else verdicts[i + k] = { kind: 'unknown', message: `response lost; source lookup answered ${hit ? hit.code : 'nothing'}` };
      });
    }
  } else {
    items.forEach((_, i) => toSearch.push(i));
  }

  // Items of one batch are usually neighbours in time: one listing of the destination over their
  // received-time window settles most of them in a few requests instead of one search per item.
  const pending = await settleByWindow(items, toSearch, op, destOf, ctx, verdicts);

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const i = pending[next++];
      if (i === undefined) break;
      const item = items[i];
      if (!item) continue;
      verdicts[i] = await searchDestination(item, destOf(item), op, ctx);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_SEARCHES, pending.length) }, worker));
  return verdicts.map((v) => v ?? { kind: 'unknown', message: 'response lost; not verified' });
}

const WINDOW_MAX_ROWS = 5_000;

function fingerprint(subject: string, size: number, receivedMs: number): string {
  return `${receivedMs}\u0000${size}\u0000${subject}`;
}

/** Returns the indexes still to search one by one. */
async function settleByWindow(
  items: readonly PlannedItem[],
  indexes: readonly number[],
  op: 'move' | 'copy',
  destOf: (item: PlannedItem) => string,
  ctx: VerifyContext,
  verdicts: (Verdict | undefined)[],
): Promise<number[]> {
  const byDest = new Map<string, number[]>();
  const rest: number[] = [];
  for (const i of indexes) {
    const item = items[i];
    if (!item?.received || indexes.length < 4) {
      rest.push(i);
      continue;
    }
    const d = destOf(item);
    const list = byDest.get(d);
    if (list) list.push(i);
    else byDest.set(d, [i]);
  }
  for (const [dest, group] of byDest) {
    const times = group.map((i) => Date.parse(items[i]?.received ?? ''));
    const from = Math.min(...times);
    const to = Math.max(...times) + 1000;
    const seen = new Map<string, string[]>();
    let complete = false;
    try {
      for (let offset = 0; offset < WINDOW_MAX_ROWS;) {
        const page = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) =>
          ctx.backend.listItems(
            {
              folderId: dest,
              filter: { receivedAfter: new Date(from).toISOString(), receivedBefore: new Date(to).toISOString() },
              offset,
              max: FIND_ITEM_PAGE_LIMIT,
            },
            signal,
          ),
        );
        for (const r of page.rows) {
          if (!r.received) continue;
          const key = fingerprint(r.subject, r.size, Date.parse(r.received));
          const ids = seen.get(key);
          if (ids) ids.push(r.id);
          else seen.set(key, [r.id]);
        }
        offset += page.rows.length;
        if (page.last || page.rows.length === 0) {
          complete = true;
          break;
        }
      }
    } catch {
      // The window could not be listed: fall back to one search per item.
    }
    if (!complete) {
      rest.push(...group);
      continue;
    }
    for (const i of group) {
      const item = items[i];
      if (!item) continue;
      const ids = seen.get(fingerprint(item.subject, item.size, Date.parse(item.received ?? '')));
      const only = ids?.[0];
      if (ids && ids.length === 1 && only) verdicts[i] = { kind: 'done', newId: only };
      else if (ids && ids.length > 1)
        verdicts[i] = { kind: 'unknown', message: `response lost; ${ids.length} look-alike items in ${dest}, cannot tell which is this one` };
      else
        verdicts[i] =
          op === 'copy' ? { kind: 'resend' } : { kind: 'unknown', message: `response lost; the item is no longer in its folder and was not found in ${dest}` };
    }
  }
  return rest;
}

async function searchDestination(item: PlannedItem, dest: string, op: 'move' | 'copy', ctx: VerifyContext): Promise<Verdict> {
  if (!item.received && !item.subject) {
    return { kind: 'unknown', message: `response lost; the item has no subject or date to recognise it by in ${dest}` };
  }
  const filter: { subjectContains?: string; receivedAfter?: string; receivedBefore?: string } = {};
  if (item.subject) filter.subjectContains = item.subject;
  if (item.received) {
    const t = Date.parse(item.received);
    filter.receivedAfter = new Date(t).toISOString();
    filter.receivedBefore = new Date(t + 1000).toISOString();
  }
  let rows;
  try {
    const page = await callWithRetry(ctx.gate, ctx.limits, ctx.signal, (signal) =>
      ctx.backend.listItems({ folderId: dest, filter, offset: 0, max: 50 }, signal),
    );
    rows = page.rows;
  } catch (err) {
    return { kind: 'unknown', message: `response lost and ${dest} could not be searched: ${err instanceof Error ? err.message : String(err)}` };
  }
  const t = item.received ? Date.parse(item.received) : undefined;
  const matches = rows.filter(
    (r) => r.subject === item.subject && r.size === item.size && (t === undefined || (r.received !== undefined && Date.parse(r.received) === t)),
  );
  const only = matches[0];
  if (matches.length === 1 && only) return { kind: 'done', newId: only.id };
  if (matches.length > 1) return { kind: 'unknown', message: `response lost; ${matches.length} look-alike items in ${dest}, cannot tell which is this one` };
  return op === 'copy' ? { kind: 'resend' } : { kind: 'unknown', message: `response lost; the item is no longer in its folder and was not found in ${dest}` };
}
