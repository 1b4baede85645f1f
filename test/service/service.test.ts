// The service's use-cases against the real simulator over 127.0.0.1: folder tree with the
// dumpster, item pages, dry run, jobs with progress, report, retry, export, folder delete.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BULK_FOLDER_PATH, DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import type { FolderInfo, JobSpec } from '../../shared/domain';
import { createRig, type ServiceRig } from './helpers';

let sim: RunningSimulator;
let rig: ServiceRig;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', bulkItems: 400, demoScale: 0.05, throttling: false, onInternalError: () => undefined });
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  sim.setFaults({ itemLatencyMs: 0, itemErrorRates: { ErrorAccessDenied: 0 } });
  await rig.close();
});

async function connected(): Promise<ServiceRig> {
  rig = await createRig();
  const result = await rig.service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD });
  if (!result.ok) throw new Error(result.error.message);
  return rig;
}

function simFolder(path: string, part: 'primary' | 'archive' = 'primary'): { id: string; totalCount: number } {
  const folder = sim.store.folderByPath(DEMO_ADMIN, path, part);
  if (folder === undefined) throw new Error(`no folder ${path}`);
  return folder;
}

function byDistinguished(folders: FolderInfo[], name: string): FolderInfo {
  const folder = folders.find((candidate) => candidate.distinguishedId === name);
  if (folder === undefined) throw new Error(`no ${name} in the tree`);
  return folder;
}

/** Takes `count` ids from the bulk folder, newest first, skipping `skip`. */
function bulkIds(count: number, skip = 0): string[] {
  return sim.store.folderItems(simFolder(BULK_FOLDER_PATH).id, { offset: skip, limit: count }).map((item) => item.id);
}

describe('folder tree', () => {
  it('lists the visible tree plus Recoverable Items for the primary mailbox, with source keys', async () => {
    const { service } = await connected();
    const folders = await service.listFolders({ part: 'primary' });
    const inbox = byDistinguished(folders, 'inbox');
    expect(inbox).toMatchObject({ displayName: 'Inbox', area: 'ipm', part: 'primary', sourceKey: expect.any(String) });
    const dumpster = byDistinguished(folders, 'recoverableitemsroot');
    expect(dumpster.area).toBe('recoverable');
    for (const name of ['recoverableitemsdeletions', 'recoverableitemsversions', 'recoverableitemspurges']) {
      expect(byDistinguished(folders, name)).toMatchObject({ area: 'recoverable', parentId: dumpster.id });
    }
    expect(folders.every((folder) => folder.sourceKey !== undefined && folder.part === 'primary')).toBe(true);
    // The tree is complete: each folder's parent is in the list, except the two roots' children.
    const ids = new Set(folders.map((folder) => folder.id));
    const orphans = folders.filter((folder) => folder.parentId !== undefined && !ids.has(folder.parentId));
    expect(orphans.some((folder) => folder.distinguishedId === 'inbox')).toBe(true);
    expect(orphans.some((folder) => folder.area === 'recoverable' && folder.id !== dumpster.id)).toBe(false);
    expect(folders.length).toBe(
      sim.store.allFolders(DEMO_ADMIN, 'primary').filter((f) => f.path.startsWith('Top of Information Store/') || f.path.startsWith('Recoverable Items'))
        .length,
    );
  });

  it('lists the archive and its own dumpster', async () => {
    const { service } = await connected();
    const folders = await service.listFolders({ part: 'archive' });
    expect(byDistinguished(folders, 'archiveinbox')).toMatchObject({ area: 'ipm', part: 'archive' });
    expect(byDistinguished(folders, 'archiverecoverableitemsdeletions')).toMatchObject({ area: 'recoverable', part: 'archive' });
    expect(byDistinguished(folders, 'archiverecoverableitemsroot').area).toBe('recoverable');
  });

  it('lets the UI show where each dumpster item came from (LastActiveParentEntryId = a source key)', async () => {
    const { service } = await connected();
    const folders = await service.listFolders({ part: 'primary' });
    const deletions = byDistinguished(folders, 'recoverableitemsdeletions');
    const page = await service.listItems({ folderId: deletions.id, offset: 0, max: 50 });
    const withHome = page.rows.filter((row) => row.lastActiveParentEntryId !== undefined);
    expect(withHome.length).toBeGreaterThan(0);
    const sourceKeys = new Set(folders.map((folder) => folder.sourceKey));
    expect(withHome.some((row) => sourceKeys.has(row.lastActiveParentEntryId))).toBe(true);
  });
});

describe('impersonation', () => {
  it("shows the impersonated user's tree and runs jobs on that mailbox", async () => {
    rig = await createRig();
    const { service } = rig;
    const alice = 'alice@contoso.com';
    const result = await service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, impersonate: alice });
    expect(result.ok).toBe(true);
    const folders = await service.listFolders({ part: 'primary' });
    expect(byDistinguished(folders, 'inbox').id).toBe(sim.store.folderByDistinguished(alice, 'inbox')?.id);
    expect(byDistinguished(folders, 'recoverableitemsdeletions').id).toBe(sim.store.folderByDistinguished(alice, 'recoverableitemsdeletions')?.id);
    const archive = await service.listFolders({ part: 'archive' });
    expect(byDistinguished(archive, 'archiverecoverableitemsroot').id).toBe(sim.store.folderByDistinguished(alice, 'archiverecoverableitemsroot')?.id);

    const inbox = sim.store.folderByDistinguished(alice, 'inbox');
    const ids = sim.store.folderItems(inbox?.id ?? '', { limit: 3 }).map((item) => item.id);
    const { jobId } = await service.startJob({
      mailbox: { smtp: alice, part: 'primary' },
      action: { kind: 'delete', mode: 'SoftDelete' },
      target: { kind: 'ids', ids },
    });
    expect((await rig.finished(jobId)).counts.done).toBe(3);
    expect((await service.listJobs()).jobs[0]?.user).toBe(`${DEMO_ADMIN} as ${alice}`);
  });
});

describe('item pages', () => {
  it('pages a folder with its total and end marker', async () => {
    const { service } = await connected();
    const bulk = simFolder(BULK_FOLDER_PATH);
    const first = await service.listItems({ folderId: bulk.id, offset: 0, max: 150 });
    const second = await service.listItems({ folderId: bulk.id, offset: 150, max: 1000 });
    expect(first).toMatchObject({ offset: 0, total: 400, last: false });
    expect(first.rows).toHaveLength(150);
    expect(second).toMatchObject({ offset: 150, total: 400, last: true });
    expect(second.rows).toHaveLength(250);
    const seen = new Set([...first.rows, ...second.rows].map((row) => row.id));
    expect(seen.size).toBe(400);
  });

  it('sorts by size and by received date', async () => {
    const { service } = await connected();
    const inbox = 'inbox';
    const bySize = await service.listItems({ folderId: inbox, offset: 0, max: 100, sort: { field: 'size', direction: 'desc' } });
    const sizes = bySize.rows.map((row) => row.size);
    expect(sizes.length).toBeGreaterThan(5);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const oldestFirst = await service.listItems({ folderId: inbox, offset: 0, max: 100, sort: { field: 'received', direction: 'asc' } });
    const received = oldestFirst.rows.map((row) => row.received ?? '');
    expect(received).toEqual([...received].sort());
  });

  it('filters by subject text, sender and date, and counts only matches', async () => {
    const { service } = await connected();
    const all = await service.listItems({ folderId: 'inbox', offset: 0, max: 1000 });
    const word = (all.rows.find((row) => row.subject.length > 0)?.subject.split(/\s+/)[0] ?? '').toLowerCase();
    const bySubject = await service.listItems({ folderId: 'inbox', offset: 0, max: 1000, filter: { subjectContains: word.toUpperCase() } });
    expect(bySubject.total).toBe(all.rows.filter((row) => row.subject.toLowerCase().includes(word)).length);
    expect(bySubject.total).toBeGreaterThan(0);
    const dates = all.rows.map((row) => row.received ?? '').sort();
    const middle = dates[Math.floor(dates.length / 2)] ?? '';
    const recent = await service.listItems({ folderId: 'inbox', offset: 0, max: 1000, filter: { receivedAfter: middle } });
    expect(recent.rows.every((row) => (row.received ?? '') >= middle)).toBe(true);
    expect(recent.total).toBe(dates.filter((date) => date >= middle).length);
    const sender = all.rows.find((row) => row.from !== undefined)?.from ?? '';
    const fromSender = await service.listItems({ folderId: 'inbox', offset: 0, max: 1000, filter: { senderContains: sender } });
    expect(fromSender.rows.length).toBeGreaterThan(0);
    expect(fromSender.rows.every((row) => row.from?.toLowerCase().includes(sender.toLowerCase()))).toBe(true);
  });
});

describe('jobs', () => {
  it('dry-runs, runs a soft delete with progress, lists it, reports and exports it', async () => {
    const { service, events } = await connected();
    const ids = bulkIds(30);
    const spec: JobSpec = { mailbox: { part: 'primary' }, action: { kind: 'delete', mode: 'SoftDelete' }, target: { kind: 'ids', ids } };
    const deletions = sim.store.folderByDistinguished(DEMO_ADMIN, 'recoverableitemsdeletions');
    const deletionsBefore = sim.store.itemCount(deletions?.id ?? '');
    const dry = await service.dryRun(spec);
    expect(dry).toMatchObject({ action: 'delete', itemCount: 30 });
    expect(sim.store.locate(ids[0] ?? '')?.folder.displayName).toBe('Bulk notifications');

    const { jobId } = await service.startJob(spec);
    const finished = await rig.finished(jobId);
    expect(finished).toMatchObject({ state: 'completed', counts: { done: 30, failed: 0, unknown: 0 } });
    expect(events.some((e) => e.event === 'jobsChanged')).toBe(true);
    expect(events.filter((e) => e.event === 'jobProgress').length).toBeGreaterThan(1);
    expect(sim.store.itemCount(deletions?.id ?? '')).toBe(deletionsBefore + 30);
    expect(sim.store.itemCount(simFolder(BULK_FOLDER_PATH).id)).toBe(370);

    const [listed] = (await service.listJobs()).jobs;
    expect(listed).toMatchObject({ jobId, state: 'completed', resumable: false, user: DEMO_ADMIN });
    const report = await service.jobReport({ jobId, outcomes: ['done'], offset: 10, max: 5 });
    expect(report.total).toBe(30);
    expect(report.rows).toHaveLength(5);
    expect(report.rows[0]).toMatchObject({ outcome: 'done', subject: expect.any(String) });
    // The admin reads folder paths, never raw EWS ids.
    expect(report.rows.map((row) => row.folder)).toEqual(Array(5).fill(BULK_FOLDER_PATH));
    expect((await service.jobReport({ jobId, offset: 0, max: 100 })).total).toBe(0);

    const exported = await service.exportReport({ jobId, format: 'csv' });
    expect(exported).toEqual({ saved: true, path: rig.savePaths[0] });
    const csv = (await readFile(exported.path ?? '', 'utf8')).trim().split(/\r?\n/);
    expect(csv).toHaveLength(31);
    expect(csv.slice(1).every((line) => line.includes('done'))).toBe(true);
    // The audit export names the folder by path, beside its id.
    expect(csv[0]).toContain('"subject","folder","folderId"');
    expect(csv.slice(1).every((line) => line.includes(`,"${BULK_FOLDER_PATH}",`))).toBe(true);
    expect(rig.savePaths[0]).toMatch(new RegExp(`${jobId}-report\\.csv$`));

    rig.nextSavePath = undefined;
    expect(await service.exportReport({ jobId, format: 'json' })).toEqual({ saved: false });
  });

  it('retries the failed items of a finished job as a new job', async () => {
    const { service } = await connected();
    const ids = bulkIds(6, 100);
    const archive = simFolder('Inbox/Projects');
    sim.setFaults({ itemErrorRates: { ErrorAccessDenied: 1 } });
    const { jobId } = await service.startJob({ mailbox: { part: 'primary' }, action: { kind: 'move', toFolderId: archive.id }, target: { kind: 'ids', ids } });
    const first = await rig.finished(jobId);
    expect(first.counts.failed).toBe(6);
    const failedRows = await service.jobReport({ jobId, offset: 0, max: 10 });
    expect(failedRows.rows.map((row) => row.code)).toEqual(Array(6).fill('ErrorAccessDenied'));

    sim.setFaults({ itemErrorRates: { ErrorAccessDenied: 0 } });
    const retry = await service.retryFailed({ jobId });
    expect(retry.jobId).not.toBe(jobId);
    const second = await rig.finished(retry.jobId);
    expect(second).toMatchObject({ state: 'completed', counts: { done: 6, failed: 0 } });
    expect((await service.listJobs()).jobs.find((job) => job.jobId === retry.jobId)?.retryOf).toBe(jobId);
    await expect(service.retryFailed({ jobId: retry.jobId })).rejects.toThrow(/Nothing to retry/);
  });

  it('removes a finished job from the history, journal and all, and refuses a running one', async () => {
    const { service } = await connected();
    sim.setFaults({ itemLatencyMs: 15 });
    const target = simFolder('Inbox/Projects');
    const running = await service.startJob({
      mailbox: { part: 'primary' },
      action: { kind: 'copy', toFolderId: target.id },
      target: { kind: 'ids', ids: bulkIds(120, 250) },
    });
    await rig.progress(running.jobId, (p) => p.kind === 'running');
    await expect(service.deleteJob({ jobId: running.jobId })).rejects.toThrow(/still running/);
    await service.cancelJob({ jobId: running.jobId });
    await rig.finished(running.jobId);

    sim.setFaults({ itemLatencyMs: 0 });
    const { jobId } = await service.startJob({
      mailbox: { part: 'primary' },
      action: { kind: 'copy', toFolderId: target.id },
      target: { kind: 'ids', ids: bulkIds(3, 380) },
    });
    await rig.finished(jobId);
    const journals = async (): Promise<string[]> => (await readdir(join(rig.dataDir, 'jobs'))).filter((name) => name.startsWith(jobId));
    expect(await journals()).toEqual([`${jobId}.journal.jsonl`, `${jobId}.summary.json`].sort());
    const changesBefore = rig.events.filter((e) => e.event === 'jobsChanged').length;

    await service.deleteJob({ jobId });
    expect(await journals()).toEqual([]);
    expect((await service.listJobs()).jobs.map((job) => job.jobId)).toEqual([running.jobId]);
    expect(rig.events.filter((e) => e.event === 'jobsChanged').length).toBeGreaterThan(changesBefore);
    await expect(service.jobReport({ jobId, offset: 0, max: 10 })).rejects.toThrow();
    await expect(service.deleteJob({ jobId })).rejects.toThrow();
  });

  it('pauses, resumes and cancels a running job', async () => {
    const { service } = await connected();
    sim.setFaults({ itemLatencyMs: 15 });
    const target = simFolder('Inbox/Projects');
    const { jobId } = await service.startJob({
      mailbox: { part: 'primary' },
      action: { kind: 'copy', toFolderId: target.id },
      target: { kind: 'ids', ids: bulkIds(120, 200) },
    });
    await rig.progress(jobId, (p) => p.kind === 'running');
    await service.pauseJob({ jobId });
    await rig.progress(jobId, (p) => p.kind === 'paused');
    expect((await service.listJobs()).jobs.find((job) => job.jobId === jobId)?.state).toBe('paused');
    await service.resumeJob({ jobId });
    await service.cancelJob({ jobId });
    const finished = await rig.finished(jobId);
    expect(finished.state).toBe('cancelled');
    expect(finished.counts.notAttempted).toBeGreaterThan(0);
    await expect(service.pauseJob({ jobId })).rejects.toThrow(/not running/);
  });

  it('resumes a job interrupted by quitting the app', async () => {
    const first = await connected();
    sim.setFaults({ itemLatencyMs: 10 });
    const ids = bulkIds(80, 250);
    expect(new Set(ids).size).toBe(80);
    const deletedItems = simFolder('Deleted Items');
    const deletedBefore = sim.store.itemCount(deletedItems.id);
    const { jobId } = await first.service.startJob({
      mailbox: { part: 'primary' },
      action: { kind: 'delete', mode: 'MoveToDeletedItems' },
      target: { kind: 'ids', ids },
    });
    await first.progress(jobId, (p) => p.kind === 'running');
    await first.service.dispose();
    sim.setFaults({ itemLatencyMs: 0 });

    // A new app run on the same data folder.
    rig = await createRig({ dataDir: first.dataDir });
    try {
      const interrupted = (await rig.service.listJobs()).jobs.find((job) => job.jobId === jobId);
      expect(interrupted).toMatchObject({ state: 'interrupted', resumable: true });
      await expect(rig.service.resumeInterrupted({ jobId })).rejects.toThrow(/Not connected/);
      const result = await rig.service.connect({ url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD });
      expect(result.ok).toBe(true);
      expect(await rig.service.resumeInterrupted({ jobId })).toEqual({ jobId });
      const finished = await rig.finished(jobId);
      expect(finished.state).toBe('completed');
      expect(finished.counts.done + finished.counts.alreadyGone).toBe(80);
      // Moved to Deleted Items: the old ids no longer resolve, and the folder grew by 80.
      expect(ids.every((id) => sim.store.locate(id) === undefined)).toBe(true);
      expect(sim.store.itemCount(deletedItems.id)).toBe(deletedBefore + 80);
    } finally {
      await first.close();
    }
  });

  it('refuses a job on a mailbox this connection does not hold', async () => {
    const { service } = await connected();
    const spec: JobSpec = {
      mailbox: { smtp: 'bob@contoso.com', part: 'primary' },
      action: { kind: 'delete', mode: 'HardDelete' },
      target: { kind: 'ids', ids: bulkIds(1) },
    };
    await expect(service.startJob(spec)).rejects.toThrow(/open on admin@contoso\.com.*bob@contoso\.com/);
    await expect(service.dryRun(spec)).rejects.toThrow(/Connect to that mailbox first/);
  });
});

describe('deleteFolder', () => {
  it('moves a folder to Deleted Items, hard-deletes another, and refuses built-in ones', async () => {
    const { service } = await connected();
    const inbox = simFolder('Inbox');
    const soft = sim.store.createFolder(inbox.id, 'Old project');
    const hard = sim.store.createFolder(inbox.id, 'Scratch');
    expect(await service.deleteFolder({ folderId: soft.id, mode: 'MoveToDeletedItems' })).toEqual({ ok: true });
    expect(sim.store.folder(soft.id)?.path).toMatch(/Deleted Items\/Old project$/);
    expect(await service.deleteFolder({ folderId: hard.id, mode: 'HardDelete' })).toEqual({ ok: true });
    expect(sim.store.folder(hard.id)).toBeUndefined();
    const again = await service.deleteFolder({ folderId: hard.id, mode: 'HardDelete' });
    expect(again).toEqual({ ok: false, message: expect.stringMatching(/no longer exists/) });
    expect(await service.deleteFolder({ folderId: 'inbox', mode: 'HardDelete' })).toEqual({ ok: false, message: 'Built-in folders cannot be deleted.' });
    const builtIn = await service.deleteFolder({ folderId: inbox.id, mode: 'HardDelete' });
    expect(builtIn).toEqual({ ok: false, message: expect.stringMatching(/built-in folder/) });
  });
});
