// How the EWS adapter classifies request-level failures: what may be retried, and whether the
// request may have been carried out (which decides between re-sending and verifying a move).
import { describe, expect, it } from 'vitest';
import { BearerAuth, EwsError } from '../../../electron/ews';
import { toRequestError } from '../../../electron/backends/ews/jobBackend';
import { DEMO_ADMIN, startSimulator } from '../../../electron/sim';
import { ewsBackend } from '../../jobs/simHarness';

describe('toRequestError', () => {
  it.each([
    [
      'busy fault with back-off',
      new EwsError('fault', 'busy', { responseCode: 'ErrorServerBusy', backOffMs: 1234, status: 500 }),
      { kind: 'busy', backOffMs: 1234, mayHaveExecuted: false, tooManyConcurrent: false },
    ],
    [
      'too many connections',
      new EwsError('fault', 'conn', { responseCode: 'ErrorExceededConnectionCount', status: 500 }),
      { kind: 'busy', mayHaveExecuted: false, tooManyConcurrent: true },
    ],
    ['503 from IIS', new EwsError('http', '503', { status: 503, retryable: true }), { kind: 'transient', mayHaveExecuted: false, code: 'HTTP503' }],
    ['timeout', new EwsError('timeout', 'slow'), { kind: 'transient', mayHaveExecuted: true }],
    [
      'reset after sending',
      new EwsError('network', 'reset', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }),
      { kind: 'transient', mayHaveExecuted: true, code: 'ECONNRESET' },
    ],
    [
      'refused before sending',
      new EwsError('network', 'refused', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
      { kind: 'transient', mayHaveExecuted: false },
    ],
    ['unreadable answer', new EwsError('malformed', 'cut off', { status: 200 }), { kind: 'transient', mayHaveExecuted: true }],
    [
      'internal error fault',
      new EwsError('fault', 'internal', { responseCode: 'ErrorInternalServerError', status: 500 }),
      { kind: 'transient', mayHaveExecuted: true },
    ],
    [
      'batch timed out on the server',
      new EwsError('fault', 'late', { responseCode: 'ErrorTimeoutExpired', status: 500, retryable: true }),
      { kind: 'transient', mayHaveExecuted: true },
    ],
    ['login page', new EwsError('html', 'login'), { kind: 'transient', mayHaveExecuted: false }],
    [
      'denied impersonation',
      new EwsError('fault', 'no', { responseCode: 'ErrorImpersonateUserDenied', status: 500 }),
      { kind: 'fatal', code: 'ErrorImpersonateUserDenied' },
    ],
    ['bad credentials: sent, refused', new EwsError('auth', '401', { status: 401 }), { kind: 'fatal', neverSent: false }],
    [
      'no access token (the token source signed out): never sent',
      new EwsError('auth', 'No access token: signed out', { neverSent: true }),
      { kind: 'fatal', code: 'auth', mayHaveExecuted: false, neverSent: true },
    ],
    ['certificate refused in the handshake: never sent', new EwsError('tls', 'self-signed'), { kind: 'fatal', neverSent: true }],
  ] as const)('%s', (_name, error, expected) => {
    expect(toRequestError(error)).toMatchObject(expected);
  });
});

describe('BearerAuth with a token source that fails', () => {
  it('says "no access token", typed and never sent, keeping the reason', async () => {
    const auth = new BearerAuth(() => Promise.reject(new Error('The sign-in was removed.')));
    const error: unknown = await auth.authorize().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EwsError);
    expect(error).toMatchObject({ kind: 'auth', message: 'No access token: The sign-in was removed.', neverSent: true, status: undefined });
    // A typed failure of the source passes as it is.
    const typed = new EwsError('timeout', 'slow authority');
    await expect(new BearerAuth(() => Promise.reject(typed)).authorize()).rejects.toBe(typed);
    expect(await new BearerAuth(() => Promise.resolve('t1')).authorize()).toEqual({ Authorization: 'Bearer t1' });
  });
});

describe('per-item answers over HTTP from the simulator', () => {
  it('marks items a batch-stopping error left unprocessed as "resend", and busy items as throttled', async () => {
    const sim = await startSimulator({ seed: 'empty', throttling: false });
    const { backend, client } = ewsBackend(sim.url, { part: 'primary' });
    try {
      const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
      const ids = sim.store.seedItems(inbox?.id ?? '', 12);
      sim.setFaults({ itemErrorRates: { ErrorAccessDenied: 0.25 }, seed: 3 });
      const stoppedRun = await backend.deleteItems(ids, 'SoftDelete', AbortSignal.timeout(5_000));
      const first = stoppedRun.findIndex((r) => r.status === 'error');
      expect(stoppedRun[first]).toMatchObject({ status: 'error', code: 'ErrorAccessDenied' });
      expect(stoppedRun.slice(first + 1).length).toBeGreaterThan(0);
      for (const r of stoppedRun.slice(first + 1)) expect(r).toMatchObject({ status: 'retry', code: 'ErrorBatchProcessingStopped', throttled: false });

      sim.setFaults({ itemErrorRates: { ErrorAccessDenied: 0, ErrorServerBusy: 1 } });
      const busyRun = await backend.deleteItems(ids.slice(first + 1), 'SoftDelete', AbortSignal.timeout(5_000));
      for (const r of busyRun) expect(r).toMatchObject({ status: 'retry', throttled: true });
    } finally {
      client.close();
      await sim.close();
    }
  });
});
