// `mailbox-sweeper retry JOB_ID` as an admin runs it (the real binary against the simulator): a move
// whose items partly failed with a final error (ErrorAccessDenied, injected) and one of whose
// mailboxes could not be opened. The retry leaves the final errors (counted, exit 1), opens the
// mailbox again, and is listed as a job of its own; a job id that does not exist is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/sim';
import { cliEnv, ofType, runCli } from './support';

let sim: RunningSimulator;
let dir: string;
const SUBJECT = 'Retry me across mailboxes';

beforeAll(async () => {
  sim = await startSimulator({ seed: 'empty', throttling: false });
  dir = mkdtempSync(join(tmpdir(), 'cli-retry-'));
  for (const smtp of ['alice@contoso.com', 'bob@contoso.com']) {
    const inbox = sim.store.folderByDistinguished(smtp, 'inbox');
    if (!inbox) throw new Error(`no inbox for ${smtp}`);
    sim.store.seedItems(inbox.id, 20, { subject: SUBJECT });
  }
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('retry', () => {
  it('retries what is left: final errors counted and left, the unopened mailbox tried again', async () => {
    const env = cliEnv(sim.url, dir);
    sim.setFaults({ seed: 7, itemErrorRates: { ErrorAccessDenied: 0.25 } });
    const first = await runCli(
      ['run', '--mailbox', 'alice@contoso.com,bob@contoso.com,ghost@contoso.com', '--subject', SUBJECT, '--action', 'move:junkemail'],
      env,
    ).result;
    sim.setFaults({ itemErrorRates: { ErrorAccessDenied: 0 } });
    expect(first.code).toBe(1);
    const summary = ofType(first.events, 'summary')[0] as { multiJobId: string; counts: { done: number; failed: number } };
    expect(summary.counts.failed).toBeGreaterThan(0);
    expect(summary.counts.done + summary.counts.failed).toBe(40);

    const retry = await runCli(['retry', summary.multiJobId], env).result;
    const plan = ofType(retry.events, 'retryPlan')[0];
    expect(plan).toMatchObject({ retryOf: summary.multiJobId, items: 0, finalErrors: summary.counts.failed, mailboxesAgain: ['ghost@contoso.com'] });
    expect(retry.stderr).toMatch(/failed with a final error \(not retried\)/);
    // The ghost mailbox is opened again and is still unknown: partly failed.
    expect(retry.code).toBe(1);
    const retried = ofType(retry.events, 'summary')[0] as { multiJobId: string };
    expect(ofType(retry.events, 'mailbox').map((m) => [m.mailbox, m.state])).toEqual([['ghost@contoso.com', 'unreachable']]);

    const jobs = await runCli(['jobs'], env).result;
    expect(ofType(jobs.events, 'job').find((j) => j.multiJobId === retried.multiJobId)?.title).toMatch(new RegExp(`^Retry of ${summary.multiJobId}`));

    const unknown = await runCli(['retry', 'multi-nope'], env).result;
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/No multi-mailbox job multi-nope/);
    expect((await runCli(['retry'], env).result).code).toBe(2);
  }, 120_000);
});
