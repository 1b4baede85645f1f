// Runs the inputs of a batch one by one the way Exchange does: each input is charged to the
// throttle budget first, may get an injected error, then is processed; after a batch-stopping
// error every later input gets Warning/ErrorBatchProcessingStopped. One outcome per input, in order.
// Throttling inside a batch only ever answers in a documented form (ews-throttling-in-exchange.md
// Table 4): never a bare per-item ErrorServerBusy.
import type { RequestContext } from './context';
import { BATCH_STOPPING_CODES, itemError, SoapFault, type ItemError } from './errors';
import type { MessageOutcome } from './xmlWrite';

export interface BatchOptions {
  /** Apply the injected per-item errors (item operations only). */
  injectItemErrors: boolean;
  /** Charge one item per input before processing it (false: the handler charges, e.g. per row found). */
  chargePerInput?: boolean;
}

const TIMEOUT_TEXT = 'The request did not finish within its time limit.';

/** The documented HTTP 200 form of throttling: ErrorInternalServerError wrapping ErrorServerBusy. */
export function innerServerBusy(): ItemError {
  return itemError('ErrorInternalServerError', undefined, [
    ['InnerErrorMessageText', 'The server cannot service this request right now. Try again later.'],
    ['InnerErrorResponseCode', 'ErrorServerBusy'],
    ['InnerErrorDescriptiveLinkKey', '0'],
  ]);
}

/**
 * The answer for an input the request has no time left for (switch `batchTimeLimit`); with
 * 'timeoutFault' the whole request fails, the inputs already done staying done.
 */
export function outOfTimeOutcome(ctx: RequestContext): MessageOutcome {
  switch (ctx.sim.switches.batchTimeLimit) {
    case 'timeoutFault':
      throw new SoapFault('ErrorTimeoutExpired', TIMEOUT_TEXT);
    case 'ErrorTimeoutExpired':
      return { ok: false, error: { code: 'ErrorTimeoutExpired', text: TIMEOUT_TEXT } };
    case 'innerServerBusy':
      return { ok: false, error: innerServerBusy() };
  }
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
    if (options.chargePerInput !== false && !(await ctx.budget.chargeItem()).ok) {
      outcomes.push(outOfTimeOutcome(ctx));
      continue;
    }
    const injected = options.injectItemErrors ? ctx.sim.faults.drawItemError() : undefined;
    let outcome: MessageOutcome;
    if (injected === 'ErrorServerBusy') {
      outcome = { ok: false, error: innerServerBusy() };
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
