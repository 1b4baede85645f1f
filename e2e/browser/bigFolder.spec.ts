import { BULK_FOLDER_PATH } from '../../electron/sim';
import { connectAsAdmin, dataRow, expect, folderItem, grid, openFolder, test } from '../support/harness';

test.use({ simOptions: { bulkItems: 100_000, throttling: false, demoScale: 0.2 } });

const bulkName = BULK_FOLDER_PATH.split('/').pop() ?? 'Bulk notifications';

test('a 100,000-item folder opens at once, scrolls to the end, and loads every page once in the background', async ({ page, harness }) => {
  const bulkId = harness.sim.store.folderByPath(harness.sim.users[0]?.smtp ?? '', BULK_FOLDER_PATH)?.id ?? '';
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, bulkName);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '100001');
  await expect(dataRow(page, 1)).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByText('100,000 items', { exact: true })).toBeVisible();

  // The end of the folder comes on demand, ahead of the background load still running.
  await grid(page).focus();
  await page.keyboard.press('End');
  const last = dataRow(page, 100_000);
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
  await expect(last).toHaveAttribute('aria-selected', 'true');

  const lastStored = harness.sim.store.folderItems(bulkId, { offset: 99_999, limit: 1 })[0];
  await expect(last).toContainText(lastStored?.subject ?? '(missing)');

  // The rest of the view loads in the background, every page exactly once, then the indicator goes.
  await expect(grid(page)).toHaveAttribute('data-loaded-rows', '100000', { timeout: 40_000 });
  await expect(page.getByText(/^Loading [\d,]+ of /)).toHaveCount(0);
  const pages = harness.calls.filter((c) => c.method === 'listItems').map((c) => c.arg as { folderId: string; offset: number; max: number });
  for (const call of pages) expect(call.max).toBeLessThanOrEqual(1000);
  const offsets = pages.filter((c) => c.folderId === bulkId).map((c) => c.offset);
  expect(new Set(offsets).size).toBe(offsets.length);
  expect(offsets).toHaveLength(100);

  // Rows in between are already there: no request when scrolling to them.
  const before = harness.calls.length;
  await grid(page)
    .locator('[role="rowgroup"]')
    .nth(1)
    .evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await expect(dataRow(page, 50_001)).toHaveAttribute('aria-busy', 'false');
  await expect(dataRow(page, 50_001)).toContainText(harness.sim.store.folderItems(bulkId, { offset: 50_000, limit: 1 })[0]?.subject ?? '(missing)');
  expect(harness.calls.filter((c, i) => i >= before && c.method === 'listItems')).toHaveLength(0);
});

test('leaving a folder while it loads abandons its background load', async ({ page, harness }) => {
  const bulkId = harness.sim.store.folderByPath(harness.sim.users[0]?.smtp ?? '', BULK_FOLDER_PATH)?.id ?? '';
  const bulkCalls = (): number => harness.calls.filter((c) => c.method === 'listItems' && (c.arg as { folderId: string }).folderId === bulkId).length;
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, bulkName);
  await expect(page.getByText(/^Loading [\d,]+ of 100,000…$/)).toBeVisible();
  await openFolder(page, 'Inbox');
  await expect(dataRow(page, 1)).toHaveAttribute('aria-busy', 'false');
  const atSwitch = bulkCalls();
  expect(atSwitch).toBeLessThan(100);
  await page.waitForTimeout(1500);
  expect(bulkCalls()).toBe(atSwitch);
  // Late answers for the old view were dropped: the Inbox grid holds the Inbox's rows only.
  const inboxTotal = harness.sim.store.folderByPath(harness.sim.users[0]?.smtp ?? '', 'Inbox')?.totalCount ?? -1;
  await expect(grid(page)).toHaveAttribute('data-loaded-rows', String(inboxTotal));
  await expect(folderItem(page, bulkName)).toBeVisible();
});
