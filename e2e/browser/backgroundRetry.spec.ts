import { BULK_FOLDER_PATH } from '../../electron/sim';
import { connectAsAdmin, dataRow, expect, grid, openFolder, test } from '../support/harness';

test.use({ simOptions: { bulkItems: 20_000, throttling: false, demoScale: 0.2 } });

const bulkName = BULK_FOLDER_PATH.split('/').pop() ?? 'Bulk notifications';

test('background pages the server refuses (503) are asked again, and the whole view still loads', async ({ page, harness }) => {
  const bulkId = harness.sim.store.folderByPath(harness.sim.users[0]?.smtp ?? '', BULK_FOLDER_PATH)?.id ?? '';
  const bulkOffsets = (): number[] =>
    harness.calls
      .filter((c) => c.method === 'listItems' && (c.arg as { folderId: string }).folderId === bulkId)
      .map((c) => (c.arg as { offset: number }).offset);
  await connectAsAdmin(page, harness.sim);
  // Slow answers, so the background load is still running when the faults start.
  harness.sim.setFaults({ requestLatencyMs: 200 });
  await openFolder(page, bulkName);
  await expect(dataRow(page, 1)).toHaveAttribute('aria-busy', 'false');
  // From now on every request has a 40 % chance of an HTTP 503 (fixed seed).
  harness.sim.setFaults({ seed: 7, rates: { http503: 0.4 } });

  await expect(grid(page)).toHaveAttribute('data-loaded-rows', '20000', { timeout: 30_000 });
  harness.sim.setFaults({ requestLatencyMs: 0, rates: { http503: 0 } });
  await expect(page.getByText(/^Loading [\d,]+ of /)).toHaveCount(0);
  // No error was left on screen: each failure was retried quietly.
  await expect(page.getByText(/Could not load items/)).toHaveCount(0);
  // Some pages were asked more than once (they failed), every page was loaded.
  const offsets = bulkOffsets();
  expect(offsets.length).toBeGreaterThan(20);
  expect(new Set(offsets).size).toBe(20);
});
