// Moves and copies that touch the dumpster, over HTTP (issue 9 gaps 1–3): a move or copy into a
// full Recoverable Items folder is refused like a delete into it; under a hold nothing leaves
// Purges or DiscoveryHolds (MoveItem, DeleteItem MoveToDeletedItems, EmptyFolder), per the
// heldDumpsterMoveOut switch; MoveToDeletedItems inside Deleted Items per its switch; associated
// (FAI) items take HardDelete only and cannot be moved or copied; EmptyFolder and FAI items per the
// emptyFolderAssociated switch. Every response is validated against the EWS schemas.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SWITCHES, startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { schemaAvailable, validateEnvelopeBodies, type NamedDocument } from '../support/schema';
import { ADMIN, codes, deleteItems, dist, fid, itemIds, messages, moveItems, post } from './helpers';

const GB = 1024 ** 3;
let sim: RunningSimulator;
let work = '';
const docs: NamedDocument[] = [];

beforeAll(async () => {
  sim = await startSimulator({ demoScale: 0.02, bulkItems: 0, throttling: false });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setSwitches({
    recoverableItemsFullError: DEFAULT_SWITCHES.recoverableItemsFullError,
    heldDumpsterMoveOut: DEFAULT_SWITCHES.heldDumpsterMoveOut,
    moveToDeletedItemsInDeletedItems: DEFAULT_SWITCHES.moveToDeletedItemsInDeletedItems,
    emptyFolderAssociated: DEFAULT_SWITCHES.emptyFolderAssociated,
  });
  sim.store.setRetention(ADMIN, { singleItemRecovery: true, litigationHold: false, inPlaceHold: false, extraDumpsterBytes: { primary: 0, archive: 0 } });
  const inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
  work = sim.store.createFolder(inbox, `Moves ${Math.random().toString(36).slice(2)}`).id;
});

async function call(name: string, body: string): Promise<string> {
  const answer = await post(sim, body);
  expect(answer.status, name).toBe(200);
  docs.push({ name, xml: answer.text });
  return answer.text;
}

const folderId = (name: string): string => {
  const folder = sim.store.folderByDistinguished(ADMIN, name);
  if (!folder) throw new Error(`no ${name}`);
  return folder.id;
};
const seed = (folder: string, n: number, subject = 'moved'): string[] => sim.store.seedItems(folder, n, { subject });
const innerCode = (xml: string): string | undefined => /<t:Value Name="InnerErrorResponseCode">([^<]*)<\/t:Value>/.exec(xml)?.[1];
const fillDumpster = (bytes: number): void => {
  sim.store.setRetention(ADMIN, { extraDumpsterBytes: { primary: bytes, archive: 0 } });
};
const emptyFolder = (id: string, type: string): string =>
  `<m:EmptyFolder DeleteType="${type}" DeleteSubFolders="false"><m:FolderIds>${fid(id)}</m:FolderIds></m:EmptyFolder>`;
const associated = (parent: string): string =>
  `<m:FindItem Traversal="Associated"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:IndexedPageItemView MaxEntriesReturned="100" Offset="0" BasePoint="Beginning"/><m:ParentFolderIds>${parent}</m:ParentFolderIds></m:FindItem>`;

describe('MoveItem and CopyItem into a full Recoverable Items folder', () => {
  for (const op of ['MoveItem', 'CopyItem'] as const) {
    it(`${op} into Deletions is refused per item with the quota answer, nothing moved`, async () => {
      const ids = seed(work, 2);
      fillDumpster(30 * GB);
      const answer = await call(`${op} into full Deletions`, moveItems(ids, dist('recoverableitemsdeletions'), op));
      expect(codes(answer)).toEqual(['ErrorInternalServerError', 'ErrorInternalServerError']);
      expect(innerCode(messages(answer)[0]?.xml ?? '')).toBe('ErrorQuotaExceededOnDelete');
      expect(answer).toContain('<m:Items/>');
      for (const id of ids) expect(sim.store.locate(id)?.folderId).toBe(work);
    });
  }

  it('with the ErrorQuotaExceeded switch the first item stops the batch', async () => {
    sim.setSwitches({ recoverableItemsFullError: 'ErrorQuotaExceeded' });
    const ids = seed(work, 2);
    fillDumpster(30 * GB);
    const answer = await call('MoveItem into full Purges, ErrorQuotaExceeded', moveItems(ids, dist('recoverableitemspurges')));
    expect(messages(answer).map((m) => [m.cls, m.code])).toEqual([
      ['Error', 'ErrorQuotaExceeded'],
      ['Warning', 'ErrorBatchProcessingStopped'],
    ]);
  });

  it('below the limit the move goes in; moves inside the dumpster need no room, copies inside it do', async () => {
    const [id] = seed(work, 1);
    // Just below the limit, counting what the demo dumpster already holds.
    fillDumpster(30 * GB - sim.store.retention(ADMIN).primary.bytes - 1_000_000);
    const moved = await call('MoveItem into Deletions below the limit', moveItems([id ?? ''], dist('recoverableitemsdeletions')));
    expect(codes(moved)).toEqual(['NoError']);
    const inDeletions = itemIds(moved)[0]?.id ?? '';
    fillDumpster(30 * GB);
    expect(codes(await call('MoveItem Deletions → Versions when full', moveItems([inDeletions], dist('recoverableitemsversions'))))).toEqual(['NoError']);
    const [inVersions] = seed(folderId('recoverableitemsversions'), 1);
    expect(innerCode(await call('CopyItem Versions → Deletions when full', moveItems([inVersions ?? ''], dist('recoverableitemsdeletions'), 'CopyItem')))).toBe(
      'ErrorQuotaExceededOnDelete',
    );
  });

  it('a move out of the dumpster is never refused for quota', async () => {
    const [id] = seed(folderId('recoverableitemsdeletions'), 1);
    fillDumpster(31 * GB);
    expect(codes(await call('MoveItem Deletions → work when full', moveItems([id ?? ''], fid(work))))).toEqual(['NoError']);
  });
});

describe('held items cannot leave Purges or DiscoveryHolds', () => {
  for (const hold of ['litigationHold', 'inPlaceHold'] as const) {
    for (const area of ['recoverableitemspurges', 'recoverableitemsdiscoveryholds'] as const) {
      it(`${hold}: MoveItem and DeleteItem MoveToDeletedItems from ${area} are ErrorCannotDeleteObject, the item stays`, async () => {
        sim.store.setRetention(ADMIN, { [hold]: true });
        const [id] = seed(folderId(area), 1, 'held');
        expect(codes(await call(`MoveItem out of ${area} under ${hold}`, moveItems([id ?? ''], fid(work))))).toEqual(['ErrorCannotDeleteObject']);
        expect(codes(await call(`MoveToDeletedItems in ${area} under ${hold}`, deleteItems([id ?? ''], 'MoveToDeletedItems')))).toEqual([
          'ErrorCannotDeleteObject',
        ]);
        expect(sim.store.locate(id ?? '')?.folderId).toBe(folderId(area));
      });
    }
  }

  it('CopyItem out of Purges under a hold is allowed: the held original stays', async () => {
    sim.store.setRetention(ADMIN, { litigationHold: true });
    const [id] = seed(folderId('recoverableitemspurges'), 1, 'copied out');
    expect(codes(await call('CopyItem out of held Purges', moveItems([id ?? ''], fid(work), 'CopyItem')))).toEqual(['NoError']);
    expect(sim.store.locate(id ?? '')?.folderId).toBe(folderId('recoverableitemspurges'));
    expect(sim.store.folderItems(work).map((i) => i.subject)).toEqual(['copied out']);
  });

  it('EmptyFolder MoveToDeletedItems on held Purges is refused for the folder, nothing moved', async () => {
    sim.store.setRetention(ADMIN, { inPlaceHold: true });
    const purges = folderId('recoverableitemspurges');
    seed(purges, 2, 'held in place');
    const before = sim.store.itemCount(purges);
    expect(codes(await call('EmptyFolder MoveToDeletedItems held Purges', emptyFolder(purges, 'MoveToDeletedItems')))).toEqual(['ErrorCannotDeleteObject']);
    expect(sim.store.itemCount(purges)).toBe(before);
  });

  it('without a hold (SIR only), or with the switch at allow, the move goes through', async () => {
    const [id] = seed(folderId('recoverableitemspurges'), 1);
    expect(codes(await call('MoveItem out of Purges, SIR only', moveItems([id ?? ''], fid(work))))).toEqual(['NoError']);
    sim.store.setRetention(ADMIN, { litigationHold: true });
    sim.setSwitches({ heldDumpsterMoveOut: 'allow' });
    const [held] = seed(folderId('recoverableitemspurges'), 1);
    expect(codes(await call('MoveItem out of held Purges, allow', moveItems([held ?? ''], fid(work))))).toEqual(['NoError']);
    expect(sim.store.locate(held ?? '')).toBeUndefined();
  });

  it('moves out of Deletions and Versions stay allowed under a hold', async () => {
    sim.store.setRetention(ADMIN, { litigationHold: true });
    const [a] = seed(folderId('recoverableitemsdeletions'), 1);
    const [b] = seed(folderId('recoverableitemsversions'), 1);
    expect(codes(await call('MoveItem out of Deletions and Versions under hold', moveItems([a ?? '', b ?? ''], fid(work))))).toEqual(['NoError', 'NoError']);
  });
});

describe('MoveToDeletedItems of an item already in Deleted Items', () => {
  it('softDelete (default): the item goes to Deletions, stamped with Deleted Items, keeping its ChangeKey', async () => {
    const deleted = folderId('deleteditems');
    const [id] = seed(deleted, 1, 'deleted twice');
    const changeKey = sim.store.locate(id ?? '')?.item.changeKey;
    expect(codes(await call('MoveToDeletedItems in Deleted Items', deleteItems([id ?? ''], 'MoveToDeletedItems')))).toEqual(['NoError']);
    const landed = sim.store.folderItems(folderId('recoverableitemsdeletions')).filter((i) => i.subject === 'deleted twice');
    expect(landed).toHaveLength(1);
    expect(landed[0]?.lastActiveParentEntryId).toBe(sim.store.folder(deleted)?.sourceKey);
    expect(landed[0]?.changeKey).toBe(changeKey);
  });

  it('softDelete applies to subfolders of Deleted Items and to EmptyFolder there', async () => {
    const sub = sim.store.createFolder(folderId('deleteditems'), `sub ${Math.random().toString(36).slice(2)}`).id;
    seed(sub, 3, 'emptied from deleted');
    expect(codes(await call('EmptyFolder MoveToDeletedItems in Deleted Items', emptyFolder(sub, 'MoveToDeletedItems')))).toEqual(['NoError']);
    expect(sim.store.itemCount(sub)).toBe(0);
    expect(sim.store.folderItems(folderId('recoverableitemsdeletions')).filter((i) => i.subject === 'emptied from deleted')).toHaveLength(3);
  });

  it('softDelete into a full dumpster is refused with the quota answer, the item stays', async () => {
    const [id] = seed(folderId('deleteditems'), 1, 'no room');
    fillDumpster(30 * GB);
    expect(innerCode(await call('MoveToDeletedItems in Deleted Items, dumpster full', deleteItems([id ?? ''], 'MoveToDeletedItems')))).toBe(
      'ErrorQuotaExceededOnDelete',
    );
    expect(sim.store.locate(id ?? '')?.folderId).toBe(folderId('deleteditems'));
  });

  it('move: the item stays in Deleted Items with a new id', async () => {
    sim.setSwitches({ moveToDeletedItemsInDeletedItems: 'move' });
    const [id] = seed(folderId('deleteditems'), 1, 'moved in place');
    expect(codes(await call('MoveToDeletedItems in Deleted Items, move', deleteItems([id ?? ''], 'MoveToDeletedItems')))).toEqual(['NoError']);
    expect(sim.store.locate(id ?? '')).toBeUndefined();
    expect(sim.store.folderItems(folderId('deleteditems')).filter((i) => i.subject === 'moved in place')).toHaveLength(1);
  });
});

describe('associated (FAI) items', () => {
  const inboxFai = async (): Promise<string[]> => itemIds((await post(sim, associated(dist('inbox')))).text).map((i) => i.id);

  it('MoveItem and CopyItem refuse them with ErrorInvalidOperation; a normal item in the batch still moves', async () => {
    const [fai] = await inboxFai();
    const [normal] = seed(work, 1);
    for (const op of ['MoveItem', 'CopyItem'] as const) {
      const answer = await call(`${op} FAI`, moveItems([fai ?? '', normal ?? ''].slice(0, op === 'MoveItem' ? 2 : 1), dist('deleteditems'), op));
      expect(codes(answer)[0]).toBe('ErrorInvalidOperation');
      if (op === 'MoveItem') expect(codes(answer)[1]).toBe('NoError');
    }
    expect(await inboxFai()).toContain(fai);
  });

  for (const type of ['MoveToDeletedItems', 'SoftDelete'] as const) {
    it(`DeleteItem ${type} refuses them with ErrorInvalidOperation`, async () => {
      const [fai] = await inboxFai();
      expect(codes(await call(`DeleteItem ${type} FAI`, deleteItems([fai ?? ''], type)))).toEqual(['ErrorInvalidOperation']);
      expect(await inboxFai()).toContain(fai);
    });
  }

  it('DeleteItem HardDelete removes one', async () => {
    const before = await inboxFai();
    expect(codes(await call('DeleteItem HardDelete FAI', deleteItems([before[0] ?? ''], 'HardDelete')))).toEqual(['NoError']);
    expect(await inboxFai()).toEqual(before.slice(1));
  });

  it('EmptyFolder keeps them by default and removes them with emptyFolderAssociated delete', async () => {
    const calendar = folderId('calendar');
    const before = itemIds((await post(sim, associated(dist('calendar')))).text);
    expect(before.length).toBeGreaterThan(0);
    expect(codes(await call('EmptyFolder calendar keep FAI', emptyFolder(calendar, 'HardDelete')))).toEqual(['NoError']);
    expect(itemIds((await post(sim, associated(dist('calendar')))).text)).toEqual(before);
    sim.setSwitches({ emptyFolderAssociated: 'delete' });
    expect(codes(await call('EmptyFolder calendar delete FAI', emptyFolder(calendar, 'SoftDelete')))).toEqual(['NoError']);
    expect(itemIds((await post(sim, associated(dist('calendar')))).text)).toEqual([]);
  });
});

describe.skipIf(!schemaAvailable)('schema', () => {
  it('every response above validates against the EWS schemas', async () => {
    expect(docs.length).toBeGreaterThan(20);
    expect(await validateEnvelopeBodies(docs)).toEqual([]);
  });
});
