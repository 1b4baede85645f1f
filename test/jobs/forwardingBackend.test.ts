// forwardingBackend: the one way wrappers (budget key, pacing valve, first page, tests) pass a
// backend's operations on, so none of them can forget one or lose a class's prototype methods.
import { describe, expect, it } from 'vitest';
import { forwardingBackend, type BackendCallWrapper, type JobBackend } from '../../electron/jobs/backend';
import { FakeBackend } from './fakeBackend';

const OPERATIONS = [
  'listItems',
  'getItems',
  'moveItems',
  'copyItems',
  'deleteItems',
  'emptyFolder',
  'getFolder',
  'listFoldersWithSourceKeys',
  'createFolder',
  'moveFolder',
] as const satisfies readonly Exclude<keyof JobBackend, 'accountKey'>[];

/** Calls every operation of `backend` once with recognisable arguments; returns what each answered. */
async function callEach(backend: JobBackend, signal: AbortSignal): Promise<Record<string, unknown>> {
  const fake = (await backend.listFoldersWithSourceKeys(signal)).find((f) => f.displayName === 'Inbox');
  const inbox = fake?.id ?? 'inbox';
  return {
    listItems: await backend.listItems({ folderId: inbox, filter: {}, offset: 0, max: 5 }, signal),
    getItems: await backend.getItems(['missing'], signal),
    moveItems: await backend.moveItems(['missing'], 'deleteditems', signal),
    copyItems: await backend.copyItems(['missing'], 'deleteditems', signal),
    deleteItems: await backend.deleteItems(['missing'], 'SoftDelete', signal),
    emptyFolder: await backend.emptyFolder('missing', 'SoftDelete', false, signal),
    getFolder: await backend.getFolder('inbox', signal),
    listFoldersWithSourceKeys: await backend.listFoldersWithSourceKeys(signal),
    createFolder: await backend.createFolder('inbox', 'New', signal),
    moveFolder: await backend.moveFolder('missing', 'inbox', signal),
  };
}

describe('forwardingBackend', () => {
  it('passes every operation of a class instance on (its methods live on the prototype) and keeps the accountKey', async () => {
    const signal = new AbortController().signal;
    const direct = new FakeBackend();
    const forwarded = new FakeBackend();
    Object.defineProperty(forwarded, 'accountKey', { value: 'svc@contoso.com|as:alice@contoso.com' });
    const wrapper = forwardingBackend(forwarded);
    expect(wrapper.accountKey).toBe('svc@contoso.com|as:alice@contoso.com');
    // The same calls on two identical fakes answer the same, straight or forwarded.
    expect(await callEach(wrapper, signal)).toEqual(await callEach(direct, signal));
    expect('accountKey' in forwardingBackend(new FakeBackend())).toBe(false);
  });

  it('runs each operation inside `around`, with the call’s signal, once', async () => {
    const signal = new AbortController().signal;
    const seen: AbortSignal[] = [];
    const around: BackendCallWrapper = (s, call) => {
      seen.push(s);
      return call();
    };
    const answers = await callEach(forwardingBackend(new FakeBackend(), around), signal);
    // callEach lists the folders twice (once to find the Inbox).
    expect(seen).toHaveLength(OPERATIONS.length + 1);
    expect(seen.every((s) => s === signal)).toBe(true);
    expect(Object.keys(answers).sort()).toEqual([...OPERATIONS].sort());
  });

  it('a wrapper that holds a call back holds the operation: nothing reaches the backend until it lets go', async () => {
    const inner = new FakeBackend();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached = 0;
    const counting: JobBackend = { ...forwardingBackend(inner), getFolder: (id, s) => (reached++, inner.getFolder(id, s)) };
    const gated = forwardingBackend(counting, async (_s, call) => {
      await held;
      return call();
    });
    const pending = gated.getFolder('inbox', new AbortController().signal);
    await new Promise((r) => setTimeout(r, 10));
    expect(reached).toBe(0);
    release();
    await pending;
    expect(reached).toBe(1);
  });
});
