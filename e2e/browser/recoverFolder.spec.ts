import { connectAsAdmin, dataRow, expect, grid, openFolder, screenshot, test, waitForJobEnd } from '../support/harness';
import { countIn, distinguishedFolder } from '../support/seeding';

test("recover a deleted folder's items into a new folder named in the dialog", async ({ page, harness }) => {
  const { store } = harness.sim;
  const inbox = distinguishedFolder(harness.sim, 'inbox');
  const deletions = distinguishedFolder(harness.sim, 'recoverableitemsdeletions');
  const root = distinguishedFolder(harness.sim, 'msgfolderroot');
  // A folder whose items were soft-deleted, and then the folder itself was removed.
  const gone = store.createFolder(inbox.id, 'Old project');
  store.seedItems(deletions.id, 5, { subject: (i) => `Lost mail ${i + 1}`, lastActiveParentFolderId: gone.id });
  store.removeFolder(gone.id);
  store.seedItems(deletions.id, 2, { subject: (i) => `Inbox mail ${i + 1}`, lastActiveParentFolderId: inbox.id });
  const inboxBefore = countIn(harness.sim, inbox.id);

  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Deletions');
  const rows = grid(page)
    .getByRole('row')
    .filter({ hasText: /Lost mail|Inbox mail/ });
  await expect(rows).toHaveCount(7);
  await dataRow(page, 1).click();
  await dataRow(page, 7).click({ modifiers: ['Shift'] });
  await expect(page.getByRole('toolbar', { name: 'Item actions' })).toContainText('7 selected');

  await page.getByRole('toolbar', { name: 'Item actions' }).getByRole('button', { name: 'Recover…' }).click();
  const options = page.getByRole('dialog', { name: 'Recover 7 items' });
  const orphans = options.getByRole('region', { name: 'Items whose folder no longer exists' });
  await expect(orphans).toContainText('5 items from a deleted folder');
  // LastModifiedTime of the deleted items: when they were last changed (deleted, here).
  await expect(orphans).toContainText('last changed');
  await orphans.getByRole('radio', { name: /Restore each deleted folder's items into a new folder/ }).check();
  const name = orphans.getByRole('textbox', { name: /Name for deleted folder 1/ });
  await expect(name).toHaveValue('Recovered folder 1 (5 items)');
  // A name Exchange paths cannot take is refused before anything is sent.
  await name.fill('Old/project');
  await expect(options.getByRole('alert')).toContainText('cannot contain /');
  await expect(options.getByRole('button', { name: 'Next: preview' })).toBeDisabled();
  await name.fill('Old project (recovered)');
  await screenshot(page, 'recover-deleted-folder-dialog');
  await options.getByRole('button', { name: 'Next: preview' }).click();

  const preview = page.getByRole('dialog', { name: /Preview: Recover 7 items/ });
  await expect(preview).toContainText('2 items go back to their original folders; 5 items from deleted folders go into 1 new folder (Old project (recovered))');
  await expect(preview.getByRole('row', { name: /Old project \(recovered\)/ })).toContainText('new folder');
  expect(store.childFolders(root.id).some((f) => f.displayName === 'Old project (recovered)')).toBe(false);
  await preview.getByRole('button', { name: 'Recover 7 items' }).click();
  await waitForJobEnd(page);

  const made = store.childFolders(root.id).filter((f) => f.displayName === 'Old project (recovered)');
  expect(made).toHaveLength(1);
  const restored = store
    .folderItems(made[0]?.id ?? '')
    .map((i) => i.subject)
    .sort();
  expect(restored).toEqual(['Lost mail 1', 'Lost mail 2', 'Lost mail 3', 'Lost mail 4', 'Lost mail 5']);
  expect(countIn(harness.sim, inbox.id)).toBe(inboxBefore + 2);
  // The tree is read again after the job: the new folder is there with its items.
  await expect(page.getByRole('tree', { name: 'Folders' }).getByRole('treeitem', { name: /^Old project \(recovered\), 5 items/ })).toBeVisible();
});

test('a folder in Deleted Items is restored with its items and subfolder (MoveFolder)', async ({ page, harness }) => {
  const { store } = harness.sim;
  const deletedItems = distinguishedFolder(harness.sim, 'deleteditems');
  const root = distinguishedFolder(harness.sim, 'msgfolderroot');
  const folder = store.createFolder(deletedItems.id, 'Old budget');
  const sub = store.createFolder(folder.id, 'Quotes');
  store.seedItems(folder.id, 3, { subject: (i) => `Budget ${i + 1}` });
  store.seedItems(sub.id, 2, { subject: (i) => `Quote ${i + 1}` });

  await connectAsAdmin(page, harness.sim);
  const toolbar = page.getByRole('toolbar', { name: 'Item actions' });
  await openFolder(page, 'Inbox');
  await expect(toolbar.getByRole('button', { name: 'Restore folder…' })).toBeDisabled();
  await openFolder(page, 'Old budget');
  await toolbar.getByRole('button', { name: 'Restore folder…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore folder Old budget' });
  await expect(dialog).toContainText('with its 3 items and 1 subfolder');
  await dialog.getByRole('radio', { name: /To the top of the mailbox/ }).check();
  await dialog.getByRole('button', { name: 'Restore folder' }).click();
  await expect(page.getByText('Folder Old budget restored')).toBeVisible();

  expect(store.folder(folder.id)?.parentId).toBe(root.id);
  expect(countIn(harness.sim, folder.id)).toBe(3);
  expect(store.childFolders(folder.id).map((f) => f.displayName)).toEqual(['Quotes']);
  expect(countIn(harness.sim, sub.id)).toBe(2);
  // Out of Deleted Items in the tree too: a top-level folder now, so no longer restorable.
  await openFolder(page, 'Old budget');
  await expect(toolbar.getByRole('button', { name: 'Restore folder…' })).toBeDisabled();
});
