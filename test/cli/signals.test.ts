// Ctrl-C (SIGINT) and SIGTERM sent to the real command line in the middle of a job over three
// mailboxes, at the moment its journals show a batch in flight (sent, unanswered). The first signal
// suspends: exit 4, the resume command on stderr, the batches answered and journalled, `jobs` lists
// the job interrupted, and `resume` finishes it with every item in exactly one outcome that agrees
// with the mailbox. A second Ctrl-C during the suspend's wait stops at once (batches still in flight
// in the journal), and resume still ends every item in one outcome.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim';
import { ItemStatus, replayJournal } from '../../electron/jobs/replay';
import { locateBySubject } from '../jobs/simHarness';
import { cliEnv, ofType, runCli, type CliRun } from './support';

const MAILBOXES = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'];
const PER_MAILBOX = 1500;
const TUNING = ['--concurrency-cap', '2', '--parallel', '2', '--format', 'jsonl'];
let sim: RunningSimulator;
let root: string;
let dir: string;
let run = 0;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  root = mkdtempSync(join(tmpdir(), 'cli-signals-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  // Each test its own data folder and subjects, so the jobs and items of one never meet another's.
  dir = join(root, `run-${++run}`);
});

function seed(tag: string): void {
  for (const smtp of MAILBOXES) {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    sim.store.seedItems(inbox.id, PER_MAILBOX, { subject: (i) => `${tag}-${smtp}-${i}`, receivedStepSeconds: 1, received: '2026-06-01T00:00:00Z' });
  }
}

async function inFlight(folder: string): Promise<number> {
  let n = 0;
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.journal.jsonl'))) {
    // The journal is being written: a torn last line is skipped by the reader, any other hiccup counts as "not yet".
    n += await replayJournal(join(folder, name)).then(
      (r) => r?.status.countOf(ItemStatus.InFlight) ?? 0,
      () => 0,
    );
  }
  return n;
}

/** Starts the move and returns once a batch is in flight (journalled as sent, not yet answered). */
async function startAndCatchInFlight(tag: string): Promise<{ first: CliRun; id: string; folder: string }> {
  const first = runCli(['run', '--mailbox', MAILBOXES.join(','), '--subject', tag, '--action', 'move:junkemail', ...TUNING], cliEnv(sim.url, dir));
  const id = String((await first.waitFor((e) => e.type === 'job')).multiJobId);
  const folder = join(dir, 'jobs', 'multi', id);
  const deadline = Date.now() + 60_000;
  const journals = (): number => readdirSync(folder).filter((n) => n.endsWith('.journal.jsonl')).length;
  while (Date.now() < deadline && (journals() === 0 || (await inFlight(folder)) === 0)) await new Promise((r) => setTimeout(r, 5));
  return { first, id, folder };
}

/** Resolves once the command line has written `text` to stderr (listen right after the signal: nothing is missed). */
function stderrShows(cli: CliRun, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    cli.proc.stderr?.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(text)) resolve();
    });
    void cli.result.then((r) => reject(new Error(`exited (${r.code ?? r.signal}) before writing "${text}"; stderr: ${r.stderr}`)));
  });
}

/**
 * `jobs` lists it interrupted; `resume` finishes it; every item has one outcome, and the mailbox
 * agrees. `answered`: nothing was left in flight, so every item ends done; otherwise a batch cut
 * off may end unknown (its move may or may not have happened), as after kill -9.
 */
async function resumeAndCheck(tag: string, id: string, answered: boolean): Promise<void> {
  const env = cliEnv(sim.url, dir);
  const listed = await runCli(['jobs'], env).result;
  expect(ofType(listed.events, 'job').find((j) => j.multiJobId === id)).toMatchObject({ state: 'interrupted', resumable: true });

  sim.setFaults({ requestLatencyMs: 0 });
  const second = await runCli(['resume', id, ...TUNING], env).result;
  expect(second.stderr).not.toMatch(/error:/);
  const summary = ofType(second.events, 'summary')[0];
  expect(summary).toMatchObject({ state: 'completed', total: 3 * PER_MAILBOX });
  const counts = summary?.counts as { done: number; unknown: number; failed: number; notAttempted: number };
  expect(counts.done + counts.unknown).toBe(3 * PER_MAILBOX);
  if (answered) expect([second.code, counts.done]).toEqual([0, 3 * PER_MAILBOX]);
  else expect([0, 1]).toContain(second.code);

  const report = await runCli(['report', id, '--format', 'jsonl'], env).result;
  const rows = ofType(report.events, 'item');
  expect(rows).toHaveLength(3 * PER_MAILBOX);
  expect(new Set(rows.map((r) => `${String(r.mailbox)}|${String(r.itemId)}`)).size).toBe(3 * PER_MAILBOX);
  for (const smtp of MAILBOXES) {
    const junk = sim.store.folderByDistinguished(smtp, 'junkemail')?.id;
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox')?.id;
    const where = locateBySubject(sim, smtp, `${tag}-${smtp}-`);
    expect(where.size).toBe(PER_MAILBOX);
    for (const [, folders] of where) expect(folders).toHaveLength(1);
    const mine = rows.filter((r) => r.mailbox === smtp);
    expect(mine).toHaveLength(PER_MAILBOX);
    for (const r of mine) {
      const at = where.get(String(r.subject))?.[0];
      if (r.outcome === 'done') expect(at).toBe(junk);
      else expect([junk, inbox]).toContain(at);
    }
  }
}

describe('signals during a job', () => {
  it('Ctrl-C suspends: in-flight batches answered and journalled, exit 4, the resume command, then resume finishes', async () => {
    seed('sigint');
    sim.setFaults({ requestLatencyMs: 60 });
    const { first, id, folder } = await startAndCatchInFlight('sigint');
    first.proc.kill('SIGINT');
    const ended = await first.result;
    expect(ended.signal).toBeNull();
    expect(ended.code, ended.stderr).toBe(4);
    expect(ended.stderr).toContain(`SIGINT: suspending job ${id}`);
    expect(ended.stderr).toContain(`Continue later with: mailbox-sweeper resume ${id}`);
    expect(ended.stderr).toMatch(/^interrupted: /m);
    expect(ofType(ended.events, 'summary')[0]).toMatchObject({ multiJobId: id, state: 'interrupted' });
    expect(ofType(ended.events, 'interrupted')[0]).toMatchObject({ multiJobId: id, signal: 'SIGINT', atOnce: false });
    // Suspended, not cancelled: nothing is "not attempted", and the batches that were in flight were answered.
    expect((ofType(ended.events, 'summary')[0]?.counts as Record<string, number>).notAttempted).toBe(0);
    expect(await inFlight(folder)).toBe(0);
    await resumeAndCheck('sigint', id, true);
  }, 120_000);

  it('a second Ctrl-C during the wait stops at once; resume still ends every item in one outcome', async () => {
    seed('twice');
    sim.setFaults({ requestLatencyMs: 60 });
    const { first, id, folder } = await startAndCatchInFlight('twice');
    // Then slow answers: the batches sent from now on are in flight for seconds, so the suspend would wait.
    sim.setFaults({ requestLatencyMs: 5_000 });
    await new Promise((r) => setTimeout(r, 500));
    while ((await inFlight(folder)) === 0) await new Promise((r) => setTimeout(r, 5));
    first.proc.kill('SIGINT');
    await stderrShows(first, 'suspending job');
    const secondAt = Date.now();
    first.proc.kill('SIGINT');
    const ended = await first.result;
    expect(Date.now() - secondAt).toBeLessThan(3_000);
    expect(ended.code, ended.stderr).toBe(4);
    expect(ended.stderr).toContain(`SIGINT: stopped at once`);
    expect(ended.stderr).toContain(`mailbox-sweeper resume ${id}`);
    expect(ofType(ended.events, 'interrupted')[0]).toMatchObject({ multiJobId: id, atOnce: true });
    // It did not wait: batches are still sent without an answer in the journal.
    expect(await inFlight(folder)).toBeGreaterThan(0);
    await resumeAndCheck('twice', id, false);
  }, 120_000);

  it('SIGTERM suspends like the first Ctrl-C (exit 4, resumable)', async () => {
    seed('sigterm');
    sim.setFaults({ requestLatencyMs: 60 });
    const { first, id, folder } = await startAndCatchInFlight('sigterm');
    first.proc.kill('SIGTERM');
    const ended = await first.result;
    expect(ended.signal).toBeNull();
    expect(ended.code, ended.stderr).toBe(4);
    expect(ended.stderr).toContain(`SIGTERM: suspending job ${id}`);
    expect(ofType(ended.events, 'interrupted')[0]).toMatchObject({ multiJobId: id, signal: 'SIGTERM', atOnce: false });
    expect(await inFlight(folder)).toBe(0);
    await resumeAndCheck('sigterm', id, true);
  }, 120_000);
});
