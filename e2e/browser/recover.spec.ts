import { connectAsAdmin, dataRow, expect, grid, openFolder, test, waitForJobEnd } from '../support/harness';
import { countIn, distinguishedFolder } from '../support/seeding';

test('recover from Deletions sends items to their original folders and orphans to the Inbox', async ({ page, harness }) => {
  const { store } = harness.sim;
  const inbox = distinguishedFolder(harness.sim, 'inbox');
  const deletions = distinguishedFolder(harness.sim, 'recoverableitemsdeletions');
  const projects = store.createFolder(inbox.id, 'Projects 2025');
  const gone = store.createFolder(inbox.id, 'Temporary');
  const deletionsBefore = countIn(harness.sim, deletions.id);
  store.seedItems(deletions.id, 6, { subject: (i) => `Back to inbox ${i + 1}`, lastActiveParentFolderId: inbox.id });
  store.seedItems(deletions.id, 4, { subject: (i) => `Back to projects ${i + 1}`, lastActiveParentFolderId: projects.id });
  store.seedItems(deletions.id, 2, { subject: (i) => `Orphan ${i + 1}`, lastActiveParentFolderId: gone.id });
  store.removeFolder(gone.id);
  const inboxBefore = countIn(harness.sim, inbox.id);

  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Deletions');
  // Seeded "now", so they are the 12 newest rows, where the table opens (newest first).
  await expect(grid(page).getByRole('row', { name: /Orphan 1/ })).toContainText('(deleted folder)');
  await expect(grid(page).getByRole('row', { name: /Back to projects 1\b/ })).toContainText('Projects 2025');
  await expect(grid(page).getByRole('row', { name: /Back to inbox 1\b/ })).toContainText('Inbox');
  const rows = grid(page)
    .getByRole('row')
    .filter({ hasText: /Back to inbox|Back to projects|Orphan/ });
  await expect(rows).toHaveCount(12);
  await dataRow(page, 1).click();
  await dataRow(page, 12).click({ modifiers: ['Shift'] });
  await expect(page.getByRole('toolbar', { name: 'Item actions' })).toContainText('12 selected');
  for (let position = 1; position <= 12; position++) await expect(dataRow(page, position)).toContainText(/Back to inbox|Back to projects|Orphan/);

  await page.getByRole('toolbar', { name: 'Item actions' }).getByRole('button', { name: 'Recover…' }).click();
  const options = page.getByRole('dialog', { name: 'Recover 12 items' });
  await options
    .getByRole('radio', { name: /^To their original folders\b/ })
    .first()
    .check();
  await options.getByRole('button', { name: 'Next: preview' }).click();

  const preview = page.getByRole('dialog', { name: /Preview: Recover 12 items/ });
  await expect(preview).toContainText('10 items go back to their original folders; 2 items go to Inbox because their original folder no longer exists');
  await preview.getByRole('button', { name: 'Recover 12 items' }).click();
  await waitForJobEnd(page);

  expect(countIn(harness.sim, deletions.id)).toBe(deletionsBefore);
  expect(countIn(harness.sim, projects.id)).toBe(4);
  expect(countIn(harness.sim, inbox.id)).toBe(inboxBefore + 8);
  const inProjects = store.folderItems(projects.id).map((i) => i.subject);
  expect(inProjects.every((subject) => subject.startsWith('Back to projects'))).toBe(true);
});
