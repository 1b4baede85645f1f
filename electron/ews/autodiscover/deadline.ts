// A deadline and cancellation around a step that takes neither (a DNS lookup): the step is left
// to finish on its own, the chain goes on without it.
import { EwsError } from '../errors';

export function withDeadline<T>(work: Promise<T>, timeoutMs: number, signal: AbortSignal | undefined, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new EwsError('aborted', 'Autodiscover was cancelled.'));
      return;
    }
    const onAbort = (): void => done(() => reject(new EwsError('aborted', 'Autodiscover was cancelled.')));
    const timer = setTimeout(() => done(() => reject(new EwsError('timeout', `${what} took longer than ${Math.round(timeoutMs / 100) / 10} s.`))), timeoutMs);
    let settled = false;
    const done = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => done(() => resolve(value)),
      (err: unknown) => done(() => reject(err)),
    );
  });
}
