// The first page held for a mailbox's first job (jobs/multiFirstPage.ts): served once, for exactly
// the request it answered, and every other call goes to the backend.
import { describe, expect, it } from 'vitest';
import type { JobBackend, ListItemsRequest } from '../../electron/jobs/backend';
import { FirstPageHolder } from '../../electron/jobs/multiFirstPage';
import type { ItemPage } from '../../shared/domain';

const page = (subject: string): ItemPage => ({
  rows: [{ id: `id-${subject}`, itemClass: 'IPM.Note', subject, size: 10, received: '2026-01-01T00:00:00Z' }],
  offset: 0,
  total: 1,
  last: true,
});

/** A backend whose listing answers 'server' and records what it was asked; other calls are counted. */
function fakeBackend(): { backend: JobBackend; listed: ListItemsRequest[]; calls: string[] } {
  const listed: ListItemsRequest[] = [];
  const calls: string[] = [];
  const backend: JobBackend = {
    accountKey: 'host|admin|as:alice',
    listItems: (req) => {
      listed.push(req);
      return Promise.resolve(page('server'));
    },
    getItems: () => (calls.push('getItems'), Promise.resolve([])),
    moveItems: () => (calls.push('moveItems'), Promise.resolve([])),
    copyItems: () => (calls.push('copyItems'), Promise.resolve([])),
    deleteItems: (ids) => (calls.push(`deleteItems ${ids.join(',')}`), Promise.resolve(ids.map(() => ({ status: 'ok' as const })))),
    emptyFolder: () => (calls.push('emptyFolder'), Promise.resolve({ status: 'ok' })),
    getFolder: (id) => (calls.push(`getFolder ${id}`), Promise.resolve({ id: `f-${id}`, displayName: id, totalCount: 0 })),
    listFoldersWithSourceKeys: () => (calls.push('listFolders'), Promise.resolve([])),
    createFolder: () => (calls.push('createFolder'), Promise.resolve({ status: 'created' as const, id: 'new' })),
    moveFolder: () => (calls.push('moveFolder'), Promise.resolve({ status: 'moved' as const, id: 'moved' })),
  };
  return { backend, listed, calls };
}

const request: ListItemsRequest = { folderId: 'inbox-id', filter: { subjectContains: 'x' }, offset: 0, max: 1000, order: 'receivedDesc' };
const signal = new AbortController().signal;

describe('FirstPageHolder', () => {
  it('answers the held request once from the page, then asks the backend', async () => {
    const { backend, listed } = fakeBackend();
    const holder = new FirstPageHolder();
    const served = holder.serve(backend);
    holder.hold(request, page('held'));
    expect(holder.holding).toBe(true);
    // An equal request built anew (the job's own listing) is served: no request reaches the backend.
    expect((await served.listItems({ ...request, filter: { subjectContains: 'x' } }, signal)).rows[0]?.subject).toBe('held');
    expect(listed).toEqual([]);
    expect(holder.holding).toBe(false);
    expect((await served.listItems(request, signal)).rows[0]?.subject).toBe('server');
    expect(listed).toEqual([request]);
  });

  it('a listing that differs in any field goes to the backend and leaves the page held', async () => {
    const { backend, listed } = fakeBackend();
    const holder = new FirstPageHolder();
    const served = holder.serve(backend);
    holder.hold(request, page('held'));
    const others: ListItemsRequest[] = [
      { ...request, folderId: 'other' },
      { ...request, offset: 1000 },
      { ...request, max: 1 },
      { folderId: request.folderId, filter: request.filter, offset: 0, max: 1000 },
      { ...request, filter: { subjectContains: 'x', receivedBefore: '2026-01-01T00:00:01Z' } },
    ];
    for (const other of others) expect((await served.listItems(other, signal)).rows[0]?.subject).toBe('server');
    expect(listed).toEqual(others);
    expect(holder.holding).toBe(true);
  });

  it('a dropped page is never served', async () => {
    const { backend, listed } = fakeBackend();
    const holder = new FirstPageHolder();
    const served = holder.serve(backend);
    holder.hold(request, page('held'));
    holder.drop();
    expect((await served.listItems(request, signal)).rows[0]?.subject).toBe('server');
    expect(listed).toHaveLength(1);
  });

  it('every other call, and the budget key, pass through unchanged', async () => {
    const { backend, calls } = fakeBackend();
    const holder = new FirstPageHolder();
    holder.hold(request, page('held'));
    const served = holder.serve(backend);
    expect(served.accountKey).toBe('host|admin|as:alice');
    expect(await served.deleteItems(['a', 'b'], 'HardDelete', signal)).toEqual([{ status: 'ok' }, { status: 'ok' }]);
    await served.getItems(['a'], signal);
    await served.moveItems(['a'], 'to', signal);
    await served.copyItems(['a'], 'to', signal);
    await served.emptyFolder('f', 'HardDelete', false, signal);
    expect(await served.getFolder('inbox', signal)).toEqual({ id: 'f-inbox', displayName: 'inbox', totalCount: 0 });
    await served.listFoldersWithSourceKeys(signal);
    await served.createFolder('p', 'n', signal);
    await served.moveFolder('f', 'to', signal);
    expect(calls).toEqual([
      'deleteItems a,b',
      'getItems',
      'moveItems',
      'copyItems',
      'emptyFolder',
      'getFolder inbox',
      'listFolders',
      'createFolder',
      'moveFolder',
    ]);
    expect(holder.holding).toBe(true);
  });
});
