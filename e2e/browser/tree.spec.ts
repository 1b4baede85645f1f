import { connectAsAdmin, expect, folderItem, openFolder, screenshot, test } from '../support/harness';

test('the tree shows Recoverable Items as its own branch and opens Deletions with the original-folder column', async ({ page, harness }) => {
  await connectAsAdmin(page, harness.sim);
  const tree = page.getByRole('tree', { name: 'Folders' });
  await expect(folderItem(page, 'Inbox')).toBeVisible();

  const dumpster = tree.getByRole('treeitem', { name: /^Recoverable Items/ }).first();
  await expect(dumpster).toHaveAttribute('aria-expanded', 'true');
  for (const name of ['Deletions', 'Versions', 'Purges']) await expect(folderItem(page, name).first()).toBeVisible();

  // Collapse and expand the primary mailbox's branch with the keyboard (the archive has its own).
  const allDeletions = tree.getByRole('treeitem', { name: /^Deletions, / });
  const branches = await allDeletions.count();
  await dumpster.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(dumpster).toHaveAttribute('aria-expanded', 'false');
  await expect(allDeletions).toHaveCount(branches - 1);
  await page.keyboard.press('ArrowRight');
  await expect(allDeletions).toHaveCount(branches);

  await openFolder(page, 'Deletions');
  await expect(page.getByRole('columnheader', { name: 'Original folder' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('heading')).toContainText('Recoverable Items');
  await screenshot(page, '02-tree-and-table');

  await openFolder(page, 'Inbox');
  await expect(page.getByRole('columnheader', { name: 'Original folder' })).toHaveCount(0);
});
