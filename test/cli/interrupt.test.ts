// The command line's signal handling without a server: the first SIGINT or SIGTERM suspends the job
// once (with the wait given), a second resolves "stopped at once", dispose stops listening; and the
// resume command carries the data folder and connection flags, quoted for a shell.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../electron/cli/args';
import { EXIT, exitFor } from '../../electron/cli/context';
import { resumeCommandLine, suspendOnSignals, SUSPEND_WAIT_MS, type SignalSource } from '../../electron/cli/interrupt';

function fakeJob(): { multiJobId: string; waits: (number | undefined)[]; suspend(ms?: number): Promise<void> } {
  const waits: (number | undefined)[] = [];
  return {
    multiJobId: 'multi-1',
    waits,
    suspend: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

const settledWithin = async (p: Promise<void>, ms: number): Promise<boolean> =>
  Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('suspendOnSignals', () => {
  it('suspends on the first SIGINT with the wait, stops at once on the second, and says so', async () => {
    const source = new EventEmitter();
    const notes: string[] = [];
    const job = fakeJob();
    const watch = suspendOnSignals(job, 'mailbox-sweeper resume multi-1', (t) => notes.push(t), source as SignalSource, 1234);
    expect(watch.received()).toBeUndefined();
    source.emit('SIGINT');
    expect(job.waits).toEqual([1234]);
    expect(watch.received()).toBe('SIGINT');
    expect(notes[0]).toMatch(/^SIGINT: suspending job multi-1: .*up to 1 s.*Continue later with: mailbox-sweeper resume multi-1$/);
    expect(await settledWithin(watch.stoppedAtOnce, 20)).toBe(false);
    source.emit('SIGINT');
    expect(await settledWithin(watch.stoppedAtOnce, 20)).toBe(true);
    // Still one suspend: the second signal does not start another.
    expect(job.waits).toEqual([1234]);
    expect(notes[1]).toMatch(/^SIGINT: stopped at once\..*mailbox-sweeper resume multi-1$/);
    watch.dispose();
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
  });

  it('treats SIGTERM as the first signal (Kubernetes), then SIGINT as the second; the default wait is SUSPEND_WAIT_MS', async () => {
    const source = new EventEmitter();
    const job = fakeJob();
    const watch = suspendOnSignals(job, 'r', () => undefined, source as SignalSource);
    source.emit('SIGTERM');
    expect(watch.received()).toBe('SIGTERM');
    expect(job.waits).toEqual([SUSPEND_WAIT_MS]);
    source.emit('SIGINT');
    expect(await settledWithin(watch.stoppedAtOnce, 20)).toBe(true);
    watch.dispose();
  });

  it('reports a suspend that fails, without throwing', async () => {
    const source = new EventEmitter();
    const notes: string[] = [];
    const watch = suspendOnSignals(
      { multiJobId: 'm', suspend: () => Promise.reject(new Error('disk full')) },
      'r',
      (t) => notes.push(t),
      source as SignalSource,
    );
    source.emit('SIGINT');
    await new Promise((r) => setTimeout(r, 0));
    expect(notes[1]).toBe('Suspend did not finish cleanly (disk full).');
    watch.dispose();
  });
});

describe('resumeCommandLine', () => {
  it('keeps the data folder, connection and tuning flags (quoted for a shell), and drops the rest', () => {
    const args = parseArgs([
      'run',
      '--mailbox',
      'a@x.com',
      '--subject',
      'payroll',
      '--action',
      'softdelete',
      '--yes',
      '--data-dir',
      "/srv/sweeper data/it's",
      '--url',
      'https://mail.contoso.com/EWS/Exchange.asmx',
      '--user',
      'CONTOSO\\svc',
      '--allow-insecure-http',
      '--parallel',
      '4',
    ]);
    expect(resumeCommandLine(args, 'multi-9')).toBe(
      `mailbox-sweeper resume multi-9 --data-dir '/srv/sweeper data/it'\\''s' --url https://mail.contoso.com/EWS/Exchange.asmx --user 'CONTOSO\\svc' --allow-insecure-http --parallel 4`,
    );
    expect(resumeCommandLine(parseArgs(['resume', 'multi-9']), 'multi-9')).toBe('mailbox-sweeper resume multi-9');
  });

  it('an interrupted summary exits 4, distinct from the other codes', () => {
    const counts = { done: 1, alreadyGone: 0, failed: 0, unknown: 0, notAttempted: 0 };
    expect(exitFor({ state: 'interrupted', counts, mailboxes: [] })).toBe(EXIT.interrupted);
    expect(new Set(Object.values(EXIT)).size).toBe(Object.keys(EXIT).length);
  });
});
