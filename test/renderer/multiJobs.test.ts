// The many-mailbox screen's job half: earlier jobs listed (an interrupted one offers Resume), resume
// and open follow the job on the action step, the items not done paged 200 at a time, the collect
// action's fields checked and trimmed, the has-attachments filter carried into the search.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MultiJobProgress, MultiJobSummary, OutcomeCounts } from '../../shared/domain';
import { emptyDraft, toFilter } from '../../renderer/src/lib/filterDraft';
import { interruptedCount, neighbourPage, pastJobRows, REPORT_PAGE, reportRange } from '../../renderer/src/lib/multiJobList';
import { actionProblem, cleanAction, collectLeavesOut, emptySetup } from '../../renderer/src/lib/multiMailbox';
import { useMultiMailboxStore } from '../../renderer/src/stores/multiMailboxStore';

const counts = (c: Partial<OutcomeCounts> = {}): OutcomeCounts => ({ done: 0, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0, ...c });

function summary(id: string, state: MultiJobSummary['state'], createdAt: string, c: Partial<OutcomeCounts> = {}): MultiJobSummary {
  return {
    multiJobId: id,
    title: `Soft delete ${id}`,
    spec: {
      search: { mailboxes: ['a@x.com', 'b@x.com'], parts: 'primary', folders: { kind: 'allMail' }, dumpster: false, filter: {} },
      action: { kind: 'delete', mode: 'SoftDelete' },
    },
    user: 'admin',
    createdAt,
    updatedAt: createdAt,
    state,
    counts: counts(c),
    total: 500,
    mailboxes: [{ mailbox: 'a@x.com', state: state === 'interrupted' ? 'running' : 'done', counts: counts(c), total: 500, jobIds: [] }],
    resumable: state === 'interrupted',
  };
}

describe('earlier jobs and report pages', () => {
  it('lists earlier jobs newest first, with Resume for interrupted ones only', () => {
    const jobs = [
      summary('m1', 'completed', '2026-12-01T10:00:00Z', { done: 500 }),
      summary('m2', 'interrupted', '2026-12-02T10:00:00Z', { done: 120, failed: 3 }),
      summary('m3', 'cancelled', '2026-12-01T12:00:00Z', { done: 10, notAttempted: 490 }),
    ];
    expect(pastJobRows(jobs).map((r) => [r.multiJobId, r.state, r.canResume, r.settled, r.total])).toEqual([
      ['m2', 'Interrupted', true, 123, 500],
      ['m3', 'Cancelled', false, 500, 500],
      ['m1', 'Completed', false, 500, 500],
    ]);
    expect(interruptedCount(jobs)).toBe(1);
  });

  it('names the page shown and finds the pages before and after', () => {
    expect(reportRange(0, 12, 12)).toBeUndefined();
    expect(reportRange(0, 200, 3512)).toBe('Items 1–200 of 3,512');
    expect(reportRange(3400, 112, 3512)).toBe('Items 3,401–3,512 of 3,512');
    expect(neighbourPage(0, 3512, 'previous')).toBeUndefined();
    expect(neighbourPage(0, 3512, 'next')).toBe(REPORT_PAGE);
    expect(neighbourPage(3400, 3512, 'next')).toBeUndefined();
    expect(neighbourPage(3400, 3512, 'previous')).toBe(3200);
    expect(neighbourPage(150, 3512, 'previous')).toBe(0);
  });
});

describe('the collect action and the attachments filter', () => {
  it('needs an address and one folder name, trims them, and warns when the collection mailbox is searched', () => {
    expect(actionProblem({ kind: 'delete', mode: 'SoftDelete' })).toBeUndefined();
    expect(actionProblem({ kind: 'collect', mailbox: ' ', folder: 'Evidence' })).toMatch(/mailbox that receives/);
    expect(actionProblem({ kind: 'collect', mailbox: 'Discovery Search', folder: 'Evidence' })).toMatch(/not a mailbox address/);
    expect(actionProblem({ kind: 'collect', mailbox: 'discovery@x.com', folder: '  ' })).toMatch(/name of the folder/);
    expect(actionProblem({ kind: 'collect', mailbox: 'discovery@x.com', folder: 'Cases/2026' })).toMatch(/no slashes/);
    expect(actionProblem({ kind: 'collect', mailbox: ' discovery@x.com ', folder: ' Case 42 ' })).toBeUndefined();
    expect(cleanAction({ kind: 'collect', mailbox: ' discovery@x.com ', folder: ' Case 42 ' })).toEqual({
      kind: 'collect',
      mailbox: 'discovery@x.com',
      folder: 'Case 42',
    });
    expect(collectLeavesOut({ kind: 'collect', mailbox: 'B@x.com', folder: 'E' }, ['a@x.com', 'b@x.com'])).toBe('b@x.com');
    expect(collectLeavesOut({ kind: 'collect', mailbox: 'c@x.com', folder: 'E' }, ['a@x.com', 'b@x.com'])).toBeUndefined();
  });

  it('turns the Attachments choice into hasAttachments, as the item view does', () => {
    expect(toFilter({ ...emptyDraft, attachments: 'yes' }, false)).toEqual({ hasAttachments: true });
    expect(toFilter({ ...emptyDraft, attachments: 'no' }, false)).toEqual({ hasAttachments: false });
    expect(toFilter(emptyDraft, false).hasAttachments).toBeUndefined();
  });
});

describe('many-mailbox store: jobs', () => {
  const api = {
    multiListJobs: vi.fn(),
    multiResumeJob: vi.fn(),
    multiJobSummary: vi.fn(),
    multiJobReport: vi.fn(),
    multiStartJob: vi.fn(),
    multiSearch: vi.fn(),
  };
  beforeEach(() => {
    vi.stubGlobal('window', { sweeper: api });
    api.multiListJobs.mockResolvedValue([]);
    useMultiMailboxStore.setState({
      setup: { ...emptySetup, mailboxes: ['a@x.com', 'b@x.com'] },
      step: 1,
      search: undefined,
      job: undefined,
      pastJobs: undefined,
      notice: undefined,
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetAllMocks();
  });

  it('lists earlier jobs when the screen opens, resumes an interrupted one and follows it on the action step', async () => {
    const interrupted = summary('m2', 'interrupted', '2026-12-02T10:00:00Z', { done: 120 });
    api.multiListJobs.mockResolvedValue([interrupted]);
    useMultiMailboxStore.getState().show();
    await vi.waitFor(() => expect(useMultiMailboxStore.getState().pastJobs).toEqual([interrupted]));
    api.multiResumeJob.mockResolvedValue({ multiJobId: 'm2' });
    api.multiListJobs.mockResolvedValue([{ ...interrupted, state: 'running', resumable: false }]);
    await useMultiMailboxStore.getState().resumeJob('m2');
    expect(api.multiResumeJob).toHaveBeenCalledWith({ multiJobId: 'm2' });
    expect(useMultiMailboxStore.getState()).toMatchObject({ step: 3, job: { multiJobId: 'm2', mailboxes: {} }, pastJobs: [{ state: 'running' }] });
    expect(useMultiMailboxStore.getState().job?.summary).toBeUndefined();
  });

  it('loads the results when a job ends interrupted, and pages its items not done', async () => {
    useMultiMailboxStore.setState({ job: { multiJobId: 'm1', mailboxes: {} } });
    api.multiJobSummary.mockResolvedValue(summary('m1', 'interrupted', '2026-12-02T10:00:00Z', { done: 100, failed: 450 }));
    api.multiJobReport.mockImplementation(async ({ offset, max }: { offset: number; max: number }) => ({
      rows: Array.from({ length: Math.min(max, 450 - offset) }, (_, i) => ({ itemId: `i${offset + i}`, outcome: 'failed' })),
      total: 450,
    }));
    const progress: MultiJobProgress = {
      multiJobId: 'm1',
      state: 'interrupted',
      mailboxesDone: 0,
      mailboxesTotal: 2,
      counts: counts(),
      total: 500,
      itemsPerSecond: 0,
    };
    useMultiMailboxStore.getState().receiveJob(progress);
    await vi.waitFor(() => expect(useMultiMailboxStore.getState().job?.summary?.state).toBe('interrupted'));
    expect(useMultiMailboxStore.getState().job?.report).toMatchObject({ offset: 0, total: 450, rows: { length: 200 } });
    await useMultiMailboxStore.getState().reportPage(400);
    expect(api.multiJobReport).toHaveBeenLastCalledWith({ multiJobId: 'm1', outcomes: ['failed', 'unknown', 'notAttempted'], offset: 400, max: 200 });
    const report = useMultiMailboxStore.getState().job?.report;
    expect(report).toMatchObject({ offset: 400, total: 450 });
    expect(report?.rows[0]?.itemId).toBe('i400');
    expect(report?.rows).toHaveLength(50);
    expect(report?.loading).toBeUndefined();
  });

  it('opens a finished job with its results, and a running one without', async () => {
    api.multiJobSummary.mockResolvedValue(summary('m1', 'completed', '2026-12-01T10:00:00Z', { done: 500 }));
    api.multiJobReport.mockResolvedValue({ rows: [], total: 0 });
    await useMultiMailboxStore.getState().openJob('m1');
    expect(useMultiMailboxStore.getState()).toMatchObject({
      step: 3,
      job: { multiJobId: 'm1', summary: { state: 'completed' }, report: { total: 0, offset: 0 } },
    });
    api.multiJobSummary.mockResolvedValue(summary('m3', 'running', '2026-12-01T10:00:00Z', { done: 5 }));
    await useMultiMailboxStore.getState().openJob('m3');
    const job = useMultiMailboxStore.getState().job;
    expect(job?.summary).toBeUndefined();
    expect(Object.keys(job?.mailboxes ?? {})).toEqual(['a@x.com']);
  });

  it('starts a collect job with the address and folder trimmed, over the hits of a search with the attachments filter', async () => {
    api.multiSearch.mockResolvedValue([
      { mailbox: 'a@x.com', state: 'searched', hits: 2, totalSize: 20, sampleSubjects: [], folders: [] },
      { mailbox: 'b@x.com', state: 'searched', hits: 0, totalSize: 0, sampleSubjects: [], folders: [] },
    ]);
    await useMultiMailboxStore.getState().runSearch(toFilter({ ...emptyDraft, attachments: 'yes' }, false));
    expect(api.multiSearch).toHaveBeenCalledWith(expect.objectContaining({ spec: expect.objectContaining({ filter: { hasAttachments: true } }) }));
    useMultiMailboxStore.getState().setAction({ kind: 'collect', mailbox: ' evidence@x.com ', folder: ' Case 7 ' });
    api.multiStartJob.mockResolvedValue({ multiJobId: 'm9' });
    await useMultiMailboxStore.getState().startJob();
    expect(api.multiStartJob).toHaveBeenCalledWith({
      search: expect.objectContaining({ mailboxes: ['a@x.com'], filter: { hasAttachments: true } }),
      action: { kind: 'collect', mailbox: 'evidence@x.com', folder: 'Case 7' },
    });
  });
});
