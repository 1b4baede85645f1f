// Runs the inputs of a batch one by one the way Exchange does: each input is charged to the
// throttle budget first, may get an injected error, then is processed; after a batch-stopping
// error every later input gets Warning/ErrorBatchProcessingStopped. One outcome per input, in order.
import type { RequestContext } from './context';
import { BATCH_STOPPING_CODES, itemError } from './errors';
import type { MessageOutcome } from './xml-write';

export interface BatchOptions {
  /** Apply the injected per-item errors (item operations only). */
  injectItemErrors: boolean;
}

export async function runBatch<T>(
  ctx: RequestContext,
  inputs: readonly T[],
  process: (input: T) => MessageOutcome | Promise<MessageOutcome>,
  options: BatchOptions,
): Promise<MessageOutcome[]> {
  const outcomes: MessageOutcome[] = [];
  let stopped = false;
  for (const input of inputs) {
    if (stopped) {
      outcomes.push({ ok: false, error: itemError('ErrorBatchProcessingStopped'), warning: true });
      continue;
    }
    const charge = await ctx.budget.chargeItem();
    if (!charge.ok) {
      outcomes.push({ ok: false, error: itemError('ErrorServerBusy', undefined, [['BackOffMilliseconds', String(charge.backOffMs)]]) });
      continue;
    }
    const injected = options.injectItemErrors ? ctx.sim.faults.drawItemError() : undefined;
    let outcome: MessageOutcome;
    if (injected === 'ErrorServerBusy') {
      // The documented HTTP 200 form of throttling: ErrorInternalServerError wrapping ErrorServerBusy.
      outcome = {
        ok: false,
        error: itemError('ErrorInternalServerError', undefined, [
          ['InnerErrorMessageText', 'The server cannot service this request right now. Try again later.'],
          ['InnerErrorResponseCode', 'ErrorServerBusy'],
          ['InnerErrorDescriptiveLinkKey', '0'],
        ]),
      };
    } else if (injected) {
      outcome = { ok: false, error: itemError(injected) };
    } else {
      outcome = await process(input);
    }
    if (!outcome.ok && BATCH_STOPPING_CODES.has(outcome.error.code)) stopped = true;
    outcomes.push(outcome);
  }
  return outcomes;
}
