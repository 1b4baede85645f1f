// Fault injection: transport and protocol failures a real Exchange (or the network in front of
// it) produces, drawn from a seeded PRNG so a run is reproducible. Request-level kinds are
// mutually exclusive: one draw per request picks at most one of them.
import { createPrng, type Prng } from './prng';

export type RequestFaultKind =
  /** HTTP 503 from the IIS request queue (body not SOAP). */
  | 'http503'
  /** HTTP 500 SOAP fault ErrorInternalServerError. */
  | 'internalErrorFault'
  /** Socket destroyed before anything is answered; nothing is applied. */
  | 'connectionReset'
  /** The request is held until the client gives up or the simulator closes. */
  | 'noAnswer'
  /** HTTP 200 text/xml cut off in the middle of the envelope. */
  | 'malformedXml'
  /** HTTP 200 text/html login page, as an auth proxy in front of Exchange answers. */
  | 'htmlLoginPage'
  /** The request is applied in full, then the connection is reset instead of answering. */
  | 'lostResponse';

export const REQUEST_FAULT_KINDS: readonly RequestFaultKind[] = [
  'http503',
  'internalErrorFault',
  'connectionReset',
  'noAnswer',
  'malformedXml',
  'htmlLoginPage',
  'lostResponse',
];

/** Per-item error codes that can be injected; ErrorServerBusy is written the documented HTTP 200 way. */
export type InjectableItemError = 'ErrorItemNotFound' | 'ErrorAccessDenied' | 'ErrorInternalServerError' | 'ErrorServerBusy';

export interface FaultOptions {
  /** PRNG seed; setting it restarts the sequence. */
  seed: number;
  /** Added to every request before it is processed. */
  requestLatencyMs: number;
  /** Added per item processed in a batch. */
  itemLatencyMs: number;
  /** Probability per request of each request-level fault. */
  rates: Record<RequestFaultKind, number>;
  /** Probability per item of each per-item error (the item is left untouched). */
  itemErrorRates: Record<InjectableItemError, number>;
}

export const NO_FAULTS: FaultOptions = {
  seed: 1,
  requestLatencyMs: 0,
  itemLatencyMs: 0,
  rates: { http503: 0, internalErrorFault: 0, connectionReset: 0, noAnswer: 0, malformedXml: 0, htmlLoginPage: 0, lostResponse: 0 },
  itemErrorRates: { ErrorItemNotFound: 0, ErrorAccessDenied: 0, ErrorInternalServerError: 0, ErrorServerBusy: 0 },
};

/** A partial update: nested records merge key by key. */
export interface FaultUpdate {
  seed?: number;
  requestLatencyMs?: number;
  itemLatencyMs?: number;
  rates?: Partial<Record<RequestFaultKind, number>>;
  itemErrorRates?: Partial<Record<InjectableItemError, number>>;
}

export class FaultInjector {
  private options: FaultOptions = structuredClone(NO_FAULTS);
  private prng: Prng = createPrng(NO_FAULTS.seed);

  constructor(update: FaultUpdate = {}) {
    this.update(update);
  }

  get current(): FaultOptions {
    return structuredClone(this.options);
  }

  update(update: FaultUpdate): void {
    const o = this.options;
    if (update.requestLatencyMs !== undefined) o.requestLatencyMs = update.requestLatencyMs;
    if (update.itemLatencyMs !== undefined) o.itemLatencyMs = update.itemLatencyMs;
    Object.assign(o.rates, update.rates ?? {});
    Object.assign(o.itemErrorRates, update.itemErrorRates ?? {});
    if (update.seed !== undefined) {
      o.seed = update.seed;
      this.prng = createPrng(update.seed);
    }
  }

  /** Draws this request's fault, if any. */
  drawRequestFault(): RequestFaultKind | undefined {
    const total = REQUEST_FAULT_KINDS.reduce((sum, k) => sum + this.options.rates[k], 0);
    if (total <= 0) return undefined;
    let r = this.prng.next();
    for (const kind of REQUEST_FAULT_KINDS) {
      r -= this.options.rates[kind];
      if (r < 0) return kind;
    }
    return undefined;
  }

  /** Draws one item's injected error, if any. */
  drawItemError(): InjectableItemError | undefined {
    const rates = this.options.itemErrorRates;
    const kinds = Object.keys(rates) as InjectableItemError[];
    if (kinds.every((k) => rates[k] <= 0)) return undefined;
    let r = this.prng.next();
    for (const kind of kinds) {
      r -= rates[kind];
      if (r < 0) return kind;
    }
    return undefined;
  }
}
