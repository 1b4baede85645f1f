// Single item recovery, holds and the Recoverable Items quota over HTTP (issue 9 §1.4, EWS-FACTS §7):
// where HardDelete and purges send items per mailbox, purges refused under a hold, and deletes
// refused once the dumpster is full.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim/index';
import { ADMIN, codes, deleteItems, fid, messages, post } from './helpers';

const GB = 1024 ** 3;
let sim: RunningSimulator;
let work = '';
beforeAll(async () => {
  sim = await startSimulator({ demoScale: 0.02, bulkItems: 0, throttling: false });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setSwitches({ purgesUnderSingleItemRecovery: 'refuse', recoverableItemsFullError: 'innerQuotaExceededOnDelete' });
  sim.store.setRetention(ADMIN, { singleItemRecovery: false, litigationHold: false, inPlaceHold: false, extraDumpsterBytes: { primary: 0, archive: 0 } });
  const inbox = sim.store.folderByDistinguished(ADMIN, 'inbox')?.id ?? '';
  work = sim.store.createFolder(inbox, `Retention ${Math.random().toString(36).slice(2)}`).id;
});

const folderOf = (name: string, user = ADMIN) => {
  const folder = sim.store.folderByDistinguished(user, name);
  if (!folder) throw new Error(`no ${name}`);
  return folder;
};
const count = (name: string): number => folderOf(name).totalCount;
const emptyFolder = (id: string, type: string): string =>
  `<m:EmptyFolder DeleteType="${type}" DeleteSubFolders="false"><m:FolderIds>${fid(id)}</m:FolderIds></m:EmptyFolder>`;
const innerCode = (xml: string): string | undefined => /<t:Value Name="InnerErrorResponseCode">([^<]*)<\/t:Value>/.exec(xml)?.[1];
/** Items of a dumpster folder that came from `sourceKey`. */
const from = (name: string, sourceKey: string | undefined) => sim.store.folderItems(folderOf(name).id).filter((i) => i.lastActiveParentEntryId === sourceKey);

describe('demo retention settings', () => {
  it('admin has single item recovery, alice a litigation hold, carol an In-Place Hold, bob neither; quotas 20/30 GB, 90/100 GB on hold', async () => {
    const fresh = await startSimulator({ demoScale: 0.01, bulkItems: 0, throttling: false });
    try {
      expect(fresh.store.retention(ADMIN)).toMatchObject({
        singleItemRecovery: true,
        litigationHold: false,
        inPlaceHold: false,
        primary: { warningQuota: 20 * GB, quota: 30 * GB, state: 'ok' },
      });
      expect(fresh.store.retention('alice@contoso.com')).toMatchObject({
        singleItemRecovery: false,
        litigationHold: true,
        primary: { warningQuota: 90 * GB, quota: 100 * GB },
      });
      expect(fresh.store.retention('carol@contoso.com')).toMatchObject({ inPlaceHold: true, litigationHold: false });
      expect(fresh.store.retention('bob@contoso.com')).toMatchObject({ singleItemRecovery: false, litigationHold: false, inPlaceHold: false });
      const bob = fresh.store.retention('bob@contoso.com');
      expect(bob.primary.bytes).toBeGreaterThan(0);
      expect(bob.archive?.state).toBe('ok');
    } finally {
      await fresh.close();
    }
  });
});

describe('HardDelete per mailbox', () => {
  it('neither SIR nor a hold: the item is gone, Purges unchanged', async () => {
    const [id] = sim.store.seedItems(work, 1);
    const purges = count('recoverableitemspurges');
    expect(codes((await post(sim, deleteItems([id ?? ''], 'HardDelete'))).text)).toEqual(['NoError']);
    expect(sim.store.locate(id ?? '')).toBeUndefined();
    expect(count('recoverableitemspurges')).toBe(purges);
  });

  for (const setting of ['singleItemRecovery', 'litigationHold', 'inPlaceHold'] as const) {
    it(`${setting}: the item goes to Purges, stamped with its folder and keeping its ChangeKey`, async () => {
      sim.store.setRetention(ADMIN, { [setting]: true });
      const [id] = sim.store.seedItems(work, 1, { subject: `hard ${setting}` });
      const changeKey = sim.store.locate(id ?? '')?.item.changeKey;
      expect(codes((await post(sim, deleteItems([id ?? ''], 'HardDelete'))).text)).toEqual(['NoError']);
      const kept = from('recoverableitemspurges', sim.store.folder(work)?.sourceKey);
      expect(kept.map((i) => i.subject)).toEqual([`hard ${setting}`]);
      expect(kept[0]?.changeKey).toBe(changeKey);
    });
  }

  it('a hold covers the archive mailbox too', async () => {
    sim.store.setRetention(ADMIN, { litigationHold: true });
    const [id] = sim.store.seedItems(folderOf('archiveinbox').id, 1, { subject: 'archived and held' });
    expect(codes((await post(sim, deleteItems([id ?? ''], 'HardDelete'))).text)).toEqual(['NoError']);
    expect(from('archiverecoverableitemspurges', folderOf('archiveinbox').sourceKey).map((i) => i.subject)).toEqual(['archived and held']);
  });

  it('SoftDelete goes to Deletions whatever the settings', async () => {
    const [id] = sim.store.seedItems(work, 1, { subject: 'soft' });
    expect(codes((await post(sim, deleteItems([id ?? ''], 'SoftDelete'))).text)).toEqual(['NoError']);
    expect(from('recoverableitemsdeletions', sim.store.folder(work)?.sourceKey).map((i) => i.subject)).toEqual(['soft']);
  });
});

describe('purging Deletions and Versions', () => {
  const seedDeletions = (n: number): string[] =>
    sim.store.seedItems(folderOf('recoverableitemsdeletions').id, n, { lastActiveParentFolderId: work, subject: (i) => `purge me ${i}` });

  it('neither SIR nor a hold: HardDelete and SoftDelete of Deletions items purge them', async () => {
    const ids = seedDeletions(2);
    const purges = count('recoverableitemspurges');
    expect(codes((await post(sim, deleteItems(ids.slice(0, 1), 'HardDelete'))).text)).toEqual(['NoError']);
    expect(codes((await post(sim, deleteItems(ids.slice(1), 'SoftDelete'))).text)).toEqual(['NoError']);
    expect(ids.map((id) => sim.store.locate(id))).toEqual([undefined, undefined]);
    expect(count('recoverableitemspurges')).toBe(purges);
  });

  it('with SIR: they move to Purges keeping the LastActiveParentEntryId of their real home', async () => {
    sim.store.setRetention(ADMIN, { singleItemRecovery: true });
    const ids = seedDeletions(2);
    expect(codes((await post(sim, deleteItems(ids, 'HardDelete'))).text)).toEqual(['NoError', 'NoError']);
    expect(
      from('recoverableitemspurges', sim.store.folder(work)?.sourceKey)
        .map((i) => i.subject)
        .sort(),
    ).toEqual(['purge me 0', 'purge me 1']);
  });

  it('EmptyFolder on Deletions: gone without SIR, to Purges with a hold', async () => {
    seedDeletions(3);
    expect(codes((await post(sim, emptyFolder(folderOf('recoverableitemsdeletions').id, 'HardDelete'))).text)).toEqual(['NoError']);
    expect(count('recoverableitemsdeletions')).toBe(0);
    expect(from('recoverableitemspurges', sim.store.folder(work)?.sourceKey)).toHaveLength(0);
    sim.store.setRetention(ADMIN, { litigationHold: true });
    seedDeletions(3);
    expect(codes((await post(sim, emptyFolder(folderOf('recoverableitemsdeletions').id, 'SoftDelete'))).text)).toEqual(['NoError']);
    expect(count('recoverableitemsdeletions')).toBe(0);
    expect(from('recoverableitemspurges', sim.store.folder(work)?.sourceKey)).toHaveLength(3);
  });

  it('under a hold a Versions item is kept in Purges, not purged', async () => {
    sim.store.setRetention(ADMIN, { inPlaceHold: true });
    const [id] = sim.store.seedItems(folderOf('recoverableitemsversions').id, 1, { lastActiveParentFolderId: work, subject: 'old version' });
    expect(codes((await post(sim, deleteItems([id ?? ''], 'HardDelete'))).text)).toEqual(['NoError']);
    expect(from('recoverableitemspurges', sim.store.folder(work)?.sourceKey).map((i) => i.subject)).toEqual(['old version']);
  });
});

describe('purging Purges and DiscoveryHolds', () => {
  for (const name of ['recoverableitemspurges', 'recoverableitemsdiscoveryholds']) {
    it(`${name}: refused per item under a hold (ErrorCannotDeleteObject), the rest of the batch proceeds`, async () => {
      sim.store.setRetention(ADMIN, { litigationHold: true });
      const held = sim.store.seedItems(folderOf(name).id, 2);
      const [free] = sim.store.seedItems(work, 1);
      const answer = await post(sim, deleteItems([held[0] ?? '', free ?? '', held[1] ?? ''], 'HardDelete'));
      expect(messages(answer.text).map((m) => `${m.cls}/${m.code}`)).toEqual([
        'Error/ErrorCannotDeleteObject',
        'Success/NoError',
        'Error/ErrorCannotDeleteObject',
      ]);
      expect(held.map((id) => sim.store.locate(id)?.distinguished)).toEqual([name, name]);
      const before = count(name);
      expect(codes((await post(sim, emptyFolder(folderOf(name).id, 'HardDelete'))).text)).toEqual(['ErrorCannotDeleteObject']);
      expect(count(name)).toBe(before);
    });
  }

  it('without SIR or a hold: purged', async () => {
    const ids = sim.store.seedItems(folderOf('recoverableitemspurges').id, 2);
    expect(codes((await post(sim, deleteItems(ids, 'HardDelete'))).text)).toEqual(['NoError', 'NoError']);
    expect(ids.map((id) => sim.store.locate(id))).toEqual([undefined, undefined]);
  });

  it('SIR alone follows purgesUnderSingleItemRecovery: refuse (default), purge', async () => {
    sim.store.setRetention(ADMIN, { singleItemRecovery: true });
    const [a, b] = sim.store.seedItems(folderOf('recoverableitemspurges').id, 2);
    expect(codes((await post(sim, deleteItems([a ?? ''], 'HardDelete'))).text)).toEqual(['ErrorCannotDeleteObject']);
    sim.setSwitches({ purgesUnderSingleItemRecovery: 'purge' });
    expect(codes((await post(sim, deleteItems([b ?? ''], 'HardDelete'))).text)).toEqual(['NoError']);
    expect(sim.store.locate(b ?? '')).toBeUndefined();
    expect(sim.store.locate(a ?? '')?.distinguished).toBe('recoverableitemspurges');
  });
});

describe('Recoverable Items quota', () => {
  const fill = (bytes: number): void => {
    const real = sim.store.retention(ADMIN).primary.bytes - sim.store.retention(ADMIN).extraDumpsterBytes.primary;
    sim.store.setRetention(ADMIN, { extraDumpsterBytes: { primary: bytes - real } });
  };

  it('from the warning quota on the state is warning and deletes still work', async () => {
    fill(20 * GB);
    expect(sim.store.retention(ADMIN).primary.state).toBe('warning');
    const [id] = sim.store.seedItems(work, 1);
    expect(codes((await post(sim, deleteItems([id ?? ''], 'SoftDelete'))).text)).toEqual(['NoError']);
  });

  it('at the quota a delete into the dumpster is ErrorInternalServerError wrapping ErrorQuotaExceededOnDelete, per item; the item stays', async () => {
    sim.store.setRetention(ADMIN, { singleItemRecovery: true });
    fill(30 * GB);
    expect(sim.store.retention(ADMIN).primary.state).toBe('full');
    const [soft, hard, moved] = sim.store.seedItems(work, 3);
    const answer = await post(sim, deleteItems([soft ?? '', hard ?? ''], 'SoftDelete'));
    expect(messages(answer.text).map((m) => m.code)).toEqual(['ErrorInternalServerError', 'ErrorInternalServerError']);
    expect(innerCode(messages(answer.text)[0]?.xml ?? '')).toBe('ErrorQuotaExceededOnDelete');
    expect(codes((await post(sim, deleteItems([hard ?? ''], 'HardDelete'))).text)).toEqual(['ErrorInternalServerError']);
    expect(sim.store.locate(soft ?? '')?.folderId).toBe(work);
    expect(sim.store.locate(hard ?? '')?.folderId).toBe(work);
    // Not into the dumpster: Deleted Items is the mailbox quota's business.
    expect(codes((await post(sim, deleteItems([moved ?? ''], 'MoveToDeletedItems'))).text)).toEqual(['NoError']);
    // Inside the dumpster nothing grows: Deletions → Purges still works.
    const [inDeletions] = sim.store.seedItems(folderOf('recoverableitemsdeletions').id, 1);
    expect(codes((await post(sim, deleteItems([inDeletions ?? ''], 'HardDelete'))).text)).toEqual(['NoError']);
  });

  it('without SIR or a hold a full dumpster does not stop HardDelete (nothing enters it)', async () => {
    fill(31 * GB);
    const [id] = sim.store.seedItems(work, 1);
    expect(codes((await post(sim, deleteItems([id ?? ''], 'HardDelete'))).text)).toEqual(['NoError']);
  });

  it('the item that finds the dumpster full is refused, those before it went in', async () => {
    const ids = sim.store.seedItems(work, 3, { size: 1000 });
    fill(30 * GB - 1500);
    expect(codes((await post(sim, deleteItems(ids, 'SoftDelete'))).text)).toEqual(['NoError', 'NoError', 'ErrorInternalServerError']);
  });

  it('on hold the quota is 100 GB: 30 GB is fine, 100 GB refuses', async () => {
    sim.store.setRetention(ADMIN, { litigationHold: true });
    fill(30 * GB);
    expect(sim.store.retention(ADMIN).primary.state).toBe('ok');
    const [a, b] = sim.store.seedItems(work, 2);
    expect(codes((await post(sim, deleteItems([a ?? ''], 'HardDelete'))).text)).toEqual(['NoError']);
    fill(100 * GB);
    expect(codes((await post(sim, deleteItems([b ?? ''], 'HardDelete'))).text)).toEqual(['ErrorInternalServerError']);
  });

  it('recoverableItemsFullError ErrorQuotaExceeded: the schema code, which stops the batch', async () => {
    sim.setSwitches({ recoverableItemsFullError: 'ErrorQuotaExceeded' });
    fill(30 * GB);
    const ids = sim.store.seedItems(work, 2);
    const answer = await post(sim, deleteItems(ids, 'SoftDelete'));
    expect(messages(answer.text).map((m) => `${m.cls}/${m.code}`)).toEqual(['Error/ErrorQuotaExceeded', 'Warning/ErrorBatchProcessingStopped']);
  });

  it('a full dumpster refuses EmptyFolder and DeleteFolder whose items would enter it, leaving them as they were', async () => {
    const sub = sim.store.createFolder(work, 'full sub');
    sim.store.seedItems(work, 2);
    sim.store.seedItems(sub.id, 2);
    fill(30 * GB);
    expect(codes((await post(sim, emptyFolder(work, 'SoftDelete'))).text)).toEqual(['ErrorInternalServerError']);
    const del = `<m:DeleteFolder DeleteType="SoftDelete"><m:FolderIds>${fid(sub.id)}</m:FolderIds></m:DeleteFolder>`;
    expect(codes((await post(sim, del)).text)).toEqual(['ErrorInternalServerError']);
    expect([sim.store.itemCount(work), sim.store.itemCount(sub.id)]).toEqual([2, 2]);
  });
});
