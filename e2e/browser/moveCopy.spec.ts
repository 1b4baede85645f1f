import { connectAsAdmin, dataRow, expect, grid, openFolder, outcomeCount, test, waitForJobEnd } from '../support/harness';
import { countIn, seedFolder } from '../support/seeding';

test('Move to… from the context menu and Copy to… from the toolbar pick a folder, preview, and land there', async ({ page, harness }) => {
  const source = seedFolder(harness.sim, 'Old alerts', 40);
  const receipts = harness.sim.store.folderByPath(harness.sim.users[0]?.smtp ?? '', 'Inbox/Receipts');
  const newsletters = harness.sim.store.folderByPath(harness.sim.users[0]?.smtp ?? '', 'Inbox/Newsletters');
  if (!receipts || !newsletters) throw new Error('demo folders missing');
  const receiptsBefore = countIn(harness.sim, receipts.id);
  const newslettersBefore = countIn(harness.sim, newsletters.id);
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Old alerts');

  // Move: rows 1–5 selected, right-click one of them, Move to… in the menu.
  await dataRow(page, 1).click();
  await dataRow(page, 5).click({ modifiers: ['Shift'] });
  await dataRow(page, 3).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Item actions' });
  await menu.getByRole('menuitem', { name: 'Move to…' }).click();
  const picker = page.getByRole('dialog', { name: 'Move to folder' });
  // Nothing chosen yet, and the folder the items are in is no destination.
  await expect(picker.getByRole('button', { name: 'Move here' })).toBeDisabled();
  const destinations = picker.getByRole('tree', { name: 'Destination folder' });
  await destinations.getByRole('treeitem', { name: /^Old alerts/ }).click();
  await expect(picker.getByRole('button', { name: 'Move here' })).toBeDisabled();
  // The dumpster is not offered as a destination.
  await expect(destinations.getByRole('treeitem', { name: /^Recoverable Items/ })).toHaveCount(0);
  await destinations.getByRole('treeitem', { name: /^Receipts/ }).click();
  await expect(picker).toContainText('Chosen: Receipts');
  await picker.getByRole('button', { name: 'Move here' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Move 5 items' }).click();
  await waitForJobEnd(page);
  const panel = page.getByRole('region', { name: 'Job progress' });
  expect(await outcomeCount(panel, 'Done')).toBe(5);
  expect(countIn(harness.sim, source.id)).toBe(35);
  expect(countIn(harness.sim, receipts.id)).toBe(receiptsBefore + 5);

  // Copy: two rows, the toolbar's Copy to…; the source keeps them.
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '36');
  await dataRow(page, 1).click();
  await dataRow(page, 2).click({ modifiers: ['ControlOrMeta'] });
  await page.getByRole('toolbar', { name: 'Item actions' }).getByRole('button', { name: 'Copy to…' }).click();
  const copyPicker = page.getByRole('dialog', { name: 'Copy to folder' });
  await copyPicker
    .getByRole('tree', { name: 'Destination folder' })
    .getByRole('treeitem', { name: /^Newsletters/ })
    .click();
  await copyPicker.getByRole('button', { name: 'Copy here' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Copy 2 items' }).click();
  await waitForJobEnd(page);
  expect(await outcomeCount(panel, 'Done')).toBe(2);
  expect(countIn(harness.sim, source.id)).toBe(35);
  expect(countIn(harness.sim, newsletters.id)).toBe(newslettersBefore + 2);
});
