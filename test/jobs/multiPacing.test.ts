// The pacing valve in front of a mailbox's budget: unbounded until the server refuses a request
// beside others, then no more requests than those others until clean answers earn them back;
// waiting requests go in arrival order, an aborted wait sends nothing, and only a budget per
// mailbox (withBudgetKey 'impersonated') gets a valve.
import { describe, expect, it } from 'vitest';
import type { ItemPage } from '../../shared/domain';
import { BackendRequestError, type ItemResult, type JobBackend } from '../../electron/jobs/backend';
import { PacingValve, throughValve } from '../../electron/jobs/multiPacing';
import { withBudgetKey } from '../../electron/jobs/multiPorts';

interface Pending {
  what: string;
  ok(): void;
  busy(): void;
}

/** A backend whose requests stay open until the test answers them, in the order they were sent. */
function heldBackend(accountKey = 'admin@contoso.com'): { backend: JobBackend; sent: Pending[] } {
  const sent: Pending[] = [];
  const hold = <T>(what: string, value: T): Promise<T> =>
    new Promise<T>((resolve, reject) =>
      sent.push({
        what,
        ok: () => resolve(value),
        busy: () => reject(new BackendRequestError({ kind: 'busy', code: 'ErrorServerBusy', message: 'busy', backOffMs: 40, mayHaveExecuted: false })),
      }),
    );
  const unused = (): Promise<never> => Promise.reject(new Error('not used here'));
  const backend: JobBackend = {
    accountKey,
    listItems: (req) => hold<ItemPage>(`list ${req.offset}`, { rows: [], offset: req.offset, total: 0, last: true }),
    getItems: unused,
    moveItems: unused,
    copyItems: unused,
    deleteItems: (ids) =>
      hold(
        `delete ${ids.join(',')}`,
        ids.map((): ItemResult => ({ status: 'ok' })),
      ),
    emptyFolder: unused,
    getFolder: unused,
    listFoldersWithSourceKeys: unused,
    createFolder: unused,
    moveFolder: unused,
  };
  return { backend, sent };
}

const signal = new AbortController().signal;
/** Lets the valve's promise chains run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('PacingValve', () => {
  it('lets every request through until the server refuses one beside others', async () => {
    const { backend, sent } = heldBackend();
    const paced = throughValve(backend, new PacingValve());
    const answers = ['a', 'b', 'c', 'd'].map((id) => paced.deleteItems([id], 'HardDelete', signal));
    await settle();
    expect(sent.map((s) => s.what)).toEqual(['delete a', 'delete b', 'delete c', 'delete d']);
    for (const s of sent) s.ok();
    expect(await Promise.all(answers)).toHaveLength(4);
  });

  it('after a refusal beside two others, holds new requests until one of them is answered', async () => {
    const { backend, sent } = heldBackend();
    const valve = new PacingValve();
    const paced = throughValve(backend, valve);
    const a = paced.deleteItems(['a'], 'HardDelete', signal);
    const b = paced.deleteItems(['b'], 'HardDelete', signal);
    const c = paced.deleteItems(['c'], 'HardDelete', signal);
    await settle();
    sent[2]?.busy();
    await expect(c).rejects.toMatchObject({ kind: 'busy' });
    expect(valve.allowed).toBe(2);
    const d = paced.deleteItems(['d'], 'HardDelete', signal);
    await settle();
    expect(sent).toHaveLength(3);
    sent[0]?.ok();
    await a;
    await settle();
    expect(sent.map((s) => s.what)).toEqual(['delete a', 'delete b', 'delete c', 'delete d']);
    sent[1]?.ok();
    sent[3]?.ok();
    await Promise.all([b, d]);
  });

  it('a refusal with nothing else in flight leaves the limit alone (the gate waits it out)', async () => {
    const { backend, sent } = heldBackend();
    const valve = new PacingValve();
    const paced = throughValve(backend, valve);
    const a = paced.deleteItems(['a'], 'HardDelete', signal);
    await settle();
    sent[0]?.busy();
    await expect(a).rejects.toMatchObject({ kind: 'busy' });
    expect(valve.allowed).toBe(Number.POSITIVE_INFINITY);
  });

  it('clean answers earn back half a request each', async () => {
    const { backend, sent } = heldBackend();
    const valve = new PacingValve();
    const paced = throughValve(backend, valve);
    const first = [paced.deleteItems(['a'], 'HardDelete', signal), paced.deleteItems(['b'], 'HardDelete', signal)];
    await settle();
    sent[1]?.busy();
    await expect(first[1]).rejects.toMatchObject({ kind: 'busy' });
    expect(valve.allowed).toBe(1);
    sent[0]?.ok();
    await first[0];
    expect(valve.allowed).toBe(1.5);
    const c = paced.deleteItems(['c'], 'HardDelete', signal);
    await settle();
    sent[2]?.ok();
    await c;
    expect(valve.allowed).toBe(2);
    const twoAtOnce = [paced.deleteItems(['d'], 'HardDelete', signal), paced.deleteItems(['e'], 'HardDelete', signal)];
    await settle();
    expect(valve.active).toBe(2);
    for (const s of sent.slice(3)) s.ok();
    await Promise.all(twoAtOnce);
  });

  it('waiting requests go in arrival order, so a listing page is not starved by deletes', async () => {
    const { backend, sent } = heldBackend();
    const valve = new PacingValve();
    const paced = throughValve(backend, valve);
    const a = paced.deleteItems(['a'], 'HardDelete', signal);
    const b = paced.deleteItems(['b'], 'HardDelete', signal);
    await settle();
    sent[1]?.busy();
    await expect(b).rejects.toMatchObject({ kind: 'busy' });
    const listing = paced.listItems({ folderId: 'inbox', filter: {}, offset: 1000, max: 1000 }, signal);
    const c = paced.deleteItems(['c'], 'HardDelete', signal);
    await settle();
    sent[0]?.ok();
    await a;
    await settle();
    expect(sent.map((s) => s.what)).toEqual(['delete a', 'delete b', 'list 1000']);
    sent[2]?.ok();
    await listing;
    await settle();
    expect(sent[3]?.what).toBe('delete c');
    sent[3]?.ok();
    await c;
  });

  it('a request still waiting when its signal aborts is never sent', async () => {
    const { backend, sent } = heldBackend();
    const paced = throughValve(backend, new PacingValve());
    const a = paced.deleteItems(['a'], 'HardDelete', signal);
    const b = paced.deleteItems(['b'], 'HardDelete', signal);
    await settle();
    sent[1]?.busy();
    await expect(b).rejects.toMatchObject({ kind: 'busy' });
    const stop = new AbortController();
    const c = paced.deleteItems(['c'], 'HardDelete', stop.signal);
    stop.abort();
    await expect(c).rejects.toMatchObject({ kind: 'transient', mayHaveExecuted: false });
    sent[0]?.ok();
    await a;
    await settle();
    expect(sent.map((s) => s.what)).toEqual(['delete a', 'delete b']);
  });
});

describe('withBudgetKey', () => {
  it('a budget per mailbox gets a valve; the account-wide budget does not', async () => {
    for (const owner of ['impersonated', 'caller'] as const) {
      const { backend, sent } = heldBackend();
      const keyed = withBudgetKey(backend, 'Alice@contoso.com', owner);
      expect(keyed.accountKey).toBe(owner === 'impersonated' ? 'admin@contoso.com|as:alice@contoso.com' : 'admin@contoso.com');
      const a = keyed.deleteItems(['a'], 'HardDelete', signal);
      const b = keyed.deleteItems(['b'], 'HardDelete', signal);
      await settle();
      sent[1]?.busy();
      await expect(b).rejects.toMatchObject({ kind: 'busy' });
      const c = keyed.deleteItems(['c'], 'HardDelete', signal);
      await settle();
      // Held behind 'a' with a valve; sent at once without.
      expect(sent).toHaveLength(owner === 'impersonated' ? 2 : 3);
      sent[0]?.ok();
      await a;
      await settle();
      sent[2]?.ok();
      await c;
    }
  });
});
