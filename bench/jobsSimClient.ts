// Starts bench/jobsSimProcess.ts as a child process and talks to it (see there).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorOptions, ThrottlePolicy } from '../electron/sim';

export interface SimProcess {
  url: string;
  policy: ThrottlePolicy;
  pid: number;
  prepare(items: number): Promise<{ src: string; dst: string }>;
  resetThrottling(): Promise<void>;
  close(): Promise<void>;
}

export async function startSimProcess(options: SimulatorOptions & { latencyMs?: number }): Promise<SimProcess> {
  const script = fileURLToPath(new URL('./jobsSimProcess.ts', import.meta.url));
  const child: ChildProcess = fork(script, [JSON.stringify(options)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(): Promise<T> => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const hello = await next<{ url: string; policy: ThrottlePolicy }>();
  return {
    url: hello.url,
    policy: hello.policy,
    pid: child.pid ?? 0,
    prepare: (items) => {
      const reply = next<{ src: string; dst: string }>();
      child.send({ cmd: 'prepare', items });
      return reply;
    },
    resetThrottling: async () => {
      const reply = next<unknown>();
      child.send({ cmd: 'reset' });
      await reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
