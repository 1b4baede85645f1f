// The browser harness: the real renderer bundle in Chromium, `window.sweeper` wired through
// page.exposeBinding to the REAL electron/service (createSweeperService), which drives the real
// job engine and EWS client against a real simulator on 127.0.0.1. Only Electron's plumbing
// (preload, ipcMain, safeStorage, the save dialog) is replaced, by the stand-ins below.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { registerBackends } from '../../electron/backends';
import { createSweeperService, type SweeperService, type SweeperServiceOptions } from '../../electron/service';
import { DEMO_ADMIN, DEMO_PASSWORD, startSimulator, type RunningSimulator, type SimulatorOptions } from '../../electron/sim';
import type { SweeperHandlers } from '../../shared/ipc';
import { testSecretStore } from './secretStoreForTests';
import { serveRenderer, type StaticServer } from './staticServer';
import { emitToPage, wireSweeper, type InvokeRecord } from './wireSweeper';
import { startGraphSide, type GraphSide } from './graphSide';

export { expect };
export const artifactsDir = join(__dirname, '..', 'artifacts');

export interface Harness {
  sim: RunningSimulator;
  /** The service the page is wired to now (see restartService). */
  service: SweeperHandlers;
  /**
   * What quitting and starting the app again does to the main process: the service is disposed
   * (running jobs pause and their journals end resumable) and a new one opens the same data
   * folder. The page keeps its wiring; reload it to start the renderer afresh too.
   */
  restartService(): Promise<void>;
  dataDir: string;
  /** Every call the page made through window.sweeper, in order. */
  calls: InvokeRecord[];
  /** Paths handed out by the save-dialog stand-in. */
  savedPaths: string[];
  /** The Graph simulator on the same store, and the app's Graph sign-in (only with the `graph` option). */
  graph?: GraphSide;
}

interface Fixtures {
  simOptions: SimulatorOptions;
  /** False: the stand-in key store reports no OS key store (profiles are saved without secrets). */
  keyStoreAvailable: boolean;
  /**
   * Host names that reach the simulator (any port), e.g. contoso.com for Autodiscover. Given to the
   * service's constructor (never over IPC); Autodiscover then trusts the simulator's certificate as
   * an internal CA and finds no SRV record, so nothing is looked up on the real network.
   */
  simHostNames: string[];
  /** Also start the Graph simulator and its authority on the same store, and lend the service the Graph sign-in. */
  graph: boolean;
  harness: Harness;
}

interface WorkerFixtures {
  rendererServer: StaticServer;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  // Small, unthrottled mailboxes unless a test asks for more.
  simOptions: [{ bulkItems: 0, throttling: false, demoScale: 0.2 }, { option: true }],
  keyStoreAvailable: [true, { option: true }],
  simHostNames: [[], { option: true }],
  graph: [false, { option: true }],

  rendererServer: [
    async ({}, use) => {
      const server = await serveRenderer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  harness: async ({ page, browser, simOptions, keyStoreAvailable, simHostNames, graph, rendererServer }, use) => {
    const sim = await startSimulator(simOptions);
    const names = new Set(simHostNames.map((name) => name.toLowerCase()));
    const network: Partial<SweeperServiceOptions> =
      names.size === 0
        ? {}
        : {
            connectVia: (host, port) => (names.has(host.toLowerCase()) ? { host: '127.0.0.1', port: sim.port } : { host, port }),
            autodiscover: {
              dns: { resolveSrv: () => Promise.reject(Object.assign(new Error('no SRV record in the e2e network'), { code: 'ENOTFOUND' })) },
              ...(sim.certificatePem === undefined ? {} : { ca: sim.certificatePem }),
            },
          };
    const dataDir = mkdtempSync(join(tmpdir(), 'sweeper-e2e-'));
    const savedPaths: string[] = [];
    const calls: InvokeRecord[] = [];
    const emit = emitToPage(() => page);
    registerBackends();
    const secretStore = keyStoreAvailable ? testSecretStore : { ...testSecretStore, isAvailable: () => false };
    const graphSide = graph ? await startGraphSide(sim, browser, dataDir, secretStore) : undefined;
    const createService = (): SweeperService =>
      createSweeperService({
        dataDir,
        secretStore,
        chooseSavePath: async (suggestedName: string) => {
          const path = join(dataDir, 'exports', `${savedPaths.length + 1}-${suggestedName}`);
          mkdirSync(join(dataDir, 'exports'), { recursive: true });
          savedPaths.push(path);
          return path;
        },
        emit,
        ...network,
      });
    let service = createService();
    // The page calls whichever service is current, so a restart needs no new wiring.
    const current = new Proxy({} as SweeperHandlers, { get: (_target, method: string) => service[method as keyof SweeperHandlers] });
    await wireSweeper(page, current, calls);
    await page.goto(rendererServer.indexUrl);
    const harness: Harness = {
      sim,
      get service() {
        return service;
      },
      restartService: async () => {
        await service.dispose();
        service = createService();
      },
      dataDir,
      calls,
      savedPaths,
      ...(graphSide === undefined ? {} : { graph: graphSide }),
    };
    await use(harness);
    await service.dispose().catch(() => undefined);
    await graphSide?.close();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

/** Signs in as the simulator's admin through the connect form, with Basic (the simulator's default scheme). */
export async function connectAsAdmin(page: Page, sim: RunningSimulator): Promise<void> {
  await page.getByLabel('EWS URL').fill(sim.url);
  await page.getByRole('radio', { name: 'Basic' }).check();
  await page.getByLabel('User name', { exact: true }).fill(DEMO_ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('tree', { name: 'Folders' })).toBeVisible();
}

/** The tree item of a folder, named "<label>, <n> items". */
export function folderItem(page: Page, label: string) {
  // The primary mailbox comes first; the archive may have folders of the same name.
  return page
    .getByRole('tree', { name: 'Folders' })
    .getByRole('treeitem', { name: new RegExp(`^${label}, `) })
    .first();
}

export async function openFolder(page: Page, label: string): Promise<void> {
  await folderItem(page, label).click();
  await expect(page.getByRole('grid', { name: `Items in ${label}` })).toBeVisible();
  await expect(page.getByRole('grid', { name: `Items in ${label}` })).toHaveAttribute('aria-busy', 'false');
}

export function grid(page: Page) {
  return page.getByRole('grid');
}

/** A loaded data row by its position (1-based, header excluded). */
export function dataRow(page: Page, position: number) {
  return grid(page).locator(`[role="row"][aria-rowindex="${position + 1}"]`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(join(artifactsDir, 'screens'), { recursive: true });
  await page.screenshot({ path: join(artifactsDir, 'screens', `${name}.png`) });
}

/** Waits for the followed job to finish and returns the progress panel's status text. */
export async function waitForJobEnd(page: Page, timeout = 60_000): Promise<string> {
  const panel = page.getByRole('region', { name: 'Job progress' });
  await expect(panel.getByRole('button', { name: 'View report' })).toBeVisible({ timeout });
  return (await panel.getByRole('status').textContent()) ?? '';
}

/** The count shown for an outcome in a counts list (progress panel or report). */
export async function outcomeCount(scope: ReturnType<Page['getByRole']>, label: string): Promise<number> {
  const text = await scope
    .locator('.outcome', { has: scope.page().locator('dt', { hasText: new RegExp(`^${label}$`) }) })
    .locator('dd')
    .textContent();
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}
