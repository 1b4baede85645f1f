// DEVELOPMENT ONLY: a fake `window.sweeper` for looking at the renderer before the real service
// exists. Never bundled (nothing under src/ imports it) and never used by the e2e suite, which
// drives the real electron/service against the simulator. Injected by shoot.ts as an init script,
// so it must not reference anything outside its own body.
import type { SweeperApi } from '../../shared/ipc';
import type { FolderInfo, ItemRow, JobProgress } from '../../shared/domain';

export function installDevStubSweeper(): void {
  const folder = (id: string, displayName: string, totalCount: number, extra: Partial<FolderInfo> = {}): FolderInfo => ({
    id,
    displayName,
    totalCount,
    childFolderCount: 0,
    part: 'primary',
    area: 'ipm',
    parentId: 'msgroot',
    sourceKey: `sk-${id}`,
    ...extra,
  });
  const folders: FolderInfo[] = [
    folder('msgroot', 'Top of Information Store', 0, { distinguishedId: 'msgfolderroot', parentId: undefined }),
    folder('inbox', 'Inbox', 1234, { distinguishedId: 'inbox', childFolderCount: 2 }),
    folder('bulk', 'Bulk notifications', 100000, { parentId: 'inbox' }),
    folder('projects', 'Projects', 42, { parentId: 'inbox' }),
    folder('drafts', 'Drafts', 3, { distinguishedId: 'drafts' }),
    folder('sent', 'Sent Items', 310, { distinguishedId: 'sentitems' }),
    folder('deleted', 'Deleted Items', 57, { distinguishedId: 'deleteditems' }),
    folder('ri', 'Recoverable Items', 0, { distinguishedId: 'recoverableitemsroot', area: 'recoverable', parentId: undefined, childFolderCount: 4 }),
    folder('del', 'Deletions', 1500, { distinguishedId: 'recoverableitemsdeletions', area: 'recoverable', parentId: 'ri' }),
    folder('ver', 'Versions', 12, { distinguishedId: 'recoverableitemsversions', area: 'recoverable', parentId: 'ri' }),
    folder('pur', 'Purges', 4, { distinguishedId: 'recoverableitemspurges', area: 'recoverable', parentId: 'ri' }),
    folder('dh', 'DiscoveryHolds', 0, { area: 'recoverable', parentId: 'ri' }),
  ];
  const senders = ['Ada Lovelace', 'Grace Hopper', 'alerts@monitoring.contoso.com', 'Alan Turing', 'newsletter@fabrikam.com'];
  const homes = ['sk-inbox', 'sk-projects', 'sk-sent', 'sk-gone'];
  const item = (folderId: string, i: number): ItemRow => ({
    id: `${folderId}-${i}`,
    itemClass: i % 17 === 0 ? 'IPM.Appointment' : 'IPM.Note',
    subject: `${folderId === 'bulk' ? 'Build notification' : 'Quarterly planning notes'} #${i + 1}`,
    from: senders[i % senders.length],
    received: new Date(Date.UTC(2025, 9, 31) - i * 3_600_000).toISOString(),
    size: 2048 + ((i * 7919) % 250_000),
    hasAttachments: i % 5 === 0,
    lastActiveParentEntryId: folderId === 'del' ? homes[i % homes.length] : undefined,
  });
  const listeners = new Set<(p: JobProgress) => void>();
  const delay = <T,>(value: T, ms = 120): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));
  let jobs = 0;
  const counts = { done: 0, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0 };
  const api: SweeperApi = {
    listProfiles: () => delay([{ id: 'p1', name: 'Contoso on-prem', url: 'https://mail.contoso.com/EWS/Exchange.asmx', authKind: 'basic', user: 'admin@contoso.com', hasSecret: true }]),
    deleteProfile: () => delay(undefined),
    connect: (req) =>
      delay(
        req.secret === 'right'
          ? { ok: true as const, session: { url: req.url, mailbox: req.user ?? 'someone', demo: false, hasArchive: false } }
          : { ok: false as const, error: { kind: 'auth' as const, message: 'The server refused the user name or password (HTTP 401). Check both and try again.' } },
      ),
    connectProfile: () => delay({ ok: true as const, session: { url: 'https://mail.contoso.com/EWS/Exchange.asmx', mailbox: 'admin@contoso.com', demo: false, hasArchive: false } }),
    openDemo: () => delay({ ok: true as const, session: { url: 'https://127.0.0.1:0/EWS/Exchange.asmx', mailbox: 'admin@contoso.com', demo: true, hasArchive: false } }),
    disconnect: () => delay(undefined),
    listFolders: () => delay(folders),
    listItems: (req) => {
      const total = folders.find((f) => f.id === req.folderId)?.totalCount ?? 0;
      const rows: ItemRow[] = [];
      for (let i = req.offset; i < Math.min(total, req.offset + req.max); i++) rows.push(item(req.folderId, i));
      return delay({ rows, offset: req.offset, total, last: req.offset + req.max >= total });
    },
    dryRun: (spec) =>
      delay({
        action: spec.action.kind,
        itemCount: spec.target.kind === 'ids' ? spec.target.ids.length : 100000,
        totalSize: 123_456_789,
        byDestination:
          spec.action.kind === 'recover'
            ? [
                { folderId: 'inbox', displayName: 'Inbox', itemCount: 300, totalSize: 4_000_000 },
                { folderId: 'projects', displayName: 'Projects', itemCount: 150, totalSize: 2_000_000 },
                { folderId: 'inbox', displayName: 'Inbox', itemCount: 50, totalSize: 600_000, fallback: true },
              ]
            : [{ folderId: 'del', displayName: 'Recoverable Items / Deletions', itemCount: 500, totalSize: 123_456_789 }],
      }),
    startJob: () => {
      const jobId = `job-${++jobs}`;
      let step = 0;
      const timer = setInterval(() => {
        step += 1;
        const c = { ...counts, done: step * 40, failed: Math.floor(step / 3) };
        const progress: JobProgress =
          step >= 6
            ? { kind: 'finished', jobId, counts: c, state: 'completed' }
            : step === 4
            ? { kind: 'backoff', jobId, counts: c, waitMs: 5000, reason: 'ErrorServerBusy' }
            : { kind: 'running', jobId, counts: c, total: 500, itemsPerSecond: 400, etaSeconds: 12 - step, batchSize: 100, concurrency: 2 };
        listeners.forEach((l) => l(progress));
        if (step >= 6) clearInterval(timer);
      }, 150);
      return delay({ jobId });
    },
    pauseJob: () => delay(undefined),
    resumeJob: () => delay(undefined),
    cancelJob: () => delay(undefined),
    listJobs: () => delay([]),
    jobReport: () =>
      delay({
        rows: [
          { id: 'a', subject: 'Quarterly planning notes #3', folder: 'Inbox', outcome: 'failed' as const, code: 'ErrorAccessDenied', message: 'The account may not change this item.', at: new Date().toISOString() },
          { id: 'b', subject: 'Build notification #9', folder: 'Inbox', outcome: 'unknown' as const, message: 'The answer was lost: verify where the item is.', at: new Date().toISOString() },
        ],
        total: 2,
      }),
    retryFailed: () => delay({ jobId: 'job-retry' }),
    resumeInterrupted: () => delay({ jobId: 'job-resumed' }),
    exportReport: () => delay({ saved: true, path: '/tmp/report.csv' }),
    deleteFolder: () => delay({ ok: true as const }),
    onJobProgress: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onJobsChanged: () => () => undefined,
  };
  window.sweeper = api;
}
