// Sending many per-item requests as JSON batches: at most 20 sub-requests a $batch (Graph's
// limit), packed with the sub-requests of the mailbox's other calls (packer.ts) and sent through
// its lane, each answer mapped back to its item in input order. A $batch that fails as a whole is
// handled as the EWS adapter handles a failed request: if nothing of the call has been answered
// yet, or its answer may hide work done (a lost or unreadable answer), the call fails with a
// BackendRequestError (the engine then waits, retries or verifies); if other items of the call
// were answered, their results stand and the items not sent get a per-item value saying why
// (busy: retry after the back-off; refused: error).
import { runBatch } from '../../graph/batch';
import type { GraphClient, GraphRequestSpec, GraphResult } from '../../graph/client';
import type { BackendRequestError, ItemResult } from '../../jobs/backend';
import { notSent, toRequestError } from './errors';
import type { MailboxLane } from './lane';
import { packerFor } from './packer';

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
  // No token (signed out): nothing was sent for the item and nothing more can be.
  if (e.neverSent) return { status: 'notSent', code: e.code, message: e.message };
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
 * Sends `specs` in $batches of at most 20, shared with the mailbox's other calls, and reads each
 * sub-answer with `read`. `unsent` gives the value of an item that was not sent or not carried
 * out once another item of the call was answered.
 */
export function sendAll<R>(
  target: BatchTarget,
  specs: readonly GraphRequestSpec[],
  read: (result: GraphResult, index: number) => R,
  unsent: (e: BackendRequestError) => R,
  signal: AbortSignal,
): Promise<R[]> {
  return packerFor(target.client, target.lane).send(specs, read, unsent, signal);
}
