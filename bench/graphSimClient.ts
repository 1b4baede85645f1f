// Starts bench/graphSimProcess.ts as a child process and talks to it (see there).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface GraphSimProcess {
  graphUrl: string;
  certificatePem: string | undefined;
  /** A delegated token for the demo admin, signed by the simulator's authority. */
  token: string;
  /** A fresh source folder of `items` items and an empty one, by source key; throttling off until arm(). */
  prepare(items: number): Promise<{ srcKey: string; dstKey: string }>;
  /** Outlook's limits on, with a fresh budget. */
  arm(): Promise<void>;
  close(): Promise<void>;
}

export async function startGraphSimProcess(options: { latencyMs: number }): Promise<GraphSimProcess> {
  const script = fileURLToPath(new URL('./graphSimProcess.ts', import.meta.url));
  const child: ChildProcess = fork(script, [JSON.stringify(options)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(): Promise<T> => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const hello = await next<{ graphUrl: string; certificatePem?: string; token: string }>();
  return {
    graphUrl: hello.graphUrl,
    certificatePem: hello.certificatePem,
    token: hello.token,
    prepare: (items) => {
      const reply = next<{ srcKey: string; dstKey: string }>();
      child.send({ cmd: 'prepare', items });
      return reply;
    },
    arm: async () => {
      const reply = next<unknown>();
      child.send({ cmd: 'arm' });
      await reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
