// Sending many per-item requests as JSON batches: at most 20 sub-requests a $batch (Graph's
// limit), one $batch after another through the mailbox's lane, each answer mapped back to its
// item in input order. A $batch that fails as a whole is handled as the EWS adapter handles a
// failed request: if nothing of the call has been answered yet, or its answer may hide work done
// (a lost or unreadable answer), the call fails with a BackendRequestError (the engine then waits,
// retries or verifies); if earlier $batches were answered, their results stand and the items not
// sent get a per-item value saying why (busy: retry after the back-off; refused: error).
import { MAX_BATCH_REQUESTS, runBatch } from '../../graph/batch';
import type { GraphClient, GraphRequestSpec, GraphResult } from '../../graph/client';
import type { BackendRequestError, ItemResult } from '../../jobs/backend';
import { notSent, toRequestError } from './errors';
import type { MailboxLane } from './lane';

export interface BatchTarget {
  client: GraphClient;
  lane: MailboxLane;
}

/** The per-item value for an item whose $batch was refused as a whole (never sent, or not carried out). */
export function unsentResult(e: BackendRequestError): Exclude<ItemResult, { status: 'ok' }> {
  if (e.kind === 'busy') {
    return e.backOffMs !== undefined
      ? { status: 'retry', code: e.code, message: e.message, throttled: true, backOffMs: e.backOffMs }
      : { status: 'retry', code: e.code, message: e.message, throttled: true };
  }
  if (e.kind === 'transient') return { status: 'retry', code: e.code, message: e.message, throttled: false };
  return { status: 'error', code: e.code, message: e.message, retryable: false };
}

/** One $batch through the lane; a cancel while waiting for a slot is "not sent". */
export async function sendBatch(target: BatchTarget, specs: readonly GraphRequestSpec[], signal: AbortSignal): Promise<GraphResult[]> {
  let answer: Awaited<ReturnType<typeof runBatch>>;
  try {
    answer = await target.lane.run(target.lane.slotsFor(specs.length), signal, () => runBatch(target.client, specs, { signal }));
  } catch (err) {
    throw notSent(err);
  }
  if (!answer.ok) throw toRequestError(answer.failure);
  return answer.results;
}

/**
 * Sends `specs` in $batches of at most 20 and reads each sub-answer with `read`. `unsent` gives
 * the value of an item that was not sent or not carried out once an earlier $batch was answered.
 */
export async function sendAll<R>(
  target: BatchTarget,
  specs: readonly GraphRequestSpec[],
  read: (result: GraphResult, index: number) => R,
  unsent: (e: BackendRequestError) => R,
  signal: AbortSignal,
): Promise<R[]> {
  const out: R[] = [];
  for (let at = 0; at < specs.length; at += MAX_BATCH_REQUESTS) {
    const chunk = specs.slice(at, at + MAX_BATCH_REQUESTS);
    let results: GraphResult[];
    try {
      if (at > 0 && signal.aborted) throw notSent(signal.reason);
      results = await sendBatch(target, chunk, signal);
    } catch (err) {
      const e = err as BackendRequestError;
      if (at === 0 || e.mayHaveExecuted) throw e;
      const value = unsent(e);
      while (out.length < specs.length) out.push(value);
      return out;
    }
    results.forEach((r, i) => out.push(read(r, at + i)));
  }
  return out;
}
