// What every command gets: its parsed arguments, the output, the environment, the data folder, and
// the exit codes the command line promises.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { MultiJobSummary } from '../../shared/domain';
import { UsageError, type ParsedArgs } from './args';
import type { CliEnvironment } from './credentials';
import type { Output } from './output';

/**
 * Exit codes: done; partly failed (items failed or unknown, mailboxes unreachable); refused (usage,
 * credentials, nothing to do); failed (sign-in or the job as a whole); interrupted (Ctrl-C or
 * SIGTERM suspended the job: it is resumable, so a script can tell "resume it" from "it failed").
 */
export const EXIT = { done: 0, partlyFailed: 1, refused: 2, failed: 3, interrupted: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CommandContext {
  args: ParsedArgs;
  out: Output;
  environment: CliEnvironment;
  dataDir: string;
}

/** --data-dir, SWEEPER_DATA_DIR, or ~/.mailbox-sweeper: journals live in its jobs/multi/ folder. */
export function dataDirFrom(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  return args.strings.get('data-dir') ?? env.SWEEPER_DATA_DIR ?? join(homedir(), '.mailbox-sweeper');
}

/** The exit code a finished multi-job earns. */
export function exitFor(summary: Pick<MultiJobSummary, 'state' | 'counts' | 'mailboxes'>): ExitCode {
  if (summary.state === 'failed') return EXIT.failed;
  if (summary.state === 'interrupted') return EXIT.interrupted;
  const troubled = summary.counts.failed + summary.counts.unknown + summary.counts.notAttempted > 0 || summary.mailboxes.some((m) => m.state !== 'done');
  return summary.state === 'completed' && !troubled ? EXIT.done : EXIT.partlyFailed;
}

export function numberFlag(args: ParsedArgs, name: string): number | undefined {
  const raw = args.strings.get(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} ${raw}: a whole number of at least 1.`);
  return n;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
