// Ctrl-C and SIGTERM while a job runs. The first one SUSPENDS, as the app's quit does: nothing new
// is sent, the batches in flight are answered and journalled, and the job stays interrupted and
// resumable. An admin stopping an emergency purge wants to continue later, not to end the job with
// everything else "not attempted" (that is what cancel does). SIGTERM is the same first signal:
// Kubernetes sends it to a pod before SIGKILL. A second signal during the wait stops at once; the
// journal then holds those batches as sent without an answer, and resume checks each against the
// mailbox, exactly as after kill -9.
import type { ParsedArgs } from './args';

/** How long a suspend waits for the batches in flight (Kubernetes' default grace period is 30 s: this fits inside it). */
export const SUSPEND_WAIT_MS = 20_000;

export type StopSignal = 'SIGINT' | 'SIGTERM';
const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/** Where signals come from: the process, or a test's emitter. */
export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

export interface Suspendable {
  readonly multiJobId: string;
  suspend(maxWaitMs?: number): Promise<void>;
}

export interface InterruptWatch {
  /** Resolves on a second signal: the command ends at once, without waiting for the suspend. */
  readonly stoppedAtOnce: Promise<void>;
  /** The signal that started the suspend, if one did. */
  received(): StopSignal | undefined;
  /** Stops listening (the default handlers apply again). */
  dispose(): void;
}

/** Flags a resume needs again: where the journals are, how to connect, and the tuning. */
const CARRIED_FLAGS = [
  'data-dir',
  'profile',
  'backend',
  'url',
  'user',
  'auth',
  'domain',
  'allow-insecure-http',
  'tenant',
  'client-id',
  'cert',
  'key',
  'authority',
  'graph-url',
  'parallel',
  'budget-owner',
  'concurrency-cap',
  'request-timeout-ms',
];

/** A shell word: as it is when it is plain, else in single quotes. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The exact command that continues the job, with the connection and data folder given on this command line. */
export function resumeCommandLine(args: ParsedArgs, multiJobId: string): string {
  const words = ['mailbox-sweeper', 'resume', multiJobId];
  for (const flag of CARRIED_FLAGS) {
    const value = args.strings.get(flag);
    if (value !== undefined) words.push(`--${flag}`, shellWord(value));
    else if (args.booleans.has(flag)) words.push(`--${flag}`);
  }
  return words.join(' ');
}

/** Listens for SIGINT and SIGTERM while `handle` runs: the first suspends it, a second stops at once. */
export function suspendOnSignals(
  handle: Suspendable,
  resumeWith: string,
  note: (text: string) => void,
  source: SignalSource = process,
  waitMs = SUSPEND_WAIT_MS,
): InterruptWatch {
  let first: StopSignal | undefined;
  let stop: () => void = () => undefined;
  const stoppedAtOnce = new Promise<void>((resolve) => (stop = resolve));
  const listeners = SIGNALS.map((signal) => {
    const listener = (): void => {
      if (first === undefined) {
        first = signal;
        note(
          `${signal}: suspending job ${handle.multiJobId}: nothing new is sent; batches in flight are answered and recorded (up to ${Math.round(waitMs / 1000)} s). ` +
            `Press Ctrl-C again to stop at once. Continue later with: ${resumeWith}`,
        );
        // A suspend that fails leaves the journal as a crash would: resume still works.
        handle.suspend(waitMs).catch((error: unknown) => note(`Suspend did not finish cleanly (${error instanceof Error ? error.message : String(error)}).`));
        return;
      }
      note(`${signal}: stopped at once. Batches still in flight are checked against the mailbox on resume. Continue with: ${resumeWith}`);
      stop();
    };
    source.on(signal, listener);
    return { signal, listener };
  });
  return {
    stoppedAtOnce,
    received: () => first,
    dispose: () => {
      for (const { signal, listener } of listeners) source.off(signal, listener);
    },
  };
}
