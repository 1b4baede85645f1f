// Crash test: the simulator runs here, the job in a child process that is killed with SIGKILL
// mid-run; a new child resumes it from the journal. Nothing done is sent again, what was in flight
// is settled first, and every item ends with exactly one outcome that matches the mailbox.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ADMIN, startSimulator, type RunningSimulator } from '../../electron/sim';
import { JobEngine } from '../../electron/jobs/engine';
import { journalPath, readJournal } from '../../electron/jobs/journal';
import { ItemStatus, replayJournal } from '../../electron/jobs/replay';
import type { JobResult } from '../../electron/jobs/runner';
import type { JobSpec } from '../../shared/domain';
import { outcomesOf, tempDir } from './helpers';
import { locateBySubject } from './simHarness';

const runner = fileURLToPath(new URL('./crashRunner.ts', import.meta.url));
let sim: RunningSimulator;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  ({ dir, cleanup } = tempDir('jobs-crash-'));
});
afterAll(async () => {
  await sim.close();
  cleanup();
});

interface Child {
  proc: ChildProcess;
  jobId: Promise<string>;
  /** Resolves when a line matches. */
  waitFor(match: (line: string) => boolean): Promise<string>;
  exited: Promise<number | null>;
}

function runChild(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', runner, sim.url, dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const waiters: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    for (const w of [...waiters]) {
      if (w.match(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const waitFor = (match: (l: string) => boolean): Promise<string> =>
    new Promise((resolve, reject) => {
      waiters.push({ match, resolve });
      void exited.then((code) => reject(new Error(`child exited (${code}) before the expected line; stderr: ${stderr}`)));
    });
  return { proc, waitFor, exited, jobId: waitFor((l) => l.startsWith('JOB ')).then((l) => l.slice(4)) };
}

it('resumes after kill -9: done items are never resent, in-flight ones are settled first, invariants hold', async () => {
  const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
  if (!inbox) throw new Error('no inbox');
  const src = sim.store.createFolder(inbox.id, 'crash-src').id;
  const dst = sim.store.createFolder(inbox.id, 'crash-dst').id;
  const control = sim.store.seedItems(src, 200, { subject: (i) => `keep-${i}`, received: '2024-01-01T00:00:00Z' });
  sim.store.seedItems(src, 3000, { subject: (i) => `crash-${i}`, receivedStepSeconds: 1, received: '2025-06-01T00:00:00Z' });
  // Every request takes a while, so several batches are in flight when the kill lands; some answers are lost.
  sim.setFaults({ seed: 3, requestLatencyMs: 40, rates: { lostResponse: 0.05 } });

  const spec: JobSpec = {
    mailbox: { part: 'primary' },
    action: { kind: 'move', toFolderId: dst },
    target: { kind: 'query', folderId: src, filter: { subjectContains: 'crash-' } },
  };
  const first = runChild(['start', JSON.stringify(spec)]);
  const jobId = await first.jobId;
  await first.waitFor((l) => l.startsWith('DONE ') && Number(l.slice(5)) >= 800);
  first.proc.kill('SIGKILL');
  await first.exited;

  const file = journalPath(dir, jobId);
  const afterKill = await replayJournal(file);
  if (!afterKill) throw new Error('no journal');
  const doneBefore = afterKill.counts.done;
  expect(afterKill.status.countOf(ItemStatus.InFlight)).toBeGreaterThan(0);
  expect(doneBefore).toBeGreaterThanOrEqual(800);
  expect(doneBefore).toBeLessThan(3000);
  const finalBeforeKill = new Set<number>();
  let recordsBeforeKill = 0;
  for await (const rec of readJournal(file)) {
    recordsBeforeKill++;
    if (rec.t === 'result') for (const o of rec.out) finalBeforeKill.add(o.s);
  }

  const engine = new JobEngine({
    dataDir: dir,
    user: 'x',
    backendFor: () => {
      throw new Error('listing needs no backend');
    },
  });
  expect((await engine.listInterrupted()).map((j) => j.jobId)).toContain(jobId);

  sim.setFaults({ requestLatencyMs: 0 });
  const second = runChild(['resume', jobId]);
  const line = await second.waitFor((l) => l.startsWith('RESULT '));
  const result = JSON.parse(line.slice(7)) as JobResult;
  await second.exited;

  expect(result.state).toBe('completed');
  expect(result.total).toBe(3000);
  expect(result.counts.done + result.counts.unknown + result.counts.failed).toBe(3000);
  expect(result.counts.failed).toBe(0);

  // Nothing final before the kill was sent again: its seq appears in no later intent.
  let index = 0;
  let intentsAfter = 0;
  for await (const rec of readJournal(file)) {
    if (index++ < recordsBeforeKill || rec.t !== 'intent') continue;
    intentsAfter++;
    for (const s of rec.seqs) expect(finalBeforeKill.has(s), `item ${s} was final before the kill and sent again`).toBe(false);
  }
  expect(intentsAfter).toBeGreaterThan(0);

  // Exactly one outcome per item; every item exactly once in the mailbox; done ones in dst.
  const rows = await outcomesOf(dir, jobId);
  expect(rows.size).toBe(3000);
  const where = locateBySubject(sim, DEMO_ADMIN, 'crash-');
  expect(where.size).toBe(3000);
  for (const [, folders] of where) expect(folders).toHaveLength(1);
  for (const r of rows.values()) {
    expect(where.get(r.subject)).toEqual([r.outcome === 'done' ? dst : (where.get(r.subject)?.[0] ?? 'missing')]);
    if (r.outcome === 'done') expect(sim.store.locate(r.newId ?? '')?.folderId).toBe(dst);
  }
  // Items outside the selection were not touched.
  for (const id of control) expect(sim.store.locate(id)?.folderId).toBe(src);
}, 120_000);

it('resumes after kill -9 during start-up (header written, planning and the first batches on their way): every item ends once', async () => {
  const inbox = sim.store.folderByDistinguished(DEMO_ADMIN, 'inbox');
  if (!inbox) throw new Error('no inbox');
  const src = sim.store.createFolder(inbox.id, 'boot-src').id;
  const dst = sim.store.createFolder(inbox.id, 'boot-dst').id;
  sim.store.seedItems(src, 600, { subject: (i) => `boot-${i}`, receivedStepSeconds: 1, received: '2025-06-01T00:00:00Z' });
  sim.setFaults({ seed: 5, requestLatencyMs: 40 });
  const spec: JobSpec = {
    mailbox: { part: 'primary' },
    action: { kind: 'move', toFolderId: dst },
    target: { kind: 'query', folderId: src, filter: { subjectContains: 'boot-' } },
  };
  // The kill lands as soon as start() has returned: the journal holds its header (only written, not
  // yet synced), and perhaps a state, plan pages and intents; nothing has been answered yet.
  const first = runChild(['start', JSON.stringify(spec)]);
  const jobId = await first.jobId;
  first.proc.kill('SIGKILL');
  await first.exited;
  const afterKill = await replayJournal(journalPath(dir, jobId));
  expect(afterKill?.header.jobId).toBe(jobId);
  expect(afterKill?.integrity.damaged).toBe(false);

  sim.setFaults({ requestLatencyMs: 0 });
  const second = runChild(['resume', jobId]);
  const line = await second.waitFor((l) => l.startsWith('RESULT '));
  const result = JSON.parse(line.slice(7)) as JobResult;
  await second.exited;
  expect(result.state).toBe('completed');
  expect(result.total).toBe(600);
  expect(result.counts.done + result.counts.unknown).toBe(600);
  expect(result.counts.failed).toBe(0);
  const rows = await outcomesOf(dir, jobId);
  expect(rows.size).toBe(600);
  const where = locateBySubject(sim, DEMO_ADMIN, 'boot-');
  expect(where.size).toBe(600);
  for (const [, folders] of where) expect(folders).toEqual([dst]);
}, 120_000);
