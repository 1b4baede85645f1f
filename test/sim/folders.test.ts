// Folder operations over HTTP: GetFolder, FindFolder, CreateFolder, DeleteFolder, EmptyFolder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { codes, dist, fault, fid, findFolder, folderIds, getFolder, messages, post, rootFolder, SOURCE_KEY_PROP } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ demoScale: 0.05, bulkItems: 50, throttling: false });
});
afterAll(() => sim.close());

const createFolder = (parent: string, names: string[], element = 'Folder'): string =>
  `<m:CreateFolder><m:ParentFolderId>${parent}</m:ParentFolderId><m:Folders>${names.map((n) => `<t:${element}><t:DisplayName>${n}</t:DisplayName></t:${element}>`).join('')}</m:Folders></m:CreateFolder>`;
const deleteFolder = (refs: string, type: string): string => `<m:DeleteFolder DeleteType="${type}"><m:FolderIds>${refs}</m:FolderIds></m:DeleteFolder>`;
const emptyFolder = (refs: string, type: string, sub: boolean): string =>
  `<m:EmptyFolder DeleteType="${type}" DeleteSubFolders="${sub}"><m:FolderIds>${refs}</m:FolderIds></m:EmptyFolder>`;

describe('GetFolder', () => {
  it('answers distinguished folders of the primary and archive mailbox, one message per id in order', async () => {
    const ids = [
      'inbox',
      'recoverableitemsroot',
      'recoverableitemsdeletions',
      'recoverableitemsversions',
      'recoverableitemspurges',
      'recoverableitemsdiscoveryholds',
      'archiveroot',
      'archivemsgfolderroot',
      'archivedeleteditems',
      'archiveinbox',
      'archiverecoverableitemsroot',
      'archiverecoverableitemsdeletions',
      'archiverecoverableitemsversions',
      'archiverecoverableitemspurges',
      'archiverecoverableitemsdiscoveryholds',
    ];
    const answer = await post(sim, getFolder(ids.map((i) => dist(i)).join('')));
    expect(answer.status).toBe(200);
    expect(codes(answer.text)).toEqual(ids.map(() => 'NoError'));
    expect(answer.text).toContain('<t:DisplayName>Recoverable Items</t:DisplayName>');
    expect(answer.text).toContain('<t:DisplayName>DiscoveryHolds</t:DisplayName>');
    expect(answer.text).toContain(
      '<h:ServerVersionInfo MajorVersion="15" MinorVersion="2" MajorBuildNumber="2562" MinorBuildNumber="17" Version="V2017_07_11"',
    );
  });

  it('writes PR_SOURCE_KEY back as lowercase hex whatever form was asked (hex or decimal)', async () => {
    const answer = await post(sim, getFolder(dist('inbox'), `${SOURCE_KEY_PROP}<t:ExtendedFieldURI PropertyTag="4340" PropertyType="Boolean"/>`));
    expect(answer.text).toContain('<t:ExtendedFieldURI PropertyTag="0x65e0" PropertyType="Binary"/>');
    expect(answer.text).toContain('<t:ExtendedFieldURI PropertyTag="0x10f4" PropertyType="Boolean"/><t:Value>false</t:Value>');
    const key = /PropertyTag="0x65e0" PropertyType="Binary"\/><t:Value>([^<]+)</.exec(answer.text)?.[1] ?? '';
    expect(Buffer.from(key, 'base64')).toHaveLength(22);
    expect(key).toBe(sim.store.folderByDistinguished('admin@contoso.com', 'inbox')?.sourceKey);
    const inboxId = folderIds(answer.text)[0] ?? '';
    expect(
      Buffer.from(inboxId, 'base64')
        .subarray(43 + 22, 43 + 44)
        .toString('base64'),
    ).toBe(key);
  });

  it('reaches another mailbox through t:Mailbox with FullAccess, answers ErrorFolderNotFound without, and ErrorNonExistentMailbox for an unknown one', async () => {
    const withRights = await post(
      sim,
      getFolder(dist('inbox', 'alice@contoso.com') + dist('archiveinbox', 'bob@contoso.com') + dist('inbox', 'nobody@contoso.com')),
    );
    expect(codes(withRights.text)).toEqual(['NoError', 'NoError', 'ErrorNonExistentMailbox']);
    expect(folderIds(withRights.text)[0]).toBe(sim.store.folderByDistinguished('alice@contoso.com', 'inbox')?.id);
    const asAlice = await post(sim, getFolder(dist('inbox', 'bob@contoso.com') + dist('inbox', 'alice@contoso.com')), { user: 'alice@contoso.com' });
    // "Handling delegation-related errors in EWS": no access reads as not found, and the batch goes on.
    expect(codes(asAlice.text)).toEqual(['ErrorFolderNotFound', 'NoError']);
    expect(messages(asAlice.text)[0]?.cls).toBe('Error');
    const own = await post(sim, getFolder(dist('inbox', 'alice@contoso.com')), { user: 'alice@contoso.com' });
    expect(codes(own.text)).toEqual(['NoError']);
  });

  it('rejects upper-case distinguished ids as a schema violation (case-sensitive enum)', async () => {
    const answer = await post(sim, getFolder(dist('Inbox')));
    expect(answer.status).toBe(500);
    expect(fault(answer.text)?.code).toBe('ErrorSchemaValidation');
  });

  it('answers id errors per folder: malformed, item id for folder id, bad ChangeKey, gone folder', async () => {
    const itemId = sim.store.folderItems(sim.store.folderByDistinguished('admin@contoso.com', 'inbox')?.id ?? '', { limit: 1 })[0]?.id ?? '';
    const inboxId = sim.store.folderByDistinguished('admin@contoso.com', 'inbox')?.id ?? '';
    const answer = await post(sim, getFolder(`${fid('AAAA==')}${fid(itemId)}<t:FolderId Id="${inboxId}" ChangeKey="XXX"/>${fid(inboxId)}`));
    expect(codes(answer.text)).toEqual(['ErrorInvalidIdMalformed', 'ErrorCannotUseItemIdForFolderId', 'ErrorInvalidChangeKey', 'NoError']);
    expect(answer.text).toContain(
      '<m:GetFolderResponseMessage ResponseClass="Error"><m:MessageText>Id is malformed.</m:MessageText><m:ResponseCode>ErrorInvalidIdMalformed</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey><m:Folders/>',
    );
  });
});

describe('a user without an archive', () => {
  it('answers archive ids per the missingArchive switch', async () => {
    const solo = await startSimulator({
      seed: 'empty',
      throttling: false,
      users: [{ smtp: 'solo@fabrikam.com', name: 'Solo', password: 'pw', hasArchive: false }],
    });
    try {
      const ask = () => post(solo, getFolder(dist('archiveinbox') + dist('inbox')), { user: 'solo@fabrikam.com', password: 'pw' });
      expect(codes((await ask()).text)).toEqual(['ErrorFolderNotFound', 'NoError']);
      solo.setSwitches({ missingArchive: 'ErrorArchiveMailboxNotEnabled' });
      expect(codes((await ask()).text)).toEqual(['ErrorArchiveMailboxNotEnabled', 'NoError']);
    } finally {
      await solo.close();
    }
  });
});

describe('FindFolder', () => {
  it('Deep from msgfolderroot never returns the dumpster; from root it does', async () => {
    const ipm = await post(sim, findFolder(dist('msgfolderroot'), 'Deep'));
    expect(ipm.text).toContain('<t:DisplayName>Inbox</t:DisplayName>');
    expect(ipm.text).not.toContain('Recoverable Items');
    expect(ipm.text).not.toContain('<t:DisplayName>Deletions</t:DisplayName>');
    expect(rootFolder(ipm.text)?.offset).toBeUndefined();
    const all = await post(sim, findFolder(dist('root'), 'Deep'));
    for (const name of ['Recoverable Items', 'Deletions', 'Versions', 'Purges', 'DiscoveryHolds'])
      expect(all.text).toContain(`<t:DisplayName>${name}</t:DisplayName>`);
    const archive = await post(sim, findFolder(dist('archivemsgfolderroot'), 'Deep'));
    expect(archive.text).not.toContain('Recoverable Items');
    expect(archive.text).toContain('<t:DisplayName>2021</t:DisplayName>');
  });

  it('Shallow lists children with typed folder elements and source keys', async () => {
    const answer = await post(sim, findFolder(dist('msgfolderroot'), 'Shallow', '', SOURCE_KEY_PROP));
    expect(answer.text).toContain('<t:CalendarFolder>');
    expect(answer.text).toContain('<t:ContactsFolder>');
    expect(answer.text).toContain('<t:TasksFolder>');
    expect(answer.text.match(/PropertyTag="0x65e0"/g)?.length).toBe(folderIds(answer.text).length);
  });

  it('pages with IndexedPageFolderView', async () => {
    const first = await post(
      sim,
      findFolder(dist('msgfolderroot'), 'Deep', '<m:IndexedPageFolderView MaxEntriesReturned="3" Offset="0" BasePoint="Beginning"/>'),
    );
    const all = await post(sim, findFolder(dist('msgfolderroot'), 'Deep'));
    const total = folderIds(all.text).length;
    expect(rootFolder(first.text)).toEqual({ offset: 3, total, last: false });
    const last = await post(
      sim,
      findFolder(dist('msgfolderroot'), 'Deep', `<m:IndexedPageFolderView MaxEntriesReturned="10" Offset="${total - 2}" BasePoint="Beginning"/>`),
    );
    expect(rootFolder(last.text)).toEqual({ offset: total, total, last: true });
    expect(folderIds(last.text)).toHaveLength(2);
  });

  it('filters with a restriction on the display name', async () => {
    const answer = await post(
      sim,
      `<m:FindFolder Traversal="Deep"><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:Restriction><t:Contains ContainmentMode="Substring" ContainmentComparison="IgnoreCase"><t:FieldURI FieldURI="folder:DisplayName"/><t:Constant Value="items"/></t:Contains></m:Restriction><m:ParentFolderIds>${dist('root')}</m:ParentFolderIds></m:FindFolder>`,
    );
    // Sent Items, Deleted Items, Recoverable Items.
    expect(rootFolder(answer.text)?.total).toBe(3);
  });
});

describe('CreateFolder', () => {
  it('creates folders, and answers ErrorFolderExists for a duplicate name and ErrorParentFolderNotFound for a gone parent', async () => {
    const answer = await post(sim, createFolder(dist('inbox'), ['Create test', 'create TEST', 'Tasks copy']));
    expect(codes(answer.text)).toEqual(['NoError', 'ErrorFolderExists', 'NoError']);
    const [created] = folderIds(answer.text);
    expect(sim.store.folder(created ?? '')?.path).toBe('Top of Information Store/Inbox/Create test');
    sim.store.removeFolder(created ?? '');
    const orphan = await post(sim, createFolder(fid(created ?? ''), ['child']));
    expect(codes(orphan.text)).toEqual(['ErrorParentFolderNotFound']);
    expect(orphan.text).toContain('<m:Folders/>');
  });
});

describe('DeleteFolder', () => {
  it('refuses distinguished folders', async () => {
    const inbox = sim.store.folderByDistinguished('admin@contoso.com', 'inbox')?.id ?? '';
    const answer = await post(sim, deleteFolder(dist('inbox') + fid(inbox) + dist('recoverableitemsdeletions'), 'HardDelete'));
    expect(codes(answer.text)).toEqual(['ErrorDeleteDistinguishedFolder', 'ErrorDeleteDistinguishedFolder', 'ErrorDeleteDistinguishedFolder']);
  });

  it('MoveToDeletedItems moves the folder with its contents under Deleted Items and keeps its id', async () => {
    const inbox = sim.store.folderByDistinguished('admin@contoso.com', 'inbox')?.id ?? '';
    const folder = sim.store.createFolder(inbox, 'To be moved');
    const child = sim.store.createFolder(folder.id, 'Inner');
    const ids = sim.store.seedItems(child.id, 5);
    const answer = await post(sim, deleteFolder(fid(folder.id), 'MoveToDeletedItems'));
    expect(codes(answer.text)).toEqual(['NoError']);
    const moved = sim.store.folder(folder.id);
    expect(moved?.path).toBe('Top of Information Store/Deleted Items/To be moved');
    expect(sim.store.locate(ids[0] ?? '')?.folderId).toBe(child.id);
    // Deleting it again from Deleted Items removes it; afterwards its id is ErrorItemNotFound.
    expect(codes((await post(sim, deleteFolder(fid(folder.id), 'HardDelete'))).text)).toEqual(['NoError']);
    expect(sim.store.folder(folder.id)).toBeUndefined();
    expect(sim.store.locate(ids[0] ?? '')).toBeUndefined();
    expect(codes((await post(sim, getFolder(fid(folder.id)))).text)).toEqual(['ErrorItemNotFound']);
    expect(codes((await post(sim, deleteFolder(fid(folder.id), 'HardDelete'))).text)).toEqual(['ErrorItemNotFound']);
  });

  it('HardDelete removes the folder outright, never into Purges; its items go where hard-deleted items go (admin: SIR, so Purges)', async () => {
    const inbox = sim.store.folderByDistinguished('admin@contoso.com', 'inbox')?.id ?? '';
    const purges = sim.store.folderByDistinguished('admin@contoso.com', 'recoverableitemspurges');
    const folder = sim.store.createFolder(inbox, 'Hard');
    sim.store.seedItems(folder.id, 3);
    await post(sim, deleteFolder(fid(folder.id), 'HardDelete'));
    expect(sim.store.folder(folder.id)).toBeUndefined();
    expect(sim.store.folderByDistinguished('admin@contoso.com', 'recoverableitemspurges')?.totalCount).toBe((purges?.totalCount ?? 0) + 3);
    expect(sim.store.folderItems(purges?.id ?? '').filter((i) => i.lastActiveParentEntryId === folder.sourceKey)).toHaveLength(3);
    expect(sim.store.childFolders(purges?.id ?? '')).toHaveLength(0);
  });

  it('SoftDelete follows the folderSoftDelete switch: remove (default), dumpster, error', async () => {
    const inbox = sim.store.folderByDistinguished('admin@contoso.com', 'inbox')?.id ?? '';
    const a = sim.store.createFolder(inbox, 'Soft A');
    await post(sim, deleteFolder(fid(a.id), 'SoftDelete'));
    expect(sim.store.folder(a.id)).toBeUndefined();
    sim.setSwitches({ folderSoftDelete: 'dumpster' });
    const b = sim.store.createFolder(inbox, 'Soft B');
    await post(sim, deleteFolder(fid(b.id), 'SoftDelete'));
    expect(sim.store.folder(b.id)?.path).toBe('Recoverable Items/Deletions/Soft B');
    sim.setSwitches({ folderSoftDelete: 'error' });
    const c = sim.store.createFolder(inbox, 'Soft C');
    expect(codes((await post(sim, deleteFolder(fid(c.id), 'SoftDelete'))).text)).toEqual(['ErrorCannotDeleteObject']);
    sim.setSwitches({ folderSoftDelete: 'remove' });
  });
});

describe('EmptyFolder', () => {
  it('honours DeleteType and DeleteSubFolders', async () => {
    const inbox = sim.store.folderByDistinguished('admin@contoso.com', 'inbox')?.id ?? '';
    const folder = sim.store.createFolder(inbox, 'Empty me');
    const sub = sim.store.createFolder(folder.id, 'Sub');
    const ids = sim.store.seedItems(folder.id, 4);
    sim.store.seedItems(sub.id, 2);
    const deletionsBefore = sim.store.folderByDistinguished('admin@contoso.com', 'recoverableitemsdeletions')?.totalCount ?? 0;
    expect(codes((await post(sim, emptyFolder(fid(folder.id), 'SoftDelete', false))).text)).toEqual(['NoError']);
    expect(sim.store.itemCount(folder.id)).toBe(0);
    expect(sim.store.itemCount(sub.id)).toBe(2);
    expect(sim.store.folderByDistinguished('admin@contoso.com', 'recoverableitemsdeletions')?.totalCount).toBe(deletionsBefore + 4);
    const deletions = sim.store.folderItems(sim.store.folderByDistinguished('admin@contoso.com', 'recoverableitemsdeletions')?.id ?? '');
    expect(deletions.filter((i) => i.lastActiveParentEntryId === folder.sourceKey)).toHaveLength(4);
    expect(sim.store.locate(ids[0] ?? '')).toBeUndefined();
    expect(codes((await post(sim, emptyFolder(fid(folder.id), 'HardDelete', true))).text)).toEqual(['NoError']);
    expect(sim.store.folder(sub.id)).toBeUndefined();
    expect(sim.store.folder(folder.id)?.childFolderCount).toBe(0);
  });

  it('MoveToDeletedItems with DeleteSubFolders moves the subfolders under Deleted Items', async () => {
    const inbox = sim.store.folderByDistinguished('admin@contoso.com', 'inbox')?.id ?? '';
    const folder = sim.store.createFolder(inbox, 'Empty to deleted');
    const sub = sim.store.createFolder(folder.id, 'Moving sub');
    const [id] = sim.store.seedItems(folder.id, 1);
    expect(codes((await post(sim, emptyFolder(fid(folder.id), 'MoveToDeletedItems', true))).text)).toEqual(['NoError']);
    expect(sim.store.folder(sub.id)?.path).toBe('Top of Information Store/Deleted Items/Moving sub');
    expect(sim.store.locate(id ?? '')).toBeUndefined();
    expect(sim.store.itemCount(folder.id)).toBe(0);
  });

  it('refuses DeleteSubFolders over undeletable folders', async () => {
    expect(codes((await post(sim, emptyFolder(dist('msgfolderroot'), 'HardDelete', true))).text)).toEqual(['ErrorCannotEmptyFolder']);
  });

  it('is a schema violation without DeleteSubFolders', async () => {
    const answer = await post(sim, `<m:EmptyFolder DeleteType="HardDelete"><m:FolderIds>${dist('inbox')}</m:FolderIds></m:EmptyFolder>`);
    expect(fault(answer.text)?.code).toBe('ErrorSchemaValidation');
  });
});
