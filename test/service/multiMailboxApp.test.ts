// The many-mailbox flow behind IPC, over a scripted MultiMailboxService: one service per sign-in
// (kept open while its jobs run), progress as events, the report paged and filtered, retry and export.
import { describe, expect, it } from 'vitest';
import type { AuditRow, MultiJobProgress, MultiJobSummary, MultiMailboxSearchSpec, OutcomeCounts } from '../../shared/domain';
import type { SweeperEmit } from '../../shared/ipc';
import { createMultiMailboxApp } from '../../electron/service/multiMailboxApp';
import type { MultiJobHandle, MultiMailboxService } from '../../electron/service/multiMailbox';

const counts = (c: Partial<OutcomeCounts> = {}): OutcomeCounts => ({ done: 0, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0, ...c });

function row(mailbox: string, n: number, outcome: AuditRow['outcome']): AuditRow {
  return { jobId: 'j', user: 'admin', mailbox, action: 'delete', itemId: `${mailbox}-${n}`, subject: `s${n}`, folderId: 'F', outcome, recordedAt: 'now' };
}

function summary(id: string, state: MultiJobSummary['state']): MultiJobSummary {
  return {
    multiJobId: id,
    title: 't',
    spec: {
      search: { mailboxes: ['a@x.com'], parts: 'primary', folders: { kind: 'allMail' }, dumpster: false, filter: {} },
      action: { kind: 'delete', mode: 'SoftDelete' },
    },
    user: 'admin',
    createdAt: 'c',
    updatedAt: 'u',
    state,
    counts: counts({ done: 2, failed: 1 }),
    total: 3,
    mailboxes: [{ mailbox: 'a@x.com', state: 'done', counts: counts({ done: 2, failed: 1 }), total: 3, jobIds: [] }],
    resumable: false,
  };
}

/** A job the test ends by hand. */
function scriptedJob(id: string): {
  handle: MultiJobHandle;
  progress(p: MultiJobProgress): void;
  finish(s: MultiJobSummary): void;
  cancelled: () => boolean;
  suspended: () => number | undefined;
} {
  const listeners = new Set<(p: MultiJobProgress) => void>();
  let finish: (s: MultiJobSummary) => void = () => undefined;
  let cancelled = false;
  let suspendedWith: number | undefined;
  const done = new Promise<MultiJobSummary>((resolve) => (finish = resolve));
  return {
    handle: {
      multiJobId: id,
      onProgress: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      cancel: () => {
        cancelled = true;
        finish(summary(id, 'cancelled'));
      },
      suspend: async (maxWaitMs) => {
        suspendedWith = maxWaitMs;
        finish({ ...summary(id, 'interrupted'), resumable: true });
      },
      statuses: () => [],
      done,
    },
    progress: (p) => listeners.forEach((l) => l(p)),
    finish: (s) => finish(s),
    cancelled: () => cancelled,
    suspended: () => suspendedWith,
  };
}

class FakeService {
  closed = false;
  jobs: ReturnType<typeof scriptedJob>[] = [];
  rowsOf: AuditRow[] = [];
  reportQueries: unknown[] = [];
  searchSignal: AbortSignal | undefined;
  readonly service: MultiMailboxService;

  constructor(readonly account: string | undefined) {
    const start = async (): Promise<MultiJobHandle> => {
      const job = scriptedJob(`multi-${account ?? 'none'}-${this.jobs.length + 1}`);
      this.jobs.push(job);
      return job.handle;
    };
    const rowsOf = (): AuditRow[] => this.rowsOf;
    this.service = {
      selectMailboxes: async (sources) => ({ mailboxes: sources.text?.split('\n') ?? [], problems: [{ entry: 'x', reason: 'not an address' }] }),
      testMailbox: async () => ({ ok: true, hasArchive: false }),
      search: async (spec: MultiMailboxSearchSpec, onProgress, signal) => {
        this.searchSignal = signal;
        const preview = { mailbox: spec.mailboxes[0] ?? '', state: 'searched' as const, hits: 2, totalSize: 10, sampleSubjects: ['Hi'], folders: [] };
        onProgress?.({ preview, mailboxesDone: 1, mailboxesTotal: 2, etaSeconds: 1 });
        await new Promise((r) => setTimeout(r, 20));
        return [preview];
      },
      suggest: async () => [
        { kind: 'mailbox', smtp: 'carol@x.com', name: 'Carol' },
        { kind: 'other', smtp: 'contact@else.com', type: 'Contact' },
        { kind: 'group', smtp: 'sales@x.com' },
        { kind: 'mailbox', name: 'No address' },
      ],
      directoryAccess: async () => ({ state: 'consentNeeded', scopes: ['User.ReadBasic.All'] }),
      allowDirectory: async () => ({ ok: false, cancelled: true, message: 'cancelled' }),
      hits: async (mailbox, part, page) => ({
        rows: [{ id: `${mailbox}|${part}|${page.folderId}`, itemClass: 'IPM.Note', subject: 's', size: 1 }],
        offset: page.offset,
        total: 1,
        last: true,
      }),
      start,
      resume: start,
      retry: async (id) => (id === 'nothing' ? { handle: undefined, plan: retryPlan(0, 4) } : { handle: await start(), plan: retryPlan(3, 1) }),
      list: async () => this.jobs.map((j) => summary(j.handle.multiJobId, 'interrupted')),
      summary: async (id) => summary(id, 'running'),
      async *rows() {
        yield* rowsOf();
      },
      reportPage: async (id, query) => {
        this.reportQueries.push({ id, ...query });
        return { rows: rowsOf().slice(query.offset, query.offset + query.max), total: rowsOf().length };
      },
      exportReport: async () => 7,
      close: () => {
        this.closed = true;
      },
    };
  }
}

function retryPlan(items: number, finalErrors: number) {
  return { spec: summary('x', 'completed').spec, mailboxes: {}, items, finalErrors, unknownCopies: 0, foldersAgain: 0, mailboxesAgain: [] };
}

function setup(savePath: string | null = '/tmp/out.csv') {
  const events: { event: string; payload: unknown }[] = [];
  const emit: SweeperEmit = (event, payload) => events.push({ event, payload });
  const made: FakeService[] = [];
  const state = { account: undefined as { name: string } | undefined };
  const app = createMultiMailboxApp<{ name: string }>({
    emit,
    chooseSavePath: async () => savePath ?? undefined,
    account: () => state.account,
    createService: (account) => {
      const fake = new FakeService(account?.name);
      made.push(fake);
      return fake.service;
    },
  });
  return { app, h: app.handlers, events, made, state };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('many-mailbox handlers', () => {
  it('refuses what needs a sign-in when not connected, but lists history', async () => {
    const { h, made } = setup();
    await expect(h.multiChooseMailboxes({ text: 'a@x.com' })).rejects.toThrow(/Not connected/);
    await expect(h.multiListJobs()).resolves.toEqual([]);
    expect(made.map((m) => m.account)).toEqual([undefined]);
  });

  it('streams search progress under the search id and cancels through the signal', async () => {
    const { h, events, made, state } = setup();
    state.account = { name: 'admin' };
    const search = h.multiSearch({
      searchId: 's1',
      spec: { mailboxes: ['a@x.com', 'b@x.com'], parts: 'primary', folders: { kind: 'allMail' }, dumpster: false, filter: {} },
    });
    await tick();
    await expect(
      h.multiSearch({ searchId: 's1', spec: { mailboxes: ['a@x.com'], parts: 'primary', folders: { kind: 'allMail' }, dumpster: false, filter: {} } }),
    ).rejects.toThrow(/already running/);
    await h.multiCancelSearch({ searchId: 's1' });
    expect(made[0]?.searchSignal?.aborted).toBe(true);
    await expect(search).resolves.toHaveLength(1);
    expect(events).toEqual([{ event: 'multiSearchProgress', payload: expect.objectContaining({ searchId: 's1', mailboxesDone: 1, mailboxesTotal: 2 }) }]);
  });

  it('suggests only mailboxes and groups with an address', async () => {
    const { h, state } = setup();
    state.account = { name: 'admin' };
    await expect(h.multiSuggestNames({ query: 'c' })).resolves.toEqual([
      { kind: 'mailbox', smtp: 'carol@x.com', name: 'Carol' },
      { kind: 'group', smtp: 'sales@x.com' },
    ]);
    await expect(h.multiHits({ mailbox: 'a@x.com', part: 'archive', folderId: 'F9', filter: {}, offset: 0, max: 10 })).resolves.toMatchObject({
      rows: [{ id: 'a@x.com|archive|F9' }],
    });
    // Directory access: the account's service answers both.
    await expect(h.multiDirectoryAccess(undefined)).resolves.toEqual({ state: 'consentNeeded', scopes: ['User.ReadBasic.All'] });
    await expect(h.multiAllowDirectory(undefined)).resolves.toEqual({ ok: false, cancelled: true, message: 'cancelled' });
  });

  it('forwards job progress, ends on a final event, and keeps an earlier sign-in open until its job ends', async () => {
    const { h, events, made, state } = setup();
    state.account = { name: 'first' };
    const { multiJobId } = await h.multiStartJob(summary('x', 'running').spec);
    const job = made[0]?.jobs[0];
    if (!job) throw new Error('no job started');
    job.progress({ multiJobId, state: 'running', mailboxesDone: 0, mailboxesTotal: 1, counts: counts(), total: 3, itemsPerSecond: 5 });
    state.account = { name: 'second' };
    await h.multiChooseMailboxes({ text: 'b@x.com' });
    expect(made.map((m) => [m.account, m.closed])).toEqual([
      ['first', false],
      ['second', false],
    ]);
    // The running job's summary comes from the service running it.
    await expect(h.multiJobSummary({ multiJobId })).resolves.toMatchObject({ state: 'running' });
    job.finish(summary(multiJobId, 'completed'));
    await tick();
    await tick();
    expect(made[0]?.closed).toBe(true);
    expect(events.map((e) => (e.payload as MultiJobProgress).state)).toEqual(['running', 'completed']);
    expect(events[1]?.payload).toMatchObject({ multiJobId, mailboxesDone: 1, mailboxesTotal: 1, total: 3, counts: { done: 2, failed: 1 } });
    await expect(h.multiCancelJob({ multiJobId })).rejects.toThrow(/not running/);
  });

  it("pages the per-item report through the service's pager, with the mailbox and outcomes asked for", async () => {
    const { h, made, state } = setup();
    state.account = { name: 'admin' };
    await h.multiListJobs();
    const fake = made[0];
    if (!fake) throw new Error('no service');
    fake.rowsOf = [row('a@x.com', 1, 'done'), row('B@x.com', 2, 'failed'), row('b@x.com', 3, 'done'), row('b@x.com', 4, 'failed'), row('c@x.com', 5, 'failed')];
    await expect(h.multiJobReport({ multiJobId: 'm', offset: 0, max: 2 })).resolves.toMatchObject({
      total: 5,
      rows: [{ itemId: 'a@x.com-1' }, { itemId: 'B@x.com-2' }],
    });
    await h.multiJobReport({ multiJobId: 'm', mailbox: 'b@x.com', outcomes: ['failed'], offset: 1, max: 10 });
    expect(fake.reportQueries).toEqual([
      { id: 'm', offset: 0, max: 2 },
      { id: 'm', mailbox: 'b@x.com', outcomes: ['failed'], offset: 1, max: 10 },
    ]);
  });

  it('retries across mailboxes, or says nothing is left, and exports where the admin chose', async () => {
    const { h, state } = setup();
    state.account = { name: 'admin' };
    const retried = await h.multiRetryFailed({ multiJobId: 'multi-old' });
    expect(retried).toMatchObject({ items: 3, finalErrors: 1 });
    expect(retried.multiJobId).toMatch(/^multi-admin-/);
    await expect(h.multiRetryFailed({ multiJobId: 'nothing' })).resolves.toEqual({ items: 0, finalErrors: 4 });
    await expect(h.multiExportReport({ multiJobId: 'm', format: 'csv' })).resolves.toEqual({ saved: true, path: '/tmp/out.csv' });
    const cancelled = setup(null);
    await expect(cancelled.h.multiExportReport({ multiJobId: 'm', format: 'csv' })).resolves.toEqual({ saved: false });
  });

  it('suspends running jobs (interrupted, not cancelled) and closes every service on dispose', async () => {
    const { app, h, made, state, events } = setup();
    state.account = { name: 'admin' };
    const { multiJobId } = await h.multiStartJob(summary('x', 'running').spec);
    await app.dispose();
    await tick();
    expect(made[0]?.jobs[0]?.cancelled()).toBe(false);
    expect(made[0]?.jobs[0]?.suspended()).toBe(5_000);
    expect(made[0]?.closed).toBe(true);
    expect(events.at(-1)?.payload).toMatchObject({ multiJobId, state: 'interrupted' });
  });
});
