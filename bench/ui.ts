// UI figures (a benchmark, not a test): the real renderer in Chromium, wired to the real service
// and a simulator holding a 100,000-item folder, latency 0, throttling off. Each figure is timed
// inside the page with performance.now() and printed with how it was obtained; the first-rows
// time is also set beside the naive way (fetching the whole folder before showing anything),
// measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { createSweeperService } from '../electron/service';
import { BULK_FOLDER_PATH, DEMO_ADMIN, DEMO_PASSWORD, startSimulator } from '../electron/sim';
import { chromiumArgs, requireChromium } from '../e2e/support/chromium';
import { testSecretStore } from '../e2e/support/secretStoreForTests';
import { serveRenderer } from '../e2e/support/staticServer';
import { emitToPage, wireSweeper, type InvokeRecord } from '../e2e/support/wireSweeper';

const ITEMS = 100_000;
const REPETITIONS = 3;
const bulkName = BULK_FOLDER_PATH.split('/').pop() ?? 'Bulk notifications';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** Clicks a folder in the tree and times, in the page, until its first data row is rendered with content. */
async function timeFirstRows(page: Page, folderLabel: string): Promise<number> {
  return page.evaluate(async (label) => {
    const item = [...document.querySelectorAll<HTMLElement>('[role="treeitem"]')].find((el) => el.getAttribute('aria-label')?.startsWith(`${label}, `));
    if (!item) throw new Error(`no tree item ${label}`);
    const start = performance.now();
    item.click();
    await new Promise<void>((resolve) => {
      const check = (): void => {
        const grid = document.querySelector(`[role="grid"][aria-label="Items in ${label}"]`);
        if (grid?.querySelector('[role="row"][aria-rowindex="2"][aria-busy="false"]')) resolve();
        else requestAnimationFrame(check);
      };
      check();
    });
    return performance.now() - start;
  }, folderLabel);
}

/** Scrolls the grid from top to bottom one page (500 rows) at a time, waiting at each stop until every rendered row has its data. */
async function timeScrollThrough(page: Page): Promise<{ elapsed: number; stops: number }> {
  return page.evaluate(async () => {
    const grid = document.querySelector('[role="grid"]');
    const body = grid?.querySelectorAll<HTMLElement>('[role="rowgroup"]')[1];
    if (!grid || !body) throw new Error('no grid');
    const rowHeight = grid.querySelector<HTMLElement>('[role="row"][aria-rowindex="2"]')?.offsetHeight ?? 30;
    const allLoaded = (): boolean => body.querySelectorAll('[role="row"][aria-busy="true"]').length === 0;
    const start = performance.now();
    let stops = 0;
    for (let top = 0; ; top += 500 * rowHeight) {
      body.scrollTop = top;
      stops += 1;
      await new Promise<void>((resolve) => {
        const check = (): void => (allLoaded() ? resolve() : void requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
      if (body.scrollTop + body.clientHeight >= body.scrollHeight - 1) break;
    }
    return { elapsed: performance.now() - start, stops };
  });
}

/** Ctrl+A on the grid, timed until the "select all matching" banner is painted. */
async function timeSelectAll(page: Page): Promise<{ selectLoaded: number; selectAllMatching: number }> {
  return page.evaluate(async () => {
    const grid = document.querySelector<HTMLElement>('[role="grid"]');
    if (!grid) throw new Error('no grid');
    grid.focus();
    const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const waitFor = async (predicate: () => boolean): Promise<void> => {
      while (!predicate()) await nextFrame();
    };
    const start = performance.now();
    grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', ctrlKey: true, bubbles: true }));
    await waitFor(() => document.body.textContent?.includes('on screen are selected') ?? false);
    const selectLoaded = performance.now() - start;
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Select all '));
    if (!button) throw new Error('no select-all-matching button');
    const start2 = performance.now();
    button.click();
    await waitFor(() => document.querySelector('[role="toolbar"]')?.textContent?.includes('100,000 selected') ?? false);
    return { selectLoaded, selectAllMatching: performance.now() - start2 };
  });
}

async function main(): Promise<void> {
  const sim = await startSimulator({ bulkItems: ITEMS, throttling: false, demoScale: 0.2 });
  const dataDir = mkdtempSync(join(tmpdir(), 'sweeper-bench-ui-'));
  const server = await serveRenderer();
  const browser = await chromium.launch({ executablePath: requireChromium(), args: chromiumArgs });
  let page: Page | undefined;
  const service = createSweeperService({
    dataDir,
    secretStore: testSecretStore,
    chooseSavePath: async (name: string) => join(dataDir, name),
    emit: emitToPage(() => page),
  });
  try {
    const calls: InvokeRecord[] = [];
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await wireSweeper(page, service, calls);
    await page.goto(server.indexUrl);
    await page.getByLabel('EWS URL').fill(sim.url);
    await page.getByLabel('User name', { exact: true }).fill(DEMO_ADMIN);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('treeitem', { name: new RegExp(`^${bulkName}, `) }).first().waitFor();

    // First rows: open the big folder, then another folder, REPETITIONS times; median.
    const firstRows: number[] = [];
    for (let i = 0; i < REPETITIONS; i++) {
      firstRows.push(await timeFirstRows(page, bulkName));
      await timeFirstRows(page, 'Inbox');
    }
    await timeFirstRows(page, bulkName);

    // The naive way, same run: every page of the folder fetched before anything is shown.
    const folderId = sim.store.folderByPath(DEMO_ADMIN, BULK_FOLDER_PATH)?.id ?? '';
    const naiveStart = performance.now();
    for (let offset = 0; ; offset += 1000) {
      const page1000 = await service.listItems({ folderId, offset, max: 1000, sort: { field: 'received', direction: 'desc' } });
      if (page1000.last || page1000.rows.length === 0) break;
    }
    const naiveAll = performance.now() - naiveStart;

    const selectTimes: { selectLoaded: number; selectAllMatching: number }[] = [];
    for (let i = 0; i < REPETITIONS; i++) {
      selectTimes.push(await timeSelectAll(page));
      await page.keyboard.press('Escape');
    }

    console.log(`first rows: ${firstRows.map(ms).join(', ')}; naive whole-folder fetch: ${ms(naiveAll)}`);
    const before = calls.filter((c) => c.method === 'listItems').length;
    const scroll = await timeScrollThrough(page);
    console.log(`scroll-through: ${ms(scroll.elapsed)} in ${scroll.stops} stops`);
    const pagesFetched = calls.filter((c) => c.method === 'listItems').length - before;

    page.on('crash', () => console.error('the renderer crashed'));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const heapMb = heap.usedSize / 1024 / 1024;

    const rows = [
      [`first rows after the click (${ITEMS.toLocaleString('en-US')}-item folder)`, ms(median(firstRows)), '≤ 500 ms', `median of ${REPETITIONS}: click on the tree item → row 1 rendered with data (in-page performance.now + rAF polling)`],
      ['naive: whole folder fetched first (same run)', ms(naiveAll), '', `service.listItems in pages of 1000 from offset 0 to the end, from Node; ratio first rows / naive = ${(median(firstRows) / naiveAll).toFixed(3)}`],
      ['all pages loaded by scrolling top → bottom', ms(scroll.elapsed), '≤ 3000 ms', `${scroll.stops} scroll stops of 500 rows, each waiting until every rendered row has data; ${pagesFetched} listItems calls of ≤ 500 rows`],
      ['select all (Ctrl+A on loaded rows)', ms(median(selectTimes.map((t) => t.selectLoaded))), '≤ 100 ms', `median of ${REPETITIONS}: keydown → banner painted`],
      [`select all ${ITEMS.toLocaleString('en-US')} matching`, ms(median(selectTimes.map((t) => t.selectAllMatching))), '≤ 100 ms', `median of ${REPETITIONS}: banner button click → "100,000 selected" painted`],
      ['renderer JS heap after all of the above', `${heapMb.toFixed(1)} MB`, '≤ 150 MB', 'CDP Runtime.getHeapUsage usedSize after HeapProfiler.collectGarbage, every page of the folder cached'],
    ];
    console.log(`UI bench: Chromium ${browser.version()}, simulator on 127.0.0.1, latency 0, throttling off, 1280×800, page size 500`);
    for (const [what, value, target, how] of rows) console.log(`${(what ?? '').padEnd(52)} ${(value ?? '').padStart(10)}  ${(target ?? '').padEnd(10)} ${how ?? ''}`);
  } finally {
    await browser.close();
    await service.dispose().catch(() => undefined);
    await server.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
