// electron-vite: main and preload as CommonJS (package.json has no "type": "module", and a
// sandboxed preload cannot be an ES module), renderer built from the UI's own Vite config.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { loadConfigFromFile, mergeConfig, type UserConfig } from 'vite';

const root = import.meta.dirname;
const rendererConfigFile = resolve(root, 'renderer/vite.config.mts');
const rendererEntry = resolve(root, 'renderer/index.html');

export default defineConfig(async (env) => {
  // The renderer's settings belong to renderer/vite.config.mts; only the output place is fixed here.
  const uiConfig: UserConfig = existsSync(rendererConfigFile) ? ((await loadConfigFromFile(env, rendererConfigFile))?.config ?? {}) : {};
  return {
    main: {
      build: {
        outDir: resolve(root, 'out/main'),
        // Bundle zod and fast-xml-parser into index.js: the packaged app then needs no
        // node_modules, so electron-builder's dependency collection (which can miss transitive
        // packages) cannot break it at run time.
        externalizeDeps: false,
        rolldownOptions: {
          // Worker threads loaded beside index.js: the demo mailbox's simulator (electron/sim/workerHost.ts)
          // and the EWS parse worker for large answers (electron/ews/parseOffload.ts).
          input: {
            index: resolve(root, 'electron/main.ts'),
            simWorker: resolve(root, 'electron/sim/workerEntry.ts'),
            ewsParseWorker: resolve(root, 'electron/ews/parseWorker.ts'),
          },
          external: ['electron'],
          output: { format: 'cjs' as const, entryFileNames: '[name].js' },
        },
      },
    },
    preload: {
      build: {
        outDir: resolve(root, 'out/preload'),
        // Sandboxed preloads can require only 'electron': bundle everything else into one file.
        externalizeDeps: false,
        rolldownOptions: {
          input: { index: resolve(root, 'electron/preload.ts') },
          external: ['electron'],
          output: { format: 'cjs' as const, entryFileNames: '[name].js' },
        },
      },
    },
    renderer: existsSync(rendererEntry)
      ? mergeConfig(uiConfig, {
          root: resolve(root, 'renderer'),
          build: {
            outDir: resolve(root, 'out/renderer'),
            emptyOutDir: true,
            rolldownOptions: { input: rendererEntry },
          },
        })
      : undefined,
  };
});
