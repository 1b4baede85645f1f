// The "Many mailboxes" screen's logic: the list as chosen, the spec it stands for, preview rows as
// they arrive (and from an earlier search ignored), the typed count a hard delete asks for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MailboxPreview, MultiJobProgress } from '../../shared/domain';
import {
  emptySetup,
  mergeSelection,
  needsTypedCount,
  previewTotals,
  searchSpec,
  setupProblem,
  typedCountMatches,
  withPreview,
} from '../../renderer/src/lib/multiMailbox';
import { useMultiMailboxStore } from '../../renderer/src/stores/multiMailboxStore';

const preview = (mailbox: string, hits: number, state: MailboxPreview['state'] = 'searched'): MailboxPreview => ({
  mailbox,
  state,
  hits,
  totalSize: hits * 10,
  sampleSubjects: [],
  folders: [],
});

describe('many-mailbox logic', () => {
  it('adds mailboxes once (without case) and keeps every problem once', () => {
    let setup = mergeSelection(emptySetup, { mailboxes: ['Alice@x.com', 'bob@x.com'], problems: [{ entry: 'zed', reason: 'unknown' }] });
    setup = mergeSelection(setup, { mailboxes: ['alice@x.com', 'carol@x.com'], problems: [{ entry: 'zed', reason: 'unknown' }] });
    expect(setup.mailboxes).toEqual(['Alice@x.com', 'bob@x.com', 'carol@x.com']);
    expect(setup.problems).toEqual([{ entry: 'zed', reason: 'unknown' }]);
  });

  it('says what is missing before a search, and builds the spec from the setup', () => {
    expect(setupProblem(emptySetup)).toMatch(/at least one mailbox/);
    const named = { ...emptySetup, mailboxes: ['a@x.com'], folders: 'named' as const, names: [], dumpster: false };
    expect(setupProblem(named)).toMatch(/folder/);
    expect(setupProblem({ ...named, dumpster: true })).toBeUndefined();
    expect(searchSpec({ ...named, names: ['inbox'], subfolders: false, parts: 'both' }, { subjectContains: 'x' })).toEqual({
      mailboxes: ['a@x.com'],
      parts: 'both',
      folders: { kind: 'wellKnown', names: ['inbox'], subfolders: false },
      dumpster: false,
      filter: { subjectContains: 'x' },
    });
    expect(searchSpec({ ...emptySetup, mailboxes: ['a@x.com'] }, {}).folders).toEqual({ kind: 'allMail' });
  });

  it('keeps preview rows in the list order whatever order they arrive in, and totals them', () => {
    const order = ['a@x.com', 'b@x.com', 'c@x.com'];
    let rows = withPreview([], order, preview('C@x.com', 2));
    rows = withPreview(rows, order, preview('a@x.com', 0, 'unreachable'));
    rows = withPreview(rows, order, preview('c@x.com', 3));
    expect(rows.map((r) => [r.mailbox, r.hits])).toEqual([
      ['a@x.com', 0],
      ['c@x.com', 3],
    ]);
    expect(previewTotals(rows)).toEqual({ hits: 3, totalSize: 30, withHits: 1, notSearched: 1 });
  });

  it('asks for the count typed for a hard delete only, ignoring separators', () => {
    expect(needsTypedCount({ kind: 'delete', mode: 'HardDelete' })).toBe(true);
    expect(needsTypedCount({ kind: 'delete', mode: 'SoftDelete' })).toBe(false);
    expect(needsTypedCount({ kind: 'recover', fallbackFolder: 'inbox' })).toBe(false);
    expect(typedCountMatches('1,234', 1234)).toBe(true);
    expect(typedCountMatches(' 1 234 ', 1234)).toBe(true);
    expect(typedCountMatches('1233', 1234)).toBe(false);
  });
});

describe('many-mailbox store', () => {
  const api = {
    multiSearch: vi.fn(),
    multiJobSummary: vi.fn(),
    multiJobReport: vi.fn(),
    multiStartJob: vi.fn(),
  };
  beforeEach(() => {
    vi.stubGlobal('window', { sweeper: api });
    useMultiMailboxStore.setState({ setup: { ...emptySetup, mailboxes: ['a@x.com', 'b@x.com'] }, search: undefined, job: undefined, notice: undefined });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetAllMocks();
  });

  it('fills the preview from events of its own search only, then from the answer', async () => {
    let answer: (rows: MailboxPreview[]) => void = () => undefined;
    api.multiSearch.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const running = useMultiMailboxStore.getState().runSearch({ subjectContains: 'x' });
    const searchId = useMultiMailboxStore.getState().search?.searchId ?? '';
    useMultiMailboxStore.getState().receiveSearch({ searchId: 'an-old-one', preview: preview('a@x.com', 9), mailboxesDone: 1, mailboxesTotal: 2 });
    useMultiMailboxStore.getState().receiveSearch({ searchId, preview: preview('b@x.com', 2), mailboxesDone: 1, mailboxesTotal: 2, etaSeconds: 4 });
    expect(useMultiMailboxStore.getState().search).toMatchObject({ running: true, done: 1, etaSeconds: 4, rows: [{ mailbox: 'b@x.com', hits: 2 }] });
    answer([preview('a@x.com', 1), preview('b@x.com', 2)]);
    await running;
    const search = useMultiMailboxStore.getState().search;
    expect(search?.running).toBe(false);
    expect(search?.etaSeconds).toBeUndefined();
    expect(search?.rows.map((r) => r.hits)).toEqual([1, 2]);
  });

  it('starts the job over the mailboxes with hits only, and loads the results when it ends', async () => {
    useMultiMailboxStore.setState({
      search: {
        searchId: 's',
        spec: { mailboxes: ['a@x.com', 'b@x.com'], parts: 'primary', folders: { kind: 'allMail' }, dumpster: false, filter: {} },
        running: false,
        rows: [preview('a@x.com', 0), preview('b@x.com', 2)],
        done: 2,
        total: 2,
      },
    });
    api.multiStartJob.mockResolvedValue({ multiJobId: 'm1' });
    await useMultiMailboxStore.getState().startJob();
    expect(api.multiStartJob).toHaveBeenCalledWith(expect.objectContaining({ search: expect.objectContaining({ mailboxes: ['b@x.com'] }) }));
    const counts = { done: 2, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0 };
    const status = { mailbox: 'b@x.com', state: 'done' as const, counts, total: 2, jobIds: [] };
    const progress: MultiJobProgress = {
      multiJobId: 'm1',
      state: 'running',
      mailboxesDone: 1,
      mailboxesTotal: 1,
      counts,
      total: 2,
      itemsPerSecond: 1,
      mailbox: status,
    };
    useMultiMailboxStore.getState().receiveJob({ ...progress, multiJobId: 'other' });
    expect(useMultiMailboxStore.getState().job?.progress).toBeUndefined();
    api.multiJobSummary.mockResolvedValue({ multiJobId: 'm1', state: 'completed', counts, total: 2, mailboxes: [status] });
    api.multiJobReport.mockResolvedValue({ rows: [], total: 0 });
    useMultiMailboxStore.getState().receiveJob({ ...progress, state: 'completed' });
    await vi.waitFor(() => expect(useMultiMailboxStore.getState().job?.summary?.state).toBe('completed'));
    expect(api.multiJobReport).toHaveBeenCalledWith({ multiJobId: 'm1', outcomes: ['failed', 'unknown', 'notAttempted'], offset: 0, max: 200 });
    expect(useMultiMailboxStore.getState().job?.mailboxes['b@x.com']).toEqual(status);
  });
});
