// Runs renderer modules in Chromium, for code that needs the browser's own parsers (DOMParser,
// CSSOM) and whose behaviour is only meaningful there. Each module is transpiled on its own to
// CommonJS and registered by file name, so a relative import ('./cssSanitiser') finds a module
// loaded before it. Every request the page makes is recorded and refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import ts from 'typescript';
import { chromiumArgs, requireChromium } from '../../../e2e/support/chromium';

const libDir = join(__dirname, '..', '..', '..', 'renderer', 'src', 'lib');

function moduleScript(name: string): string {
  const source = readFileSync(join(libDir, `${name}.ts`), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  return `(() => {
  const registry = (globalThis.__modules ??= {});
  const module = { exports: {} };
  const exports = module.exports;
  const require = (path) => {
    const found = registry[path.replace(/^.*\\//, '')];
    if (!found) throw new Error('module not loaded first: ' + path);
    return found;
  };
  ${outputText}
  registry[${JSON.stringify(name)}] = module.exports;
})();`;
}

export interface BrowserModules {
  page: Page;
  /** URLs the page asked for (all refused). */
  requests: string[];
  close(): Promise<void>;
}

/** A blank page with the named renderer/src/lib modules loaded, in load order. */
export async function openWithModules(names: readonly string[]): Promise<BrowserModules> {
  const browser: Browser = await chromium.launch({ executablePath: requireChromium(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!doctype html><title>renderer modules</title>');
    for (const name of names) await page.addScriptTag({ content: moduleScript(name) });
    return { page, requests, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
