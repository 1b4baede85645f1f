// The job engine's two waiting primitives, so that no part hand-rolls its own:
// - Signal: a wake-up many may wait for ("something changed, look again");
// - Deadline: an AbortSignal that aborts after a time or when an outer signal does.

/**
 * A wake-up many may wait for: notify() releases everyone waiting at that moment; a wait begun
 * after it waits for the next notify(). Waiters look again at what they wait for once woken, so a
 * notify with nobody waiting is not remembered.
 */
export class Signal {
  private promise: Promise<void> | undefined;
  private release: (() => void) | undefined;

  wait(): Promise<void> {
    this.promise ??= new Promise<void>((resolve) => (this.release = resolve));
    return this.promise;
  }

  notify(): void {
    const release = this.release;
    this.promise = undefined;
    this.release = undefined;
    release?.();
  }

  /**
   * Runs `waitFor` with an AbortSignal that aborts at the next notify() or when `also` aborts: a
   * long wait (a back-off of minutes) that a pause or cancel must cut short. Built from a controller
   * held here rather than AbortSignal.any, whose sources Node holds only weakly.
   */
  async interruptible(also: AbortSignal, waitFor: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const woken = new AbortController();
    const wake = (): void => woken.abort();
    if (also.aborted) wake();
    else also.addEventListener('abort', wake, { once: true });
    void this.wait().then(wake);
    try {
      await waitFor(woken.signal);
    } finally {
      wake();
      also.removeEventListener('abort', wake);
    }
  }
}

/**
 * An AbortSignal that aborts after `ms` (with a TimeoutError) or when `parent` aborts (with its
 * reason). Built from a timer and a controller this object holds, not from AbortSignal.any +
 * AbortSignal.timeout: Node holds the sources of AbortSignal.any only weakly, and a timeout signal
 * nobody else references can be collected before it fires, leaving a request the server never
 * answers waiting for ever. dispose() when the call is over: it clears the timer and the listener.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private timedOut = false;

  constructor(
    ms: number,
    private readonly parent?: AbortSignal,
  ) {
    if (parent?.aborted) this.controller.abort(parent.reason);
    else parent?.addEventListener('abort', this.onParentAbort, { once: true });
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError'));
    }, ms);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The time ran out (not the parent's abort). */
  get expired(): boolean {
    return this.timedOut;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }

  private readonly onParentAbort = (): void => {
    this.controller.abort(this.parent?.reason);
  };
}
