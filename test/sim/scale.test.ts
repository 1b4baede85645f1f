// Scale: a million items in one folder are built and paged correctly, in the default order and in
// another (cached) order; the demo seed is deterministic. How fast is bench/simScale.ts's figure:
// a wall-clock limit here failed on a loaded machine with nothing wrong.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../electron/sim/index';
import { ADMIN, fid, findItem, itemIds, post, rootFolder } from './helpers';

describe('scale', () => {
  it('builds 1,000,000 items in one folder and pages it, at its end and in another order', async () => {
    const sim = await startSimulator({ seed: 'empty', bulkItems: 1_000_000, throttling: false });
    try {
      const bulk = sim.store.folderByPath(ADMIN, 'Inbox/Bulk notifications');
      expect(bulk?.totalCount).toBe(1_000_000);
      const folder = fid(bulk?.id ?? '');
      const last = await post(sim, findItem(folder, '<m:IndexedPageItemView MaxEntriesReturned="1000" Offset="999500" BasePoint="Beginning"/>'));
      expect(rootFolder(last.text)).toEqual({ offset: 1_000_000, total: 1_000_000, last: true });
      expect(itemIds(last.text)).toHaveLength(500);
      const sorted = (offset: number) =>
        findItem(
          folder,
          `<m:IndexedPageItemView MaxEntriesReturned="1000" Offset="${offset}" BasePoint="Beginning"/>`,
          '<m:SortOrder><t:FieldOrder Order="Ascending"><t:FieldURI FieldURI="item:Size"/></t:FieldOrder></m:SortOrder>',
        );
      const pages = [];
      for (let offset = 0; offset < 6000; offset += 1000) pages.push(itemIds((await post(sim, sorted(offset))).text).map((i) => i.id));
      // Six pages of one order: full, and no item on two of them (the cached order is the same one).
      expect(pages.map((p) => p.length)).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
      expect(new Set(pages.flat()).size).toBe(6000);
    } finally {
      await sim.close();
    }
  });

  it('the demo seed is deterministic', async () => {
    const a = await startSimulator({ demoScale: 0.05, bulkItems: 100, throttling: false });
    const b = await startSimulator({ demoScale: 0.05, bulkItems: 100, throttling: false });
    try {
      const deletionsA = a.store.folderByDistinguished('alice@contoso.com', 'recoverableitemsdeletions')?.id ?? '';
      const deletionsB = b.store.folderByDistinguished('alice@contoso.com', 'recoverableitemsdeletions')?.id ?? '';
      expect(deletionsA).toBe(deletionsB);
      expect(a.store.folderItems(deletionsA)).toEqual(b.store.folderItems(deletionsB));
      expect(a.store.totalItems('bob@contoso.com')).toBe(b.store.totalItems('bob@contoso.com'));
      for (const user of ['admin@contoso.com', 'alice@contoso.com']) {
        for (const name of [
          'recoverableitemsdeletions',
          'recoverableitemsversions',
          'recoverableitemspurges',
          'archiverecoverableitemsdeletions',
          'archiverecoverableitemsversions',
          'archiverecoverableitemspurges',
        ]) {
          expect(a.store.folderByDistinguished(user, name)?.totalCount, `${user} ${name}`).toBeGreaterThan(0);
        }
      }
      const classes = new Set(a.store.allFolders('carol@contoso.com').flatMap((f) => a.store.folderItems(f.id).map((i) => i.itemClass)));
      expect([...classes].sort()).toEqual(['IPM.Appointment', 'IPM.Contact', 'IPM.Note', 'IPM.Task']);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
