// Paging the per-item report of a job over many mailboxes: 30 mailboxes' journals (9,000 rows,
// 1,800 failed), paged 50 at a time as the screen pages them. Every page equals the same slice of
// the whole report read straight through (order, filters by outcome and mailbox, the total), a
// jump to any offset lands right, and paging a finished job through reads each row once, not once
// per page: the journals before a page are skipped by their counts, the next page goes on from
// where the last one stopped.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditRow, JobHistoryEntry, OutcomeKind } from '../../shared/domain';
import type { MultiManifest } from '../../electron/jobs/multiManifest';
import { MultiReportPager, reportSegments, type LoadedReport } from '../../electron/jobs/multiReport';
import { FakeBackend } from './fakeBackend';
import { makeEngine, tempDir } from './helpers';

/** Rows each reading of a journal handed out, over the whole test (the report module's reader, counted). */
const read = vi.hoisted(() => ({ rows: 0 }));
vi.mock('../../electron/jobs/report', async (original) => {
  const real = await original<typeof import('../../electron/jobs/report')>();
  return {
    ...real,
    async *auditRows(...args: Parameters<typeof real.auditRows>) {
      for await (const row of real.auditRows(...args)) {
        read.rows++;
        yield row;
      }
    },
  };
});
const { auditRows } = await import('../../electron/jobs/report');

const MAILBOXES = Array.from({ length: 30 }, (_, i) => `user${String(i).padStart(2, '0')}@contoso.com`);
const PER_MAILBOX = 300;
const FAILED: OutcomeKind[] = ['failed'];

let dir: string;
let cleanup: () => void;
let jobs: JobHistoryEntry[];
let manifest: MultiManifest;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('multi-report-'));
  // Listed in another order than the jobs ran: the report follows the list.
  for (const smtp of [...MAILBOXES].reverse()) {
    const fb = new FakeBackend();
    const items = fb.addItems('inbox', PER_MAILBOX);
    const refused = new Set(items.filter((_, i) => i % 5 === 0 && smtp !== 'user07@contoso.com').map((it) => it.key));
    fb.itemFault = (_op, it) =>
      refused.has(it.key) ? { status: 'error', code: 'ErrorAccessDenied', message: 'Access is denied.', retryable: false } : undefined;
    const job = await makeEngine(dir, fb).start({
      mailbox: { smtp, part: 'primary' },
      action: { kind: 'delete', mode: 'SoftDelete' },
      target: { kind: 'ids', ids: items.map((i) => i.id), folderId: 'inbox' },
    });
    await job.done;
  }
  jobs = await makeEngine(dir, new FakeBackend()).listJobs();
  manifest = {
    v: 1,
    multiJobId: 'multi-test',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    user: 'admin@contoso.com',
    spec: {
      search: { mailboxes: MAILBOXES, parts: 'primary', folders: { kind: 'allMail' }, dumpster: false, filter: {} },
      action: { kind: 'delete', mode: 'SoftDelete' },
    },
    mailboxes: {},
    finished: { state: 'completed', at: '2026-12-01T11:00:00.000Z' },
  };
}, 60_000);
afterAll(() => cleanup());

/** The whole report read straight through, as the export reads it. */
async function everyRow(kinds?: OutcomeKind[]): Promise<AuditRow[]> {
  const out: AuditRow[] = [];
  for (const s of reportSegments(dir, manifest, jobs))
    for await (const row of auditRows(s.journal, kinds === undefined ? undefined : new Set(kinds))) out.push(row);
  return out;
}

function pager(frozen = true): { pager: MultiReportPager; loads: () => number } {
  let loads = 0;
  const load = async (): Promise<LoadedReport> => {
    loads++;
    return { segments: reportSegments(dir, manifest, jobs), frozen };
  };
  return { pager: new MultiReportPager(load), loads: () => loads };
}

describe('the many-mailbox report, paged', () => {
  it('lists the journals mailbox by mailbox in the list order', () => {
    expect(reportSegments(dir, manifest, jobs).map((s) => s.mailbox)).toEqual(MAILBOXES);
  });

  it('pages the failed items 50 at a time: the same rows as read straight through, each row read once', async () => {
    const whole = await everyRow(FAILED);
    expect(whole).toHaveLength(29 * (PER_MAILBOX / 5));
    const { pager: p, loads } = pager();
    read.rows = 0;
    const paged: AuditRow[] = [];
    for (let offset = 0; ; offset += 50) {
      const page = await p.page('multi-test', { outcomes: FAILED, offset, max: 50 });
      expect(page.total).toBe(whole.length);
      paged.push(...page.rows);
      if (page.rows.length < 50) break;
    }
    expect(paged).toEqual(whole);
    // Reading every journal once per page would be ~35 pages x 1,740 rows; the pager reads each once.
    expect(read.rows).toBe(whole.length);
    // A finished job's journal list is read once.
    expect(loads()).toBe(1);
    p.close();
  });

  it('jumps to any offset, filters by mailbox, and counts the total without reading a row', async () => {
    const whole = await everyRow();
    const { pager: p } = pager();
    read.rows = 0;
    const beyond = await p.page('multi-test', { offset: whole.length, max: 50 });
    expect(beyond).toEqual({ rows: [], total: 9_000 });
    expect(read.rows).toBe(0);
    for (const offset of [0, 299, 300, 4_321, 8_990]) {
      read.rows = 0;
      const page = await p.page('multi-test', { offset, max: 20 });
      expect(page.rows, `offset ${offset}`).toEqual(whole.slice(offset, offset + 20));
      // Only the journal the page starts in is read from its start.
      expect(read.rows).toBeLessThanOrEqual((offset % PER_MAILBOX) + 20);
    }
    const ofOne = await p.page('multi-test', { mailbox: 'USER12@contoso.com', outcomes: ['done', 'failed'], offset: 230, max: 100 });
    const all12 = whole.filter((r) => r.mailbox === 'user12@contoso.com');
    expect(ofOne).toEqual({ total: PER_MAILBOX, rows: all12.slice(230) });
    const none = await p.page('multi-test', { mailbox: 'user07@contoso.com', outcomes: FAILED, offset: 0, max: 10 });
    expect(none).toEqual({ rows: [], total: 0 });
    p.close();
  });

  it('reads a job that is not finished afresh for every page (its journals still grow)', async () => {
    const { pager: p, loads } = pager(false);
    const first = await p.page('multi-test', { outcomes: FAILED, offset: 0, max: 10 });
    const second = await p.page('multi-test', { outcomes: FAILED, offset: 10, max: 10 });
    expect(loads()).toBe(2);
    expect([...first.rows, ...second.rows]).toEqual((await everyRow(FAILED)).slice(0, 20));
  });
});
