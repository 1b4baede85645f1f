import { connectAsAdmin, dataRow, expect, grid, openFolder, test } from '../support/harness';
import { seedFolder } from '../support/seeding';

test('click, Shift-click, Ctrl-click and Ctrl+A select like Outlook; "all matching" becomes a query job', async ({ page, harness }) => {
  const folder = seedFolder(harness.sim, 'Selection', 1_200, 'Pick me');
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Selection');
  const toolbar = page.getByRole('toolbar', { name: 'Item actions' });

  await dataRow(page, 2).click();
  await dataRow(page, 6).click({ modifiers: ['Shift'] });
  await expect(toolbar).toContainText('5 selected');
  for (const position of [2, 3, 4, 5, 6]) await expect(dataRow(page, position)).toHaveAttribute('aria-selected', 'true');
  await expect(dataRow(page, 7)).toHaveAttribute('aria-selected', 'false');

  await dataRow(page, 4).click({ modifiers: ['ControlOrMeta'] });
  await expect(toolbar).toContainText('4 selected');
  await expect(dataRow(page, 4)).toHaveAttribute('aria-selected', 'false');
  await dataRow(page, 10).click({ modifiers: ['ControlOrMeta'] });
  await expect(toolbar).toContainText('5 selected');

  // Keyboard: Shift+ArrowDown extends from the anchor.
  await dataRow(page, 1).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(toolbar).toContainText('3 selected');

  // Ctrl+A selects the rows loaded so far, then the banner offers everything matching.
  await grid(page).press('ControlOrMeta+a');
  const banner = page.getByRole('status').filter({ hasText: 'on screen are selected' });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Select all 1,200 matching in this folder' }).click();
  await expect(toolbar).toContainText('1,200 selected');

  // Ctrl-click in "all matching" mode excludes that one item.
  await dataRow(page, 1).click({ modifiers: ['ControlOrMeta'] });
  await expect(toolbar).toContainText('1,199 selected');

  await toolbar.getByRole('button', { name: 'Soft delete' }).click();
  const dialog = page.getByRole('dialog', { name: /Preview: Soft delete/ });
  await expect(dialog.getByRole('region', { name: 'Dry-run summary' })).toContainText('1,199 items');
  const dryRun = harness.calls.find((c) => c.method === 'dryRun')?.arg as { target: { kind: string; folderId?: string; excludeIds?: string[] } };
  expect(dryRun.target.kind).toBe('query');
  expect(dryRun.target.folderId).toBe(folder.id);
  expect(dryRun.target.excludeIds).toHaveLength(1);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
