// Import first (for its effect): runs this bench the way the app and the command line run, with
// libuv's pool at 16 threads (electron/threadPool.ts says why; electron/cli/bin.cjs sets the same,
// keep the three in step). Every journal append of every mailbox's job waits for an fdatasync on that
// pool, so a bench left at the default 4 measures a start-up the app does not have. libuv reads
// UV_THREADPOOL_SIZE once, and under tsx setting it in the process is too late, so a bench started
// without it runs a copy of itself with it set (same node flags, same arguments) and exits with the
// copy's status. A value already in the environment is left as it is; a forked helper process
// (with an IPC channel, such as the bench's simulator) is never run again.
import { spawnSync } from 'node:child_process';

const APP_THREAD_POOL_SIZE = '16';

if (!process.env.UV_THREADPOOL_SIZE && process.send === undefined) {
  const copy = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, UV_THREADPOOL_SIZE: APP_THREAD_POOL_SIZE },
  });
  process.exit(copy.status ?? 1);
}
