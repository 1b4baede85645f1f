// The hold preview and the retention assessment on their own, over a scripted dumpster reader:
// which jobs are purges of Purges/DiscoveryHolds, and what the preview says for each certainty.
import { describe, expect, it } from 'vitest';
import { assessRetention, dumpsterHealth, retentionCmdlet, type DumpsterReader } from '../../electron/service/dumpsterHealth';
import { holdRefusalFor, purgeKeptFor, purgeSource, withHoldPreview } from '../../electron/service/holdPreview';
import type { DryRunSummary, DumpsterFolderHealth, JobSpec, MailboxPart } from '../../shared/domain';

function reader(counts: { versions?: number; purges?: number; discovery?: number; sizes?: boolean }): DumpsterReader {
  return {
    async readPart(part: MailboxPart): Promise<DumpsterFolderHealth[]> {
      const p = part === 'archive' ? 'archive' : '';
      const size = (n: number): { sizeBytes?: number } => (counts.sizes === false ? {} : { sizeBytes: n * 1000 });
      return [
        { folderId: `${p}ROOT`, displayName: 'Recoverable Items', distinguishedId: `${p}recoverableitemsroot`, itemCount: 0, ...size(0) },
        { folderId: `${p}DEL`, displayName: 'Deletions', distinguishedId: `${p}recoverableitemsdeletions`, itemCount: 5, ...size(5) },
        {
          folderId: `${p}VER`,
          displayName: 'Versions',
          distinguishedId: `${p}recoverableitemsversions`,
          itemCount: part === 'primary' ? (counts.versions ?? 0) : 0,
          ...size(1),
        },
        {
          folderId: `${p}PUR`,
          displayName: 'Purges',
          distinguishedId: `${p}recoverableitemspurges`,
          itemCount: part === 'primary' ? (counts.purges ?? 0) : 0,
          ...size(1),
        },
        {
          folderId: `${p}DH`,
          displayName: 'DiscoveryHolds',
          distinguishedId: `${p}recoverableitemsdiscoveryholds`,
          itemCount: part === 'primary' ? (counts.discovery ?? 0) : 0,
          ...size(1),
        },
      ];
    },
  };
}

const summary = (itemCount: number): DryRunSummary => ({ action: 'delete', itemCount, totalSize: itemCount * 100, byDestination: [] });
const purgeOf = (folderId: string, mode: 'HardDelete' | 'SoftDelete' | 'MoveToDeletedItems' = 'HardDelete'): JobSpec => ({
  mailbox: { part: 'primary' },
  action: { kind: 'delete', mode },
  target: { kind: 'query', folderId, filter: {} },
});

describe('purgeSource', () => {
  it('is the folder a purge takes items from, and nothing for moves, copies, recoveries or MoveToDeletedItems', () => {
    expect(purgeSource(purgeOf('PUR'))).toBe('PUR');
    expect(purgeSource(purgeOf('PUR', 'SoftDelete'))).toBe('PUR');
    expect(purgeSource(purgeOf('PUR', 'MoveToDeletedItems'))).toBeUndefined();
    expect(
      purgeSource({ mailbox: { part: 'primary' }, action: { kind: 'move', toFolderId: 'X' }, target: { kind: 'ids', ids: ['a'], folderId: 'PUR' } }),
    ).toBeUndefined();
    expect(
      purgeSource({
        mailbox: { part: 'primary' },
        action: { kind: 'emptyFolder', folderId: 'DH', mode: 'HardDelete', deleteSubFolders: false },
        target: { kind: 'ids', ids: [] },
      }),
    ).toBe('DH');
    expect(purgeSource({ mailbox: { part: 'primary' }, action: { kind: 'delete', mode: 'HardDelete' }, target: { kind: 'ids', ids: ['a'] } })).toBeUndefined();
  });
});

describe('hold preview', () => {
  it('likely: Versions or Purges hold items; the message gives the evidence', async () => {
    const health = await dumpsterHealth(reader({ versions: 2, purges: 7 }), { address: 'alice@contoso.com', hasArchive: false });
    const refusal = holdRefusalFor(purgeOf('PUR'), summary(7), health);
    expect(refusal).toMatchObject({ itemCount: 7, totalSize: 700, certainty: 'likely', cmdlet: retentionCmdlet('alice@contoso.com') });
    expect(refusal?.message).toBe(
      '7 items will be refused: the mailbox is likely on hold or has single item recovery (Versions holds 2 items (copies kept before edits); Purges holds 7 items (purged items kept): Exchange keeps these only while single item recovery or a hold is on (or was, until the Managed Folder Assistant clears them)), and then Exchange does not purge Purges (ErrorCannotDeleteObject for each item).',
    );
  });

  it('an In-Place Hold shown by DiscoveryHolds is named as the hold', async () => {
    const health = await dumpsterHealth(reader({ discovery: 3 }), { address: 'carol@contoso.com', hasArchive: true });
    const refusal = holdRefusalFor(purgeOf('DH', 'SoftDelete'), summary(3), health);
    expect(refusal?.message).toMatch(
      /^3 items will be refused: the mailbox is likely on hold \(DiscoveryHolds holds 3 items in the primary and archive: Exchange puts items there only for an In-Place Hold\), and then Exchange does not purge DiscoveryHolds/,
    );
    expect(health.parts.map((p) => p.quota.basis)).toEqual(['hold', 'hold']);
  });

  it('cannot tell: an empty Versions and Purges; the preview says the items may be refused', async () => {
    const health = await dumpsterHealth(reader({}), { address: 'bob@contoso.com', hasArchive: false });
    // Nothing left in Purges: purging Deletions then is not refused by a hold.
    expect(holdRefusalFor(purgeOf('DEL'), summary(5), health)).toBeUndefined();
    const refusal = holdRefusalFor(purgeOf('recoverableitemspurges'), summary(1), health);
    expect(refusal).toMatchObject({ certainty: 'cannotTell', itemCount: 1 });
    expect(refusal?.message).toMatch(/^1 item may be refused: if the mailbox is on hold or has single item recovery/);
  });

  it("leaves other parts' folders alone, and reads the dumpster only for purges with items", async () => {
    let reads = 0;
    const counting: DumpsterReader = { readPart: async (part) => (reads++, reader({ purges: 4 }).readPart(part)) };
    const health = () => dumpsterHealth(counting, { address: 'alice@contoso.com', hasArchive: true });
    const archiveJob: JobSpec = { ...purgeOf('PUR'), mailbox: { part: 'archive' } };
    expect((await withHoldPreview(archiveJob, summary(4), health)).holdRefusal).toBeUndefined();
    expect(
      (await withHoldPreview({ ...archiveJob, target: { kind: 'query', folderId: 'archivePUR', filter: {} } }, summary(4), health)).holdRefusal?.certainty,
    ).toBe('likely');
    reads = 0;
    await withHoldPreview(purgeOf('PUR', 'MoveToDeletedItems'), summary(4), health);
    await withHoldPreview(purgeOf('PUR'), summary(0), health);
    expect(reads).toBe(0);
  });
});

describe('purged items likely kept in Purges', () => {
  it('a hard delete from any folder but Purges/DiscoveryHolds, or any purge inside Recoverable Items, with SIR or a hold likely', async () => {
    const likely = await dumpsterHealth(reader({ versions: 2 }), { address: 'admin@contoso.com', hasArchive: false });
    const kept = purgeKeptFor(purgeOf('INBOX'), summary(4), likely);
    expect(kept).toMatchObject({ itemCount: 4, certainty: 'likely' });
    expect(kept?.message).toMatch(/^The 4 items are likely not gone for good: with single item recovery or a hold on \(Versions holds 2 items/);
    // A soft delete outside the dumpster goes to Deletions: not a purge.
    expect(purgeKeptFor(purgeOf('INBOX', 'SoftDelete'), summary(4), likely)).toBeUndefined();
    // Inside it, a soft delete purges (Deletions → Purges).
    expect(purgeKeptFor(purgeOf('DEL', 'SoftDelete'), summary(4), likely)?.certainty).toBe('likely');
    // Items in Purges are the refusal instead.
    expect(purgeKeptFor(purgeOf('PUR'), summary(4), likely)).toBeUndefined();
    const merged = await withHoldPreview(purgeOf('INBOX'), summary(4), async () => likely);
    expect(merged.purgeKept?.itemCount).toBe(4);
    expect(merged.holdRefusal).toBeUndefined();
  });

  it('says nothing when it cannot tell', async () => {
    const none = await dumpsterHealth(reader({}), { address: 'bob@contoso.com', hasArchive: false });
    expect(purgeKeptFor(purgeOf('INBOX'), summary(4), none)).toBeUndefined();
  });
});

describe('assessment and totals', () => {
  it('counts totals over every folder and marks sizes incomplete when Exchange gave none', async () => {
    const health = await dumpsterHealth(reader({ versions: 1, sizes: false }), { address: 'x@contoso.com', hasArchive: false });
    expect(health.parts[0]).toMatchObject({ totalItems: 6, totalBytes: 0, sizeComplete: false, state: 'ok' });
    const complete = await dumpsterHealth(reader({ versions: 1 }), { address: 'x@contoso.com', hasArchive: false });
    expect(complete.parts[0]).toMatchObject({ totalItems: 6, totalBytes: 8000, sizeComplete: true });
  });

  it('never says "known" about settings EWS does not expose', () => {
    const parts = [
      {
        part: 'primary' as const,
        totalItems: 0,
        totalBytes: 0,
        sizeComplete: true,
        folders: [],
        quota: { warningBytes: 0, limitBytes: 0, basis: 'default' as const, explanation: '' },
        state: 'ok' as const,
      },
    ];
    const r = assessRetention(parts);
    expect([r.sirOrHold, r.hold, r.inPlaceHold, r.litigationHold, r.singleItemRecovery].map((f) => f.certainty)).toEqual([
      'cannotTell',
      'cannotTell',
      'cannotTell',
      'cannotTell',
      'cannotTell',
    ]);
  });

  it('quotes an address the shell would split', () => {
    expect(retentionCmdlet("o'brien smith")).toBe(
      "Get-Mailbox 'o''brien smith' | fl SingleItemRecoveryEnabled,LitigationHoldEnabled,InPlaceHolds,RecoverableItemsWarningQuota,RecoverableItemsQuota",
    );
  });
});
