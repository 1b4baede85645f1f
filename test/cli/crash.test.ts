// kill -9 of the command line in the middle of a job over three mailboxes, then `resume`: like
// test/jobs/crash.test.ts for one mailbox, but across the multi-job's whole journal folder. Nothing
// final before the kill is sent again, every item of every mailbox ends with exactly one outcome,
// and each outcome matches where the item is in its mailbox.
import { readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim';
import { readJournal } from '../../electron/jobs/journal';
import { ItemStatus, replayJournal } from '../../electron/jobs/replay';
import { locateBySubject } from '../jobs/simHarness';
import { cliEnv, ofType, runCli } from './support';

const MAILBOXES = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'];
const PER_MAILBOX = 1500;
let sim: RunningSimulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  dir = mkdtempSync(join(tmpdir(), 'cli-crash-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

async function journalRecords(folder: string): Promise<Map<string, { records: number; final: Set<number> }>> {
  const out = new Map<string, { records: number; final: Set<number> }>();
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.journal.jsonl'))) {
    const final = new Set<number>();
    let records = 0;
    for await (const rec of readJournal(join(folder, name))) {
      records++;
      if (rec.t === 'result') for (const o of rec.out) final.add(o.s);
    }
    out.set(name, { records, final });
  }
  return out;
}

it('resumes a multi-mailbox job after kill -9: done items are never resent, every item has exactly one outcome', async () => {
  const controls: string[] = [];
  for (const smtp of MAILBOXES) {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    controls.push(...sim.store.seedItems(inbox.id, 50, { subject: (i) => `keep-${smtp}-${i}` }));
    sim.store.seedItems(inbox.id, PER_MAILBOX, {
      subject: (i) => `crash-${smtp}-${i}`,
      from: { name: 'Mallory', address: 'mallory@phish.example' },
      receivedStepSeconds: 1,
      received: '2026-06-01T00:00:00Z',
    });
  }
  // Slow answers keep several batches in flight when the kill lands; some answers are lost.
  sim.setFaults({ seed: 5, requestLatencyMs: 40, rates: { lostResponse: 0.05 } });
  const env = cliEnv(sim.url, dir);
  const tuning = ['--concurrency-cap', '4', '--request-timeout-ms', '2000', '--parallel', '2'];
  const first = runCli(
    ['run', '--mailbox', MAILBOXES.join(','), '--subject', 'crash-', '--sender', 'phish.example', '--action', 'move:junkemail', ...tuning],
    env,
  );
  const id = String((await first.waitFor((e) => e.type === 'job')).multiJobId);
  await first.waitFor((e) => e.type === 'progress' && ((e.counts as Record<string, number>).done ?? 0) >= 600);
  // Kill while both of the first two mailboxes have journals (on a loaded machine the second can
  // start late): from then until one of them ends and the third starts, there are exactly two.
  const folder = join(dir, 'jobs', 'multi', id);
  const journals = (): number => readdirSync(folder).filter((n) => n.endsWith('.journal.jsonl')).length;
  const inFlightNow = async (): Promise<number> => {
    let n = 0;
    for (const name of readdirSync(folder).filter((f) => f.endsWith('.journal.jsonl'))) {
      // The journal is being written: a torn last line is skipped by the reader, any other hiccup counts as "not yet".
      n += await replayJournal(join(folder, name)).then(
        (r) => r?.status.countOf(ItemStatus.InFlight) ?? 0,
        () => 0,
      );
    }
    return n;
  };
  // The kill must land while batches are in flight (sent, not yet answered): look, then kill at once.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && (journals() < 2 || (await inFlightNow()) === 0)) await new Promise((r) => setTimeout(r, 5));
  first.proc.kill('SIGKILL');
  const killed = await first.result;
  expect(killed.signal).toBe('SIGKILL');

  const before = await journalRecords(folder);
  // Two mailboxes at a time: the third had not started, so resume begins it from its search.
  expect(before.size).toBe(2);
  let inFlight = 0;
  for (const name of before.keys()) inFlight += (await replayJournal(join(folder, name)))?.status.countOf(ItemStatus.InFlight) ?? 0;
  expect(inFlight).toBeGreaterThan(0);
  const listed = await runCli(['jobs'], env).result;
  expect(ofType(listed.events, 'job').find((j) => j.multiJobId === id)).toMatchObject({ state: 'interrupted', resumable: true });

  sim.setFaults({ requestLatencyMs: 0, rates: { lostResponse: 0 } });
  const second = await runCli(['resume', id, ...tuning], env).result;
  expect(second.stderr).not.toMatch(/error:/);
  const summary = ofType(second.events, 'summary')[0];
  const counts = summary?.counts as { done: number; unknown: number; failed: number };
  expect(summary?.state).toBe('completed');
  expect(summary?.total).toBe(3 * PER_MAILBOX);
  expect(counts.done + counts.unknown).toBe(3 * PER_MAILBOX);
  expect(counts.failed).toBe(0);
  expect(ofType(second.events, 'mailbox').map((m) => m.state)).toEqual(['done', 'done', 'done']);
  expect([0, 1]).toContain(second.code);

  // Nothing final before the kill was sent again: its seq appears in no later intent of that journal.
  let intentsAfter = 0;
  for (const [name, { records, final }] of before) {
    let index = 0;
    for await (const rec of readJournal(join(folder, name))) {
      if (index++ < records || rec.t !== 'intent') continue;
      intentsAfter++;
      for (const s of rec.seqs) expect(final.has(s), `${name}: item ${s} was final before the kill and sent again`).toBe(false);
    }
  }
  expect(intentsAfter).toBeGreaterThan(0);

  // Exactly one outcome per item over the whole job, and each matches the mailbox.
  const report = await runCli(['report', id, '--format', 'jsonl'], env).result;
  const rows = ofType(report.events, 'item');
  expect(rows).toHaveLength(3 * PER_MAILBOX);
  expect(new Set(rows.map((r) => `${String(r.mailbox)}|${String(r.itemId)}`)).size).toBe(3 * PER_MAILBOX);
  for (const smtp of MAILBOXES) {
    const junk = sim.store.folderByDistinguished(smtp, 'junkemail')?.id;
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox')?.id;
    const where = locateBySubject(sim, smtp, `crash-${smtp}-`);
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
  for (const id of controls) expect(sim.store.locate(id)?.distinguished).toBe('inbox');
}, 180_000);
