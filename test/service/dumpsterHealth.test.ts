// Dumpster health against the simulator, for each demo mailbox: sizes and counts per Recoverable
// Items folder equal the simulator's store, the quota assumed and where the mailbox stands against
// it, and what is known, likely or cannot be told over EWS about single item recovery and holds;
// and the dry run of a purge in Purges says beforehand that the hold will refuse it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_HELPDESK, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import type { DumpsterHealth, JobSpec } from '../../shared/domain';
import type { ConnectRequest } from '../../shared/ipc';
import { createRig, type ServiceRig } from './helpers';

const ALICE = 'alice@contoso.com';
const BOB = 'bob@contoso.com';
const CAROL = 'carol@contoso.com';
const GB = 1024 ** 3;
let sim: RunningSimulator;
let rig: ServiceRig | undefined;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', bulkItems: 0, demoScale: 0.05, throttling: false });
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const request = (user: string, other?: string): ConnectRequest => ({
  url: sim.url,
  authKind: 'basic',
  user,
  secret: DEMO_PASSWORD,
  ...(other === undefined ? {} : { impersonate: other }),
});

async function connected(user: string, other?: string): Promise<ServiceRig> {
  rig = await createRig();
  const result = await rig.service.connect(request(user, other));
  if (!result.ok) throw new Error(result.error.message);
  return rig;
}

async function healthOf(user: string, other?: string): Promise<DumpsterHealth> {
  const current = await connected(user, other);
  return current.service.dumpsterHealth(other === undefined ? {} : { smtp: other });
}

/** Every folder of the report has the count and bytes the simulator's store has. */
function expectMatchesStore(health: DumpsterHealth, owner: string): void {
  for (const part of health.parts) {
    const storeFolders = sim.store.allFolders(owner, part.part).filter((f) => f.inDumpster);
    expect(part.folders.map((f) => f.folderId).sort()).toEqual(storeFolders.map((f) => f.id).sort());
    for (const folder of part.folders) {
      const items = sim.store.folderItems(folder.folderId);
      expect(folder.itemCount, folder.displayName).toBe(items.length);
      const extra = folder.distinguishedId?.endsWith('recoverableitemsroot') ? sim.store.retention(owner).extraDumpsterBytes[part.part] : 0;
      expect(folder.sizeBytes, folder.displayName).toBe(items.reduce((sum, item) => sum + item.size, 0) + extra);
    }
    expect(part.totalBytes).toBe(sim.store.retention(owner)[part.part]?.bytes);
    expect(part.sizeComplete).toBe(true);
  }
}

describe('dumpster health per demo mailbox', () => {
  it('admin (own mailbox, single item recovery): sizes match the store; SIR or a hold is likely from Versions and Purges; which one cannot be told', async () => {
    const health = await healthOf(DEMO_ADMIN);
    expect(health.mailbox).toBe(DEMO_ADMIN);
    expect(health.parts.map((p) => p.part)).toEqual(['primary', 'archive']);
    expectMatchesStore(health, DEMO_ADMIN);
    const names = health.parts[0]?.folders.map((f) => f.displayName);
    expect(names).toEqual(expect.arrayContaining(['Recoverable Items', 'Deletions', 'Versions', 'Purges', 'DiscoveryHolds']));
    expect(health.sirOrHold).toMatchObject({ certainty: 'likely', on: true });
    expect(health.sirOrHold.evidence).toMatch(/Versions holds \d+ items.*Purges holds \d+ items/);
    expect(health.hold.certainty).toBe('cannotTell');
    expect(health.litigationHold.certainty).toBe('cannotTell');
    expect(health.singleItemRecovery.certainty).toBe('cannotTell');
    expect(health.parts[0]?.quota).toMatchObject({ basis: 'default', warningBytes: 20 * GB, limitBytes: 30 * GB });
    expect(health.parts[0]?.state).toBe('ok');
    expect(health.cmdlet).toBe(
      `Get-Mailbox ${DEMO_ADMIN} | fl SingleItemRecoveryEnabled,LitigationHoldEnabled,InPlaceHolds,RecoverableItemsWarningQuota,RecoverableItemsQuota`,
    );
  });

  it('alice (litigation hold, opened by impersonation): the same evidence; the litigation hold itself cannot be told over EWS', async () => {
    const health = await healthOf(DEMO_ADMIN, ALICE);
    expect(health.mailbox).toBe(ALICE);
    expectMatchesStore(health, ALICE);
    expect(health.sirOrHold).toMatchObject({ certainty: 'likely', on: true });
    expect(health.litigationHold.certainty).toBe('cannotTell');
    expect(health.cmdlet).toContain(`Get-Mailbox ${ALICE} |`);
  });

  it('carol (In-Place Hold): items in DiscoveryHolds make the hold likely, and the 90/100 GB quota is assumed', async () => {
    const discovery = sim.store.folderByDistinguished(CAROL, 'recoverableitemsdiscoveryholds');
    sim.store.seedItems(discovery?.id ?? '', 4, { size: 10_000 });
    const health = await healthOf(DEMO_ADMIN, CAROL);
    expectMatchesStore(health, CAROL);
    expect(health.inPlaceHold).toMatchObject({ certainty: 'likely', on: true });
    expect(health.inPlaceHold.evidence).toContain('DiscoveryHolds holds 4 items');
    expect(health.hold).toMatchObject({ certainty: 'likely', on: true });
    expect(health.parts.every((p) => p.quota.basis === 'hold' && p.quota.limitBytes === 100 * GB)).toBe(true);
  });

  it('bob (neither): once Versions and Purges are emptied nothing shows, and nothing is claimed', async () => {
    const bob = await connected(BOB);
    for (const folderId of ['recoverableitemsversions', 'recoverableitemspurges', 'archiverecoverableitemsversions', 'archiverecoverableitemspurges']) {
      const part = folderId.startsWith('archive') ? 'archive' : 'primary';
      const { jobId } = await bob.service.startJob({
        mailbox: { part },
        action: { kind: 'emptyFolder', folderId, mode: 'HardDelete', deleteSubFolders: false },
        target: { kind: 'ids', ids: [] },
      });
      expect((await bob.finished(jobId)).state).toBe('completed');
    }
    const health = await bob.service.dumpsterHealth({});
    expectMatchesStore(health, BOB);
    expect(health.sirOrHold.certainty).toBe('cannotTell');
    expect(health.sirOrHold.on).toBeUndefined();
    expect(health.hold.certainty).toBe('cannotTell');
    expect(health.inPlaceHold.certainty).toBe('cannotTell');
    expect(health.parts[0]?.quota.basis).toBe('default');
  });

  it('delegate access: works where Exchange opens the dumpster, and says what to do where it refuses (switch)', async () => {
    const open = await healthOf(DEMO_HELPDESK, ALICE);
    expectMatchesStore(open, ALICE);
    await rig?.close();
    sim.setSwitches({ delegateRecoverableItems: 'ErrorAccessDenied' });
    try {
      const current = await connected(DEMO_HELPDESK, ALICE);
      await expect(current.service.dumpsterHealth({ smtp: ALICE })).rejects.toThrow(
        /Exchange refused to read Recoverable Items \(ErrorAccessDenied\)\. .*ApplicationImpersonation/,
      );
    } finally {
      sim.setSwitches({ delegateRecoverableItems: 'open' });
    }
  });

  it('refuses a mailbox the session does not hold', async () => {
    const current = await connected(DEMO_ADMIN, ALICE);
    await expect(current.service.dumpsterHealth({ smtp: BOB })).rejects.toThrow(/open on alice@contoso.com/);
  });
});

describe('quota thresholds (extra dumpster bytes)', () => {
  it('admin: warning from 20 GB, full from 30 GB under the default quota', async () => {
    const base = sim.store.retention(DEMO_ADMIN).primary.bytes - sim.store.retention(DEMO_ADMIN).extraDumpsterBytes.primary;
    try {
      sim.store.setRetention(DEMO_ADMIN, { extraDumpsterBytes: { primary: 20 * GB - base } });
      expect((await healthOf(DEMO_ADMIN)).parts[0]).toMatchObject({ state: 'warning', totalBytes: 20 * GB });
      await rig?.close();
      sim.store.setRetention(DEMO_ADMIN, { extraDumpsterBytes: { primary: 20 * GB - base - 1 } });
      expect((await healthOf(DEMO_ADMIN)).parts[0]?.state).toBe('ok');
      await rig?.close();
      sim.store.setRetention(DEMO_ADMIN, { extraDumpsterBytes: { primary: 30 * GB - base } });
      const full = await healthOf(DEMO_ADMIN);
      expect(full.parts[0]).toMatchObject({ state: 'full', totalBytes: 30 * GB });
      // The archive has its own quota.
      expect(full.parts[1]?.state).toBe('ok');
    } finally {
      sim.store.setRetention(DEMO_ADMIN, { extraDumpsterBytes: { primary: 0 } });
    }
  });

  it('carol (hold likely): 30 GB is fine, 90 GB is the warning', async () => {
    const discovery = sim.store.folderByDistinguished(CAROL, 'recoverableitemsdiscoveryholds');
    if ((discovery?.totalCount ?? 0) === 0) sim.store.seedItems(discovery?.id ?? '', 1);
    try {
      sim.store.setRetention(CAROL, { extraDumpsterBytes: { primary: 30 * GB } });
      expect((await healthOf(DEMO_ADMIN, CAROL)).parts[0]?.state).toBe('ok');
      await rig?.close();
      sim.store.setRetention(CAROL, { extraDumpsterBytes: { primary: 90 * GB } });
      expect((await healthOf(DEMO_ADMIN, CAROL)).parts[0]?.state).toBe('warning');
    } finally {
      sim.store.setRetention(CAROL, { extraDumpsterBytes: { primary: 0 } });
    }
  });
});

describe('hold preview in the dry run', () => {
  it("alice: a hard delete of items in Purges is said to be refused before the job, and the job's failures say the mailbox is on hold", async () => {
    const current = await connected(DEMO_ADMIN, ALICE);
    const purges = sim.store.folderByDistinguished(ALICE, 'recoverableitemspurges');
    const ids = sim.store.folderItems(purges?.id ?? '', { limit: 3 }).map((item) => item.id);
    const spec: JobSpec = {
      mailbox: { smtp: ALICE, part: 'primary' },
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'ids', ids, folderId: purges?.id ?? '' },
    };
    const summary = await current.service.dryRun(spec);
    expect(summary.itemCount).toBe(3);
    expect(summary.holdRefusal).toMatchObject({ itemCount: 3, certainty: 'likely' });
    expect(summary.holdRefusal?.message).toMatch(/^3 items will be refused: the mailbox is likely on hold or has single item recovery \(Versions holds/);
    expect(summary.holdRefusal?.cmdlet).toContain(`Get-Mailbox ${ALICE}`);
    const { jobId } = await current.service.startJob(spec);
    const done = await current.finished(jobId);
    expect(done.counts.failed).toBe(3);
    const report = await current.service.jobReport({ jobId, outcomes: ['failed'], offset: 0, max: 10 });
    expect(report.rows).toHaveLength(3);
    for (const row of report.rows) {
      expect(row.code).toBe('ErrorCannotDeleteObject');
      expect(row.message).toContain('the mailbox is on hold');
    }
    expect(sim.store.itemCount(purges?.id ?? '')).toBe(sim.store.folderItems(purges?.id ?? '').length);
    for (const id of ids) expect(sim.store.locate(id)).toBeDefined();
  });

  it('alice: a hard delete from the Inbox is said to be likely kept in Purges, and it is', async () => {
    const current = await connected(DEMO_ADMIN, ALICE);
    const inbox = sim.store.folderByDistinguished(ALICE, 'inbox');
    const purges = sim.store.folderByDistinguished(ALICE, 'recoverableitemspurges');
    const before = sim.store.itemCount(purges?.id ?? '');
    const ids = sim.store.folderItems(inbox?.id ?? '', { limit: 2 }).map((item) => item.id);
    const spec: JobSpec = {
      mailbox: { smtp: ALICE, part: 'primary' },
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'ids', ids, folderId: inbox?.id ?? '' },
    };
    const summary = await current.service.dryRun(spec);
    expect(summary.holdRefusal).toBeUndefined();
    expect(summary.purgeKept).toMatchObject({ itemCount: 2, certainty: 'likely' });
    const { jobId } = await current.service.startJob(spec);
    expect((await current.finished(jobId)).counts.done).toBe(2);
    expect(sim.store.itemCount(purges?.id ?? '')).toBe(before + 2);
  });

  it('says nothing for deletes the hold does not stop (a soft delete from the Inbox, moving Purges items to Deleted Items)', async () => {
    const current = await connected(DEMO_ADMIN, ALICE);
    const inbox = sim.store.folderByDistinguished(ALICE, 'inbox');
    const inboxIds = sim.store.folderItems(inbox?.id ?? '', { limit: 2 }).map((item) => item.id);
    const soft = await current.service.dryRun({
      mailbox: { smtp: ALICE, part: 'primary' },
      action: { kind: 'delete', mode: 'SoftDelete' },
      target: { kind: 'ids', ids: inboxIds, folderId: inbox?.id ?? '' },
    });
    expect(soft.itemCount).toBe(2);
    expect(soft.holdRefusal).toBeUndefined();
    expect(soft.purgeKept).toBeUndefined();
    const purges = sim.store.folderByDistinguished(ALICE, 'recoverableitemspurges');
    const moved = await current.service.dryRun({
      mailbox: { smtp: ALICE, part: 'primary' },
      action: { kind: 'delete', mode: 'MoveToDeletedItems' },
      target: { kind: 'query', folderId: purges?.id ?? '', filter: {} },
    });
    expect(moved.holdRefusal).toBeUndefined();
  });

  it('emptying Purges (by its distinguished name) in the archive is previewed as refused too', async () => {
    const current = await connected(DEMO_ADMIN, ALICE);
    const summary = await current.service.dryRun({
      mailbox: { smtp: ALICE, part: 'archive' },
      action: { kind: 'emptyFolder', folderId: 'archiverecoverableitemspurges', mode: 'SoftDelete', deleteSubFolders: false },
      target: { kind: 'ids', ids: [] },
    });
    expect(summary.itemCount).toBeGreaterThan(0);
    expect(summary.holdRefusal).toMatchObject({ itemCount: summary.itemCount, certainty: 'likely' });
  });
});
