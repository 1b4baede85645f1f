import { connectAsAdmin, expect, folderItem, grid, openFolder, outcomeCount, screenshot, test, waitForJobEnd } from '../support/harness';
import { countIn, distinguishedFolder, seedFolder } from '../support/seeding';

test('soft-deleting 500 items shows a preview, progress, and the items arrive in Deletions', async ({ page, harness }) => {
  const folder = seedFolder(harness.sim, 'Old alerts', 500);
  const deletions = distinguishedFolder(harness.sim, 'recoverableitemsdeletions');
  const before = countIn(harness.sim, deletions.id);
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Old alerts');

  await grid(page).press('ControlOrMeta+a');
  const toolbar = page.getByRole('toolbar', { name: 'Item actions' });
  await expect(toolbar).toContainText('500 selected');
  // The toolbar is one tab stop; arrow keys, Home and End move between its enabled buttons.
  await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
  await toolbar.getByRole('button', { name: 'Move to…' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(toolbar.getByRole('button', { name: 'Delete folder…' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(toolbar.getByRole('button', { name: 'Move to…' })).toBeFocused();
  for (const name of ['Copy to…', 'Delete', 'Soft delete']) {
    await page.keyboard.press('ArrowRight');
    await expect(toolbar.getByRole('button', { name, exact: true })).toBeFocused();
  }
  await expect(toolbar.locator('button[tabindex="0"]')).toHaveText('Soft delete');
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Preview: Soft delete 500 items from Old alerts' });
  const summary = dialog.getByRole('region', { name: 'Dry-run summary' });
  await expect(summary).toContainText('500 items');
  await expect(summary.getByRole('row', { name: /Deletions/ })).toContainText('500');
  await screenshot(page, '03-dry-run-preview');
  // Escape closes the preview and gives focus back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(toolbar.getByRole('button', { name: 'Soft delete' })).toBeFocused();
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Soft delete 500 items' }).click();

  const panel = page.getByRole('region', { name: 'Job progress' });
  await expect(panel).toBeVisible();
  await screenshot(page, '04-progress');
  await waitForJobEnd(page);
  expect(await outcomeCount(panel, 'Done')).toBe(500);
  expect(countIn(harness.sim, folder.id)).toBe(0);
  expect(countIn(harness.sim, deletions.id)).toBe(before + 500);

  // The tree and the table were refreshed when the job finished.
  await expect(folderItem(page, 'Old alerts')).toHaveAttribute('aria-label', 'Old alerts, 0 items');
  await expect(page.getByText('No items in this folder.')).toBeVisible();
  await openFolder(page, 'Deletions');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(before + 500 + 1));
  await expect(
    grid(page)
      .getByRole('row', { name: /Old alerts 1\b/ })
      .first(),
  ).toContainText('Old alerts');
});

test('hard delete states count and size, cannot be undone, and needs the count typed', async ({ page, harness }) => {
  const folder = seedFolder(harness.sim, 'Purge me', 150);
  const purges = distinguishedFolder(harness.sim, 'recoverableitemspurges');
  const purgesBefore = countIn(harness.sim, purges.id);
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Purge me');

  await grid(page).press('ControlOrMeta+a');
  await grid(page).press('Shift+Delete');
  const dialog = page.getByRole('dialog', { name: /Preview: Hard delete 150 items/ });
  await expect(dialog).toContainText('150 items');
  await expect(dialog).toContainText('1.4 MB');
  await expect(dialog.getByRole('note')).toContainText('This cannot be undone');
  const run = dialog.getByRole('button', { name: 'Hard delete 150 items' });
  await expect(run).toBeDisabled();
  await dialog.getByLabel('Type 150 to confirm').fill('149');
  await expect(run).toBeDisabled();
  await dialog.getByLabel('Type 150 to confirm').fill('150');
  await run.click();

  await waitForJobEnd(page);
  expect(countIn(harness.sim, folder.id)).toBe(0);
  expect(countIn(harness.sim, purges.id)).toBe(purgesBefore + 150);
});
