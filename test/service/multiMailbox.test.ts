// The many-mailbox use-cases against the simulator's demo directory and users: choosing mailboxes
// (list, CSV, nested groups, typed names), the preview per mailbox (an unknown mailbox listed with
// its reason), and one soft-delete job over all of them with per-mailbox counts and the report.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator } from '../../electron/sim';
import { createMultiMailboxService, type MultiMailboxService } from '../../electron/service/multiMailbox';
import type { MultiJobSpec, MultiSearchProgress } from '../../shared/domain';

let sim: RunningSimulator;
let dir: string;
let service: MultiMailboxService;
const PHISH = 'Urgent: verify your payroll account';
const TARGETS = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  dir = mkdtempSync(join(tmpdir(), 'multi-service-'));
  TARGETS.forEach((smtp, n) => {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    sim.store.seedItems(inbox.id, n + 2, { subject: PHISH, from: { name: 'Payroll', address: 'payroll@evil.example' }, size: 1000 });
    sim.store.seedItems(inbox.id, 5, { subject: 'Team lunch' });
  });
  service = createMultiMailboxService({
    dataDir: dir,
    connection: { url: sim.url, authKind: 'basic', user: DEMO_ADMIN, secret: DEMO_PASSWORD, demo: false },
    engine: { progressIntervalMs: 10 },
  });
});
afterAll(async () => {
  service.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('choosing mailboxes', () => {
  it('expands a group with its nested group, de-duplicated, and lists what it could not use', async () => {
    const picked = await service.selectMailboxes({
      text: 'Bob@contoso.com\nnot-an-address-at-all',
      groups: ['all-staff@contoso.com', 'nobody-group@contoso.com'],
    });
    expect(picked.mailboxes.map((m) => m.toLowerCase()).sort()).toEqual(TARGETS);
    expect(picked.problems.map((p) => p.entry)).toEqual(['not-an-address-at-all', 'nobody-group@contoso.com']);
    expect(picked.problems[0]?.reason).toMatch(/No mailbox or group/);
  });

  it('reads the address column of a CSV export and resolves a typed name', async () => {
    const csv = 'DisplayName,PrimarySmtpAddress\r\n"Smith, Alice",alice@contoso.com\r\nBob,bob@contoso.com\r\nAlice again,ALICE@contoso.com\r\n';
    expect((await service.selectMailboxes({ text: csv })).mailboxes).toEqual(['alice@contoso.com', 'bob@contoso.com']);
    expect((await service.selectMailboxes({ names: ['Carol'] })).mailboxes).toEqual(['carol@contoso.com']);
  });
});

describe('search and job over many mailboxes', () => {
  const search = {
    mailboxes: [...TARGETS, 'ghost@contoso.com'],
    parts: 'primary' as const,
    folders: { kind: 'allMail' as const },
    dumpster: false,
    filter: { subjectContains: 'verify your payroll', senderContains: 'evil.example' },
  };

  it('previews hits per mailbox, streamed with progress, and names the unknown mailbox', async () => {
    const progress: MultiSearchProgress[] = [];
    const rows = await service.search(search, (p) => progress.push(p));
    expect(rows.map((r) => [r.mailbox, r.state, r.hits])).toEqual([
      ['alice@contoso.com', 'searched', 2],
      ['bob@contoso.com', 'searched', 3],
      ['carol@contoso.com', 'searched', 4],
      ['ghost@contoso.com', 'unreachable', 0],
    ]);
    expect(rows[0]?.totalSize).toBe(2000);
    expect(rows[0]?.sampleSubjects).toEqual([PHISH, PHISH]);
    expect(rows[0]?.access).toBe('impersonation');
    expect(rows[3]?.reason).toBeTruthy();
    expect(progress.map((p) => p.mailboxesDone)).toEqual([1, 2, 3, 4]);
    expect(progress.at(-1)?.mailboxesTotal).toBe(4);
  });

  it('soft-deletes every hit in every mailbox, with per-mailbox status and a report with the mailbox column', async () => {
    const spec: MultiJobSpec = { search, action: { kind: 'delete', mode: 'SoftDelete' } };
    const job = await service.start(spec);
    const summary = await job.done;
    expect(summary.state).toBe('completed');
    expect(summary.counts.done).toBe(9);
    const byMailbox = Object.fromEntries(summary.mailboxes.map((m) => [m.mailbox, [m.state, m.counts.done]]));
    expect(byMailbox).toEqual({
      'alice@contoso.com': ['done', 2],
      'bob@contoso.com': ['done', 3],
      'carol@contoso.com': ['done', 4],
      'ghost@contoso.com': ['unreachable', 0],
    });
    for (const smtp of TARGETS) {
      const deletions = sim.store.folderByDistinguished(smtp, 'recoverableitemsdeletions');
      expect([...sim.store.folderItems(deletions?.id ?? '')].filter((i) => i.subject === PHISH).length).toBeGreaterThan(0);
    }
    const out = join(dir, 'report.csv');
    expect(await service.exportReport(job.multiJobId, 'csv', out)).toBe(9);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^"mailbox","jobId"/);
    expect(lines.filter((l) => l.startsWith('"carol@contoso.com"'))).toHaveLength(4);
    const listed = await service.list();
    expect(listed[0]?.multiJobId).toBe(job.multiJobId);
    expect(listed[0]?.state).toBe('completed');
    expect(listed[0]?.counts.done).toBe(9);
  });
});

describe('opening mailboxes', () => {
  it('tries a sign-in again when Exchange is overloaded for a moment, and not when the mailbox does not exist', async () => {
    sim.setFaults({ seed: 11, rates: { http503: 1 } });
    const opening = service.testMailbox('bob@contoso.com');
    await new Promise((resolve) => setTimeout(resolve, 300));
    sim.setFaults({ rates: { http503: 0 } });
    expect(await opening).toEqual({ ok: true, access: 'impersonation', hasArchive: true });
    const started = Date.now();
    const ghost = await service.testMailbox('ghost@contoso.com');
    expect(ghost.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
