// The packaged command line: one plain-Node CommonJS file (out/cli/mailbox-sweeper.js) with every
// dependency bundled in, and beside it the EWS parse worker it starts for large answers
// (electron/ews/parseOffload.ts looks for ewsParseWorker.js next to the running file). Built with
// `npm run build:cli`; bin.cjs prefers it and falls back to the TypeScript source through tsx.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root,
  // No public/ folder to copy, no .env files to read: the command line reads its settings at run time.
  publicDir: false,
  envDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      input: {
        'mailbox-sweeper': resolve(root, 'electron/cli/main.ts'),
        ewsParseWorker: resolve(root, 'electron/ews/parseWorker.ts'),
      },
      // Electron is never part of the command line (lint keeps it out of cli/, service/, jobs/, ews/).
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].js' },
    },
  },
  // Bundle every package: the file runs with plain Node and no node_modules.
  ssr: { noExternal: true, target: 'node' },
});
