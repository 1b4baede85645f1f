// A job that ends early (cancel, fatal error) gives every item still without an outcome one: not
// attempted, or unknown when an earlier answer for it was lost. Never "lost track".
import type { OutcomeRecord } from './journal';
import { decideLeftover, outcomeRecord } from './outcomePolicy';
import type { WorkItem } from './workQueue';

/** The batch number of outcomes for items never sent. */
export const NOT_SENT_BATCH = 0;
/** Leftover outcomes are journalled this many a record. */
const LEFTOVER_CHUNK = 1000;

/**
 * Settles `held` (taken from the work queue) and then `unreached` (the plan the reader never
 * reached), journalling their outcomes through `record` in chunks.
 */
export async function settleLeftovers(
  held: readonly WorkItem[],
  unreached: AsyncIterable<WorkItem>,
  why: { fatalError: string | undefined; at: string },
  record: (b: number, out: OutcomeRecord[]) => Promise<void>,
): Promise<void> {
  const reason = why.fatalError ? `not sent: the job stopped (${why.fatalError})` : 'cancelled before it was sent';
  let out: OutcomeRecord[] = [];
  const flush = async (force: boolean): Promise<void> => {
    if (out.length === 0 || (!force && out.length < LEFTOVER_CHUNK)) return;
    const chunk = out;
    out = [];
    await record(NOT_SENT_BATCH, chunk);
  };
  const leftover = async (w: WorkItem): Promise<void> => {
    const d = decideLeftover(w, reason, why.at);
    if (d.next === 'settle') out.push(outcomeRecord(w.item, d.kind, '', d.fields));
    await flush(false);
  };
  for (const w of held) await leftover(w);
  for await (const w of unreached) await leftover(w);
  await flush(true);
}
