// The action's folder per mailbox part in a job over many mailboxes: looked up through the account's
// gate with its retries (a busy answer is waited out and holds the gate, a transient one is tried
// again), a fatal answer still fails, and a delete asks nothing.
import { describe, expect, it } from 'vitest';
import { AccountGate, defaultBackoffOptions, realClock } from '../../electron/jobs/backoff';
import { ActionDestinations } from '../../electron/jobs/multiDestinations';
import type { MailboxOpener } from '../../electron/jobs/multiPorts';
import type { MultiJobAction } from '../../shared/domain';
import { FakeBackend, type RequestFault, type RequestInfo } from './fakeBackend';

const opener: MailboxOpener = { open: () => Promise.reject(new Error('not opened in these tests')) };

function setup(action: MultiJobAction, fault: (req: RequestInfo) => RequestFault | undefined) {
  const backend = new FakeBackend();
  const asked: number[] = [];
  backend.requestFault = (req) => {
    if (req.op === 'getFolder') asked.push(req.n);
    return fault(req);
  };
  // Short transient back-offs keep the test quick; a busy answer's own BackOffMilliseconds is obeyed as given.
  const gate = new AccountGate(realClock, { ...defaultBackoffOptions, baseMs: 2, maxMs: 10 }, () => 0.5);
  const busyCalls: (number | undefined)[] = [];
  const busy = gate.busy.bind(gate);
  gate.busy = (ms) => {
    busyCalls.push(ms);
    return busy(ms);
  };
  const destinations = new ActionDestinations(action, { opener, budgetOwner: 'caller', gates: new Map(), engine: {} });
  const ctx = { gate, limits: { maxAttempts: 3, timeoutMs: 5_000 }, signal: new AbortController().signal };
  return { backend, asked, busyCalls, destinations, ctx };
}

describe('ActionDestinations.in', () => {
  it('waits out a busy answer for the move destination through the gate, then answers its id', async () => {
    const t = setup({ kind: 'move', toFolder: 'deleteditems' }, (req) => (req.n === 1 ? { kind: 'busy', backOffMs: 20 } : undefined));
    const started = Date.now();
    const id = await t.destinations.in(t.backend, 'alice@contoso.com', 'primary', t.ctx);
    expect(id).toBe('deleteditems');
    expect(t.asked).toEqual([1, 2]);
    // The refusal held the account's gate for its back-off before the second attempt went out.
    expect(t.busyCalls).toEqual([20]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });

  it("tries the recover fallback folder again after a transient failure, up to the limits' attempts", async () => {
    const t = setup({ kind: 'recover', fallbackFolder: 'inbox' }, (req) => (req.n < 3 ? { kind: 'transient' } : undefined));
    await expect(t.destinations.in(t.backend, 'alice@contoso.com', 'primary', t.ctx)).resolves.toBe('inbox');
    expect(t.asked).toEqual([1, 2, 3]);

    const gaveUp = setup({ kind: 'recover', fallbackFolder: 'inbox' }, () => ({ kind: 'transient', code: 'HTTP503' }));
    await expect(gaveUp.destinations.in(gaveUp.backend, 'alice@contoso.com', 'primary', gaveUp.ctx)).rejects.toMatchObject({ code: 'HTTP503' });
    expect(gaveUp.asked).toEqual([1, 2, 3]);
  });

  it('fails at once on a fatal answer (a folder that does not exist)', async () => {
    const t = setup({ kind: 'move', toFolder: 'nosuchfolder' }, () => undefined);
    await expect(t.destinations.in(t.backend, 'alice@contoso.com', 'primary', t.ctx)).rejects.toMatchObject({ code: 'ErrorFolderNotFound' });
    expect(t.asked).toEqual([1]);
  });

  it('asks nothing for a delete', async () => {
    const t = setup({ kind: 'delete', mode: 'HardDelete' }, () => undefined);
    await expect(t.destinations.in(t.backend, 'alice@contoso.com', 'primary', t.ctx)).resolves.toBeUndefined();
    expect(t.asked).toEqual([]);
  });
});
