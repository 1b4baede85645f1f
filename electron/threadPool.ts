// Threads in libuv's pool (file system calls, dns.lookup, crypto), first thing in an entry point.
// Every synced journal append (intents, outcomes) of every running job waits for an fdatasync on
// this pool, and so do the manifest and summary writes; with a job over many mailboxes the default
// 4 threads queue those behind each other while the mailboxes start. libuv reads
// UV_THREADPOOL_SIZE once, when the pool first starts, so it must be set before any asynchronous
// file call: this module is the first import of electron/main.ts, electron/cli/bin.cjs sets the
// same value on its first line, and bench/appThreadPool.ts runs the benches with it (checked in
// plain Node 20 on Linux: set there, it takes effect; set after a loader such as tsx has run, it
// does not). A value already in the environment is left as it is.
export const THREAD_POOL_SIZE = 16;

if (!process.env.UV_THREADPOOL_SIZE) process.env.UV_THREADPOOL_SIZE = String(THREAD_POOL_SIZE);
