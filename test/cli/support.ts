// Runs the real command line (electron/cli/bin.cjs under plain Node, as `npx mailbox-sweeper` does)
// as a child process against a simulator, with the credentials in the environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../electron/sim';

export const BIN = fileURLToPath(new URL('../../electron/cli/bin.cjs', import.meta.url));

export interface CliRun {
  proc: ChildProcess;
  /** Resolves with the first JSON line that matches. */
  waitFor(match: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Exit code, stdout lines as parsed JSON (when they are JSON), raw stdout and stderr. */
  result: Promise<{ code: number | null; signal: NodeJS.Signals | null; events: Record<string, unknown>[]; stdout: string; stderr: string }>;
}

export function cliEnv(url: string, dataDir: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SWEEPER_URL: url,
    SWEEPER_USER: DEMO_ADMIN,
    SWEEPER_PASSWORD: DEMO_PASSWORD,
    SWEEPER_AUTH: 'basic',
    SWEEPER_DATA_DIR: dataDir,
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): CliRun {
  const proc = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const events: Record<string, unknown>[] = [];
  const waiters: { match: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void }[] = [];
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    stdout += `${line}\n`;
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    events.push(event);
    for (const w of [...waiters]) {
      if (w.match(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  const result = new Promise<{ code: number | null; signal: NodeJS.Signals | null; events: Record<string, unknown>[]; stdout: string; stderr: string }>(
    (resolve) => proc.on('close', (code, signal) => resolve({ code, signal, events, stdout, stderr })),
  );
  const waitFor = (match: (e: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const seen = events.find(match);
      if (seen) return resolve(seen);
      waiters.push({ match, resolve });
      void result.then((r) => reject(new Error(`the command line exited (${r.code ?? r.signal}) before the expected line; stderr: ${r.stderr}`)));
    });
  return { proc, waitFor, result };
}

export const ofType = (events: readonly Record<string, unknown>[], type: string): Record<string, unknown>[] => events.filter((e) => e.type === type);
