import { connectAsAdmin, expect, grid, openFolder, outcomeCount, test, waitForJobEnd } from '../support/harness';
import { countIn, distinguishedFolder, seedFolder } from '../support/seeding';

test('a job cut short by quitting the app shows as interrupted in the history and resumes to the end', async ({ page, harness }) => {
  const folder = seedFolder(harness.sim, 'Old alerts', 2000);
  const deletions = distinguishedFolder(harness.sim, 'recoverableitemsdeletions');
  const before = countIn(harness.sim, deletions.id);
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Old alerts');
  await expect(grid(page)).toHaveAttribute('data-loaded-rows', '2000');
  await grid(page).press('ControlOrMeta+a');
  // A query job (listing is quick), with slow items, so it is still running when the app quits.
  await page.getByRole('button', { name: 'Select all 2,000 matching in this folder' }).click();
  harness.sim.setFaults({ itemLatencyMs: 20 });
  await page.getByRole('toolbar', { name: 'Item actions' }).getByRole('button', { name: 'Soft delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Soft delete 2,000 items' }).click();
  const panel = page.getByRole('region', { name: 'Job progress' });
  await expect.poll(() => outcomeCount(panel, 'Done'), { timeout: 20_000 }).toBeGreaterThan(0);

  // Quit and start again: running batches are answered and journalled, the rest waits.
  await harness.restartService();
  const leftAtQuit = countIn(harness.sim, folder.id);
  expect(leftAtQuit).toBeGreaterThan(0);
  expect(leftAtQuit).toBeLessThan(2000);
  harness.sim.setFaults({ itemLatencyMs: 0 });
  await page.reload();
  await connectAsAdmin(page, harness.sim);

  await page.getByRole('button', { name: 'Job history' }).click();
  const row = page.getByRole('dialog', { name: 'Job history' }).getByRole('table', { name: 'Jobs' }).getByRole('row').nth(1);
  await expect(row).toContainText('Interrupted');
  await row.getByRole('button', { name: /^Resume / }).click();
  await expect(page.getByRole('dialog', { name: 'Job history' })).toHaveCount(0);
  await waitForJobEnd(page);
  expect(await outcomeCount(panel, 'Done')).toBe(2000);
  expect(await outcomeCount(panel, 'Failed')).toBe(0);
  // Every item moved exactly once, none twice, none left behind.
  expect(countIn(harness.sim, folder.id)).toBe(0);
  expect(countIn(harness.sim, deletions.id)).toBe(before + 2000);
});
