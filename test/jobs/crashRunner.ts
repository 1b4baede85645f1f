// Child process for the crash test: runs (or resumes) one job against a simulator URL and reports
// on stdout, so the parent can kill -9 it mid-run. Usage:
//   node --import tsx crashRunner.ts <url> <dataDir> start <specJson>
//   node --import tsx crashRunner.ts <url> <dataDir> resume <jobId>
import type { JobSpec } from '../../shared/domain';
import { JobEngine } from '../../electron/jobs/engine';
import { ewsBackend } from './simHarness';

async function main(): Promise<void> {
  const [url, dataDir, mode, arg] = process.argv.slice(2);
  if (!url || !dataDir || !arg || (mode !== 'start' && mode !== 'resume')) throw new Error('usage: crashRunner <url> <dataDir> start|resume <spec|jobId>');
  const engine = new JobEngine({
    dataDir,
    user: 'admin@contoso.com',
    backendFor: (mailbox) => ewsBackend(url, mailbox).backend,
    concurrencyCap: 4,
    initialConcurrency: 4,
    batch: { initial: 50, max: 50 },
    requestTimeoutMs: 2_000,
    backoff: { defaultBusyMs: 20, baseMs: 5, maxMs: 50, maxAttempts: 8 },
    progressIntervalMs: 20,
  });
  const job = mode === 'start' ? await engine.start(JSON.parse(arg) as JobSpec) : await engine.resume(arg);
  process.stdout.write(`JOB ${job.jobId}\n`);
  job.onProgress((e) => {
    if (e.kind === 'running') process.stdout.write(`DONE ${e.counts.done}\n`);
  });
  const result = await job.done;
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
