import { connectAsAdmin, expect, folderItem, openFolder, outcomeCount, test, waitForJobEnd } from '../support/harness';
import { countIn, distinguishedFolder, seedFolder } from '../support/seeding';

test('Empty folder previews and soft-deletes every item, each with its own outcome; Delete folder moves a folder to Deleted Items and is not offered for a built-in one', async ({
  page,
  harness,
}) => {
  const alerts = seedFolder(harness.sim, 'Old alerts', 30);
  const stale = seedFolder(harness.sim, 'Stale project', 5);
  const deletions = distinguishedFolder(harness.sim, 'recoverableitemsdeletions');
  const deletedItems = distinguishedFolder(harness.sim, 'deleteditems');
  const deletionsBefore = countIn(harness.sim, deletions.id);
  await connectAsAdmin(page, harness.sim);
  const toolbar = page.getByRole('toolbar', { name: 'Item actions' });

  // Empty folder: the choice of how, then the dry-run preview, then the job.
  await openFolder(page, 'Old alerts');
  await toolbar.getByRole('button', { name: 'Empty folder…' }).click();
  const empty = page.getByRole('dialog', { name: 'Empty folder Old alerts' });
  await expect(empty).toContainText('30 items in this folder.');
  await empty.getByRole('radio', { name: 'Soft delete (to Recoverable Items)' }).check();
  await empty.getByRole('button', { name: 'Next: preview' }).click();
  // Every item is deleted with its own outcome (a query job), not by one EmptyFolder request.
  const preview = page.getByRole('dialog', { name: 'Preview: Empty folder Old alerts' });
  await expect(preview).toContainText('30 items');
  await preview.getByRole('button', { name: 'Soft delete 30 items' }).click();
  const panel = page.getByRole('region', { name: 'Job progress' });
  await waitForJobEnd(page);
  expect(await outcomeCount(panel, 'Done')).toBe(30);
  expect(await outcomeCount(panel, 'Failed')).toBe(0);
  expect(countIn(harness.sim, alerts.id)).toBe(0);
  expect(countIn(harness.sim, deletions.id)).toBe(deletionsBefore + 30);

  // With its subfolders: one EmptyFolder request for the lot, and the panel says so.
  const archive = seedFolder(harness.sim, 'Archive 2019', 4);
  const quarter = harness.sim.store.createFolder(archive.id, 'Q1');
  harness.sim.store.seedItems(quarter.id, 2, { subject: (i) => `Q1 note ${i + 1}`, size: 1_000 });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await openFolder(page, 'Archive 2019');
  await toolbar.getByRole('button', { name: 'Empty folder…' }).click();
  const emptyAll = page.getByRole('dialog', { name: 'Empty folder Archive 2019' });
  await emptyAll.getByRole('checkbox', { name: 'Also delete its 1 subfolder' }).check();
  await emptyAll.getByRole('button', { name: 'Next: preview' }).click();
  await page.getByRole('dialog', { name: 'Preview: Empty folder Archive 2019' }).getByRole('button', { name: 'Empty folder' }).click();
  await waitForJobEnd(page);
  await expect(panel.getByRole('status')).toHaveText('Finished · the folder is empty');
  expect(countIn(harness.sim, archive.id)).toBe(0);
  expect(harness.sim.store.folder(quarter.id)?.parentId).not.toBe(archive.id);

  // Delete folder, to Deleted Items: it leaves the Inbox and shows under Deleted Items, items and all.
  await openFolder(page, 'Stale project');
  await toolbar.getByRole('button', { name: 'Delete folder…' }).click();
  const remove = page.getByRole('dialog', { name: 'Delete folder Stale project' });
  await expect(remove).toContainText('The folder holds 5 items.');
  await remove.getByRole('radio', { name: 'Delete permanently' }).check();
  await expect(remove.getByRole('note')).toContainText('This cannot be undone.');
  await remove.getByRole('radio', { name: 'Move to Deleted Items' }).check();
  await remove.getByRole('button', { name: 'Move to Deleted Items' }).click();
  await expect(remove).toHaveCount(0);
  await expect.poll(() => harness.sim.store.folder(stale.id)?.parentId).toBe(deletedItems.id);
  expect(countIn(harness.sim, stale.id)).toBe(5);
  await expect(folderItem(page, 'Stale project')).toBeVisible();

  // A built-in folder cannot be deleted: the action is not offered for it.
  await openFolder(page, 'Junk Email');
  await expect(toolbar.getByRole('button', { name: 'Delete folder…' })).toBeDisabled();
  await expect(toolbar.getByRole('button', { name: 'Empty folder…' })).toBeEnabled();
});
