// Deleted folders' contents over HTTP (issue 9 §1.1): the folders are gone for good, their items
// stay recoverable — each in Deletions (or Purges / gone for HardDelete, per the mailbox's
// retention) stamped with LastActiveParentEntryId = the source key of the folder it was in.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { ADMIN, codes, fid, findItem, LAPEI_PROP, post } from './helpers';

let sim: RunningSimulator;
let inbox = '';
beforeAll(async () => {
  sim = await startSimulator({ demoScale: 0.02, bulkItems: 0, throttling: false });
  inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setSwitches({ folderSoftDelete: 'remove' });
  sim.store.setRetention(ADMIN, { singleItemRecovery: false, litigationHold: false, inPlaceHold: false, extraDumpsterBytes: { primary: 0, archive: 0 } });
});

const folderOf = (name: string) => {
  const folder = sim.store.folderByDistinguished(ADMIN, name);
  if (!folder) throw new Error(`no ${name}`);
  return folder;
};
const deleteFolder = (id: string, type: string): string => `<m:DeleteFolder DeleteType="${type}"><m:FolderIds>${fid(id)}</m:FolderIds></m:DeleteFolder>`;
const emptyFolder = (id: string, type: string): string =>
  `<m:EmptyFolder DeleteType="${type}" DeleteSubFolders="true"><m:FolderIds>${fid(id)}</m:FolderIds></m:EmptyFolder>`;

/** A tree parent/child/grandchild with 3, 2 and 1 items; returns the folders and their item ids. */
function tree(parentId: string, tag: string) {
  const top = sim.store.createFolder(parentId, `Tree ${tag} ${Math.random().toString(36).slice(2)}`);
  const child = sim.store.createFolder(top.id, 'child');
  const grandchild = sim.store.createFolder(child.id, 'grandchild');
  const ids = [
    ...sim.store.seedItems(top.id, 3, { subject: (i) => `${tag} top ${i}` }),
    ...sim.store.seedItems(child.id, 2, { subject: (i) => `${tag} child ${i}` }),
    ...sim.store.seedItems(grandchild.id, 1, { subject: () => `${tag} grandchild` }),
  ];
  return { top, child, grandchild, ids };
}

/** Subjects in a dumpster folder, per source key of the folder they came from. */
function stamped(dumpster: string, t: ReturnType<typeof tree>): Record<string, string[]> {
  const items = sim.store.folderItems(folderOf(dumpster).id);
  const of = (key: string) =>
    items
      .filter((i) => i.lastActiveParentEntryId === key)
      .map((i) => i.subject)
      .sort();
  return { top: of(t.top.sourceKey), child: of(t.child.sourceKey), grandchild: of(t.grandchild.sourceKey) };
}

const expectGone = (t: ReturnType<typeof tree>): void => {
  for (const f of [t.top, t.child, t.grandchild]) {
    expect(sim.store.folder(f.id)).toBeUndefined();
    expect(sim.store.folderBySourceKey(f.sourceKey)).toBeUndefined();
  }
  for (const id of t.ids) expect(sim.store.locate(id)).toBeUndefined();
};

const expected = (tag: string) => ({
  top: [`${tag} top 0`, `${tag} top 1`, `${tag} top 2`],
  child: [`${tag} child 0`, `${tag} child 1`],
  grandchild: [`${tag} grandchild`],
});
const none = { top: [], child: [], grandchild: [] };

describe('deleted folders keep their contents recoverable', () => {
  it('DeleteFolder SoftDelete: every item of the tree in Deletions, stamped with its own folder', async () => {
    const t = tree(inbox, 'soft');
    expect(codes((await post(sim, deleteFolder(t.top.id, 'SoftDelete'))).text)).toEqual(['NoError']);
    expectGone(t);
    expect(stamped('recoverableitemsdeletions', t)).toEqual(expected('soft'));
    expect(sim.store.childFolders(folderOf('recoverableitemsdeletions').id)).toHaveLength(0);
  });

  it('DeleteFolder HardDelete: gone without SIR or a hold; with SIR in Purges, stamped', async () => {
    const bare = tree(inbox, 'bare');
    expect(codes((await post(sim, deleteFolder(bare.top.id, 'HardDelete'))).text)).toEqual(['NoError']);
    expectGone(bare);
    expect(stamped('recoverableitemspurges', bare)).toEqual(none);
    expect(stamped('recoverableitemsdeletions', bare)).toEqual(none);
    sim.store.setRetention(ADMIN, { singleItemRecovery: true });
    const kept = tree(inbox, 'kept');
    expect(codes((await post(sim, deleteFolder(kept.top.id, 'HardDelete'))).text)).toEqual(['NoError']);
    expectGone(kept);
    expect(stamped('recoverableitemspurges', kept)).toEqual(expected('kept'));
  });

  it('MoveToDeletedItems from inside Deleted Items: the items go to Deletions, stamped', async () => {
    const t = tree(folderOf('deleteditems').id, 'fromdeleted');
    expect(codes((await post(sim, deleteFolder(t.top.id, 'MoveToDeletedItems'))).text)).toEqual(['NoError']);
    expectGone(t);
    expect(stamped('recoverableitemsdeletions', t)).toEqual(expected('fromdeleted'));
  });

  it('MoveToDeletedItems of a folder elsewhere still moves it whole under Deleted Items, then deleting it there stamps its items', async () => {
    const t = tree(inbox, 'twostep');
    expect(codes((await post(sim, deleteFolder(t.top.id, 'MoveToDeletedItems'))).text)).toEqual(['NoError']);
    expect(sim.store.folder(t.top.id)?.path).toContain('Deleted Items/');
    expect(sim.store.locate(t.ids[5] ?? '')?.folderId).toBe(t.grandchild.id);
    expect(codes((await post(sim, deleteFolder(t.top.id, 'MoveToDeletedItems'))).text)).toEqual(['NoError']);
    expectGone(t);
    expect(stamped('recoverableitemsdeletions', t)).toEqual(expected('twostep'));
  });

  it('EmptyFolder DeleteSubFolders SoftDelete: subfolders gone, their items in Deletions stamped, the folder itself kept', async () => {
    const t = tree(inbox, 'emptysoft');
    expect(codes((await post(sim, emptyFolder(t.top.id, 'SoftDelete'))).text)).toEqual(['NoError']);
    expect(sim.store.folder(t.top.id)?.totalCount).toBe(0);
    expect(sim.store.folder(t.child.id)).toBeUndefined();
    expect(sim.store.folder(t.grandchild.id)).toBeUndefined();
    expect(stamped('recoverableitemsdeletions', t)).toEqual(expected('emptysoft'));
  });

  it('EmptyFolder DeleteSubFolders HardDelete under a hold: everything in Purges, stamped', async () => {
    sim.store.setRetention(ADMIN, { litigationHold: true });
    const t = tree(inbox, 'emptyhard');
    expect(codes((await post(sim, emptyFolder(t.top.id, 'HardDelete'))).text)).toEqual(['NoError']);
    expect(stamped('recoverableitemspurges', t)).toEqual(expected('emptyhard'));
  });

  it('FindItem on Deletions returns the stale LastActiveParentEntryId of a deleted folder on the wire', async () => {
    const t = tree(inbox, 'wire');
    await post(sim, deleteFolder(t.top.id, 'SoftDelete'));
    const answer = await post(sim, findItem(fid(folderOf('recoverableitemsdeletions').id), undefined, '', 'IdOnly', LAPEI_PROP));
    const values = [...answer.text.matchAll(/PropertyTag="0x348a" PropertyType="Binary"\/><t:Value>([^<]+)</g)].map((m) => m[1]);
    expect(values.filter((v) => v === t.grandchild.sourceKey)).toHaveLength(1);
    expect(values.filter((v) => v === t.top.sourceKey)).toHaveLength(3);
  });

  it("folderSoftDelete 'dumpster' keeps deletefolder.md's reading: the folder moves under Deletions whole", async () => {
    sim.setSwitches({ folderSoftDelete: 'dumpster' });
    const t = tree(inbox, 'whole');
    expect(codes((await post(sim, deleteFolder(t.top.id, 'SoftDelete'))).text)).toEqual(['NoError']);
    expect(sim.store.folder(t.top.id)?.path).toMatch(/^Recoverable Items\/Deletions\//);
    expect(sim.store.locate(t.ids[0] ?? '')?.folderId).toBe(t.top.id);
  });
});

describe("demo: a deleted folder tree in admin's Deletions", () => {
  it('13 items whose LastActiveParentEntryId names one of two folders that no longer exist', async () => {
    const fresh = await startSimulator({ demoScale: 0.01, bulkItems: 0, throttling: false });
    try {
      const deletions = fresh.store.folderByDistinguished(ADMIN, 'recoverableitemsdeletions')?.id ?? '';
      expect(fresh.store.folderByPath(ADMIN, 'Inbox/Vendor Contracts 2023')).toBeUndefined();
      const items = fresh.store.folderItems(deletions);
      const byKey = new Map<string, number>();
      for (const item of items) {
        const key = item.lastActiveParentEntryId;
        if (key && !fresh.store.folderBySourceKey(key)) byKey.set(key, (byKey.get(key) ?? 0) + 1);
      }
      // The seeded tree's two folders (8 and 5 items; at this scale the older "Old Vendors" orphans
      // number at most 4), real source keys of this mailbox: same 16-byte replica GUID as Inbox's.
      const tree = [...byKey.entries()].filter(([, n]) => n >= 5).sort((a, b) => b[1] - a[1]);
      expect(tree.map(([, n]) => n)).toEqual([8, 5]);
      const replica = (key: string) => Buffer.from(key, 'base64').subarray(0, 16).toString('hex');
      const inboxKey = fresh.store.folderByDistinguished(ADMIN, 'inbox')?.sourceKey ?? '';
      for (const [key] of tree) expect(replica(key)).toBe(replica(inboxKey));
      expect(fresh.store.retention(ADMIN).singleItemRecovery).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});
