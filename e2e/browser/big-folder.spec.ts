import { BULK_FOLDER_PATH } from '../../electron/sim';
import { connectAsAdmin, dataRow, expect, grid, openFolder, test } from '../support/harness';

test.use({ simOptions: { bulkItems: 100_000, throttling: false, demoScale: 0.2 } });

const bulkName = BULK_FOLDER_PATH.split('/').pop() ?? 'Bulk notifications';

test('a 100,000-item folder opens at once, scrolls to the end, and fetches only the pages in view', async ({ page, harness }) => {
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, bulkName);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '100001');
  await expect(dataRow(page, 1)).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByText('100,000 items', { exact: true })).toBeVisible();

  await grid(page).focus();
  await page.keyboard.press('End');
  const last = dataRow(page, 100_000);
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
  await expect(last).toHaveAttribute('aria-selected', 'true');

  const lastStored = harness.sim.store.folderItems(harness.sim.store.folderByPath(harness.sim.users[0]?.smtp ?? '', BULK_FOLDER_PATH)?.id ?? '', { offset: 99_999, limit: 1 })[0];
  await expect(last).toContainText(lastStored?.subject ?? '(missing)');

  const pages = harness.calls.filter((c) => c.method === 'listItems');
  // Top and bottom of the folder, not the 200 pages in between.
  expect(pages.length).toBeLessThan(10);
  for (const call of pages) expect((call.arg as { max: number }).max).toBeLessThanOrEqual(1000);

  // Scroll back up a little with the mouse wheel: rows in between load on demand.
  await grid(page).locator('[role="rowgroup"]').nth(1).evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await expect(dataRow(page, 50_001)).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
});
