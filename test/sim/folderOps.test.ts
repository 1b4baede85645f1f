// MoveFolder and CopyFolder over HTTP: the moved folder keeps its id and takes its contents
// along; a copy gets new ids for the whole subtree; distinguished folders cannot be moved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { ADMIN, codes, dist, fid, folderIds, messages, post } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
});
afterAll(() => sim.close());

const transfer = (op: 'MoveFolder' | 'CopyFolder', to: string, refs: string): string =>
  `<m:${op}><m:ToFolderId>${to}</m:ToFolderId><m:FolderIds>${refs}</m:FolderIds></m:${op}>`;
const folderId = (name: string): string => sim.store.folderByDistinguished(ADMIN, name)?.id ?? '';

function tree(parentId: string, name: string) {
  const top = sim.store.createFolder(parentId, name);
  const child = sim.store.createFolder(top.id, `${name} child`);
  const topItems = sim.store.seedItems(top.id, 3, { isRead: false });
  const childItems = sim.store.seedItems(child.id, 2, { isRead: true });
  return { top, child, topItems, childItems };
}

describe('MoveFolder', () => {
  it('moves a folder tree out of Deleted Items: same FolderId, contents and item ids along, new ChangeKey', async () => {
    const t = tree(folderId('deleteditems'), 'Restore me');
    const answer = await post(sim, transfer('MoveFolder', dist('inbox'), fid(t.top.id)));
    expect(answer.status).toBe(200);
    expect(codes(answer.text)).toEqual(['NoError']);
    expect(folderIds(answer.text)).toEqual([t.top.id]);
    const moved = sim.store.folder(t.top.id);
    expect(moved?.path).toBe('Top of Information Store/Inbox/Restore me');
    expect(moved?.changeKey).not.toBe(t.top.changeKey);
    expect(moved?.totalCount).toBe(3);
    expect(moved?.unreadCount).toBe(3);
    expect(sim.store.folder(t.child.id)?.path).toBe('Top of Information Store/Inbox/Restore me/Restore me child');
    for (const id of [...t.topItems, ...t.childItems]) expect(sim.store.locate(id)).toBeDefined();
    expect(sim.store.childFolders(folderId('deleteditems')).map((f) => f.displayName)).not.toContain('Restore me');
  });

  it('refuses distinguished folders, a destination inside the folder, a taken name and a missing destination, per folder in order', async () => {
    const t = tree(folderId('inbox'), 'Loop');
    const taken = sim.store.createFolder(folderId('drafts'), 'Taken');
    sim.store.createFolder(folderId('inbox'), 'Taken');
    const answer = await post(sim, transfer('MoveFolder', fid(t.child.id), dist('inbox') + dist('root') + fid(t.top.id) + fid('AAAA==')));
    expect(codes(answer.text)).toEqual(['ErrorMoveDistinguishedFolder', 'ErrorMoveDistinguishedFolder', 'ErrorMoveCopyFailed', 'ErrorInvalidIdMalformed']);
    expect(answer.text).toContain('<m:MoveFolderResponseMessage ResponseClass="Error"><m:MessageText>');
    expect(messages(answer.text)[0]?.xml).toContain('<m:Folders/>');
    const clash = await post(sim, transfer('MoveFolder', dist('inbox'), fid(taken.id)));
    expect(codes(clash.text)).toEqual(['ErrorFolderExists']);
    const vanished = sim.store.createFolder(folderId('inbox'), 'Vanished');
    sim.store.removeFolder(vanished.id);
    const gone = await post(sim, transfer('MoveFolder', fid(vanished.id), fid(taken.id)));
    expect(codes(gone.text)).toEqual(['ErrorToFolderNotFound']);
  });

  it('moving into its own parent is a no-op success; another mailbox follows the crossMailboxFolderMoveCopy switch', async () => {
    const f = sim.store.createFolder(folderId('inbox'), 'Stay');
    expect(codes((await post(sim, transfer('MoveFolder', dist('inbox'), fid(f.id)))).text)).toEqual(['NoError']);
    const toArchive = await post(sim, transfer('MoveFolder', dist('archiveinbox'), fid(f.id)));
    expect(codes(toArchive.text)).toEqual(['ErrorCrossMailboxMoveCopy']);
    sim.setSwitches({ crossMailboxFolderMoveCopy: 'allow' });
    try {
      sim.store.seedItems(f.id, 2);
      const allowed = await post(sim, transfer('MoveFolder', dist('archiveinbox'), fid(f.id)));
      expect(codes(allowed.text)).toEqual(['NoError']);
      const newId = folderIds(allowed.text)[0] ?? '';
      expect(newId).not.toBe(f.id);
      expect(sim.store.folder(newId)?.part).toBe('archive');
      expect(sim.store.folder(newId)?.totalCount).toBe(2);
      expect(sim.store.folder(f.id)).toBeUndefined();
    } finally {
      sim.setSwitches({ crossMailboxFolderMoveCopy: 'ErrorCrossMailboxMoveCopy' });
    }
  });

  it('refuses to move a folder of a mailbox the caller may not open', async () => {
    const f = sim.store.createFolder(folderId('inbox'), 'Admin only');
    const answer = await post(sim, transfer('MoveFolder', dist('inbox'), fid(f.id)), { user: 'alice@contoso.com' });
    expect(codes(answer.text)[0]).toMatch(/^Error(FolderNotFound|ItemNotFound|AccessDenied)$/);
    expect(sim.store.folder(f.id)?.path).toBe('Top of Information Store/Inbox/Admin only');
  });
});

describe('CopyFolder', () => {
  it('copies the subtree with new folder and item ids and leaves the original alone', async () => {
    const t = tree(folderId('inbox'), 'Original');
    const answer = await post(sim, transfer('CopyFolder', dist('drafts'), fid(t.top.id)));
    expect(codes(answer.text)).toEqual(['NoError']);
    const copyId = folderIds(answer.text)[0] ?? '';
    expect(copyId).not.toBe(t.top.id);
    const copy = sim.store.folder(copyId);
    expect(copy?.path).toBe('Top of Information Store/Drafts/Original');
    expect(copy?.sourceKey).not.toBe(t.top.sourceKey);
    expect(copy?.totalCount).toBe(3);
    expect(copy?.unreadCount).toBe(3);
    const [childCopy] = sim.store.childFolders(copyId);
    expect(childCopy?.displayName).toBe('Original child');
    expect(childCopy?.id).not.toBe(t.child.id);
    expect(sim.store.itemCount(childCopy?.id ?? '')).toBe(2);
    const copiedItems = sim.store.folderItems(copyId).map((i) => i.id);
    for (const id of copiedItems) expect(t.topItems).not.toContain(id);
    expect(sim.store.folder(t.top.id)?.path).toBe('Top of Information Store/Inbox/Original');
    expect(sim.store.itemCount(t.top.id)).toBe(3);
  });

  it("copies the folder's FAI items (Traversal Associated) with it", async () => {
    const demo = await startSimulator({ demoScale: 0.02, bulkItems: 0, throttling: false });
    try {
      const associated = (id: string) =>
        post(
          demo,
          `<m:FindItem Traversal="Associated"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:IndexedPageItemView MaxEntriesReturned="100" Offset="0" BasePoint="Beginning"/><m:ParentFolderIds>${fid(id)}</m:ParentFolderIds></m:FindItem>`,
        );
      const total = (xml: string) => Number(/TotalItemsInView="(\d+)"/.exec(xml)?.[1] ?? '-1');
      const inbox = demo.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
      const original = total((await associated(inbox)).text);
      expect(original).toBeGreaterThan(0);
      const target = demo.store.createFolder(demo.store.folderByDistinguished(ADMIN, 'msgfolderroot')?.id ?? '', 'FAI copies');
      const answer = await post(demo, transfer('CopyFolder', fid(target.id), dist('inbox')));
      expect(codes(answer.text)).toEqual(['NoError']);
      expect(total((await associated(folderIds(answer.text)[0] ?? '')).text)).toBe(original);
    } finally {
      await demo.close();
    }
  });

  it('may copy a distinguished folder (as an ordinary folder); refuses its own subtree, a taken name and a mailbox root', async () => {
    const target = sim.store.createFolder(folderId('msgfolderroot'), 'Copies');
    const answer = await post(sim, transfer('CopyFolder', fid(target.id), dist('junkemail') + dist('junkemail') + dist('root')));
    expect(codes(answer.text)).toEqual(['NoError', 'ErrorFolderExists', 'ErrorMoveCopyFailed']);
    const copy = sim.store.folder(folderIds(answer.text)[0] ?? '');
    expect(copy?.distinguished).toBeUndefined();
    const self = await post(sim, transfer('CopyFolder', fid(target.id), fid(target.id)));
    expect(codes(self.text)).toEqual(['ErrorMoveCopyFailed']);
  });
});
