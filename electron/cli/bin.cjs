#!/usr/bin/env node
// `mailbox-sweeper`: the command line's launcher for plain Node (no Electron). It loads the
// TypeScript entry through tsx's require hook (tsx is installed by `npm ci` with the project), so
// the command line runs the same source as the app's service layer, with no build step.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher: require is how it loads the entry. */
require('tsx/cjs/api').register();
require('./main.ts').runCli();
