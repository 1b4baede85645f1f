// The items store around its page cache: what it asks the service for, what it publishes, and
// that a view change leaves the old view's answers nowhere. Driven by a fake folder and clock.
import { describe, expect, it } from 'vitest';
import type { ItemPageRequest } from '../../shared/ipc';
import { FIND_ITEM_PAGE_LIMIT } from '../../shared/paging';
import { PAGE_SIZE, createItemsStore, defaultSort } from '../../renderer/src/stores/itemsStore';
import { FakeClock, FakeFolder, settle } from './support/fakes';

function setup(total: number) {
  const folder = new FakeFolder(total);
  const clock = new FakeClock();
  const requests: ItemPageRequest[] = [];
  const store = createItemsStore({
    listItems: (request) => {
      requests.push(request);
      return folder.fetchPage(request.offset, request.max);
    },
    schedule: clock.schedule,
  });
  const answer = async (offset?: number): Promise<void> => {
    folder.answer(offset);
    await settle();
  };
  return { folder, clock, store, requests, answer };
}

describe('items store', () => {
  it("pages by EWS's FindItem limit", () => {
    expect(PAGE_SIZE).toBe(FIND_ITEM_PAGE_LIMIT);
    expect(PAGE_SIZE).toBe(1000);
  });

  it('opens a folder with its first page, then publishes the total and the rows', async () => {
    const { store, requests, answer } = setup(2500);
    store.getState().openFolder('inbox-id');
    expect(requests).toEqual([{ folderId: 'inbox-id', offset: 0, max: 1000, sort: defaultSort, filter: {} }]);
    const opened = store.getState();
    expect(opened).toMatchObject({ generation: 1, total: undefined, loadedRows: 0, backgroundLoading: true });
    await answer(0);
    const state = store.getState();
    expect(state).toMatchObject({ total: 2500, loadedRows: 1000, backgroundLoading: true });
    expect(state.pagesVersion).toBe(opened.pagesVersion + 1);
    expect(state.pages?.rowAt(999)?.id).toBe('r999');
    // The rest of the view, in the background.
    expect(requests.slice(1).map((r) => r.offset)).toEqual([1000, 2000]);
    await answer(1000);
    await answer(2000);
    expect(store.getState()).toMatchObject({ loadedRows: 2500, backgroundLoading: false });
  });

  it('drops the old view when the sort changes: its late answers change nothing', async () => {
    const { store, requests, answer } = setup(500);
    store.getState().openFolder('f');
    const oldPages = store.getState().pages;
    store.getState().setSort({ field: 'subject', direction: 'asc' });
    expect(store.getState().generation).toBe(2);
    expect(store.getState().pages).not.toBe(oldPages);
    expect(requests.map((r) => r.sort)).toEqual([defaultSort, { field: 'subject', direction: 'asc' }]);
    await answer(0); // the old view's first page
    expect(store.getState()).toMatchObject({ total: undefined, loadedRows: 0 });
    expect(oldPages?.rowAt(0)).toBeUndefined();
    await answer(0); // the new view's
    expect(store.getState()).toMatchObject({ total: 500, loadedRows: 500 });
  });

  it('shows a failed viewport page as an error, gone when a later page answers', async () => {
    const { store, folder, answer } = setup(10_000);
    store.getState().openFolder('f');
    await answer(0);
    store.getState().ensureRange(8000, 8010);
    folder.fail(8000, "Error invoking remote method 'listItems': Error: The server is busy.");
    await settle();
    expect(store.getState().error).toBe('The server is busy.');
    await answer(1000);
    expect(store.getState().error).toBeUndefined();
  });

  it('a filter keeps the sort; clear closes the view', async () => {
    const { store, requests, clock, answer } = setup(50);
    store.getState().openFolder('f');
    store.getState().setSort({ field: 'size', direction: 'desc' });
    store.getState().setFilter({ subjectContains: 'invoice' });
    expect(requests.at(-1)).toEqual({
      folderId: 'f',
      offset: 0,
      max: 1000,
      sort: { field: 'size', direction: 'desc' },
      filter: { subjectContains: 'invoice' },
    });
    store.getState().clear();
    expect(store.getState()).toMatchObject({ view: undefined, pages: undefined, backgroundLoading: false });
    await answer();
    clock.advance(1000);
    expect(store.getState().total).toBeUndefined();
  });
});
