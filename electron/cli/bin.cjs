#!/usr/bin/env node
// `mailbox-sweeper`: the command line's launcher for plain Node (no Electron). It runs the built
// file (out/cli/mailbox-sweeper.js, `npm run build:cli`: every dependency bundled in) when there is
// one at least as new as the sources; otherwise (a dev checkout that changed since the build, or
// never built) it loads the TypeScript entry through tsx's require hook, so a stale build never
// runs in place of the code beside it.
'use strict';
// libuv's pool size (journal fsyncs of many mailboxes at once): before anything can start the pool.
// Keep in step with electron/threadPool.ts, which says why.
if (!process.env.UV_THREADPOOL_SIZE) process.env.UV_THREADPOOL_SIZE = '16';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher: require is how it loads the entry. */
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const built = join(root, 'out', 'cli', 'mailbox-sweeper.js');

/** Newest modification time of the TypeScript under these folders (0 when there is none: a packaged copy). */
function newestSource(dirs) {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of dirs) walk(dir);
  return newest;
}

function tsxAvailable() {
  try {
    require.resolve('tsx/cjs/api');
    return true;
  } catch {
    return false;
  }
}

const source = join(__dirname, 'main.ts');
const useBuilt =
  existsSync(built) && (!existsSync(source) || !tsxAvailable() || statSync(built).mtimeMs >= newestSource([join(root, 'electron'), join(root, 'shared')]));
if (useBuilt) {
  require(built).runCli();
} else {
  require('tsx/cjs/api').register();
  require('./main.ts').runCli();
}
