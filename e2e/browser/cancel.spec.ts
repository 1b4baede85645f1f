import { connectAsAdmin, expect, grid, openFolder, outcomeCount, test, waitForJobEnd } from '../support/harness';
import { countIn, seedFolder } from '../support/seeding';

test('a job can be paused, resumed and cancelled midway; what was not done stays put', async ({ page, harness }) => {
  const folder = seedFolder(harness.sim, 'Slow', 1_000);
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Slow');
  await grid(page).press('ControlOrMeta+a');
  await page.getByRole('status').filter({ hasText: 'on screen are selected' }).getByRole('button').click();
  await page.getByRole('toolbar', { name: 'Item actions' }).getByRole('button', { name: 'Soft delete' }).click();
  const confirm = page.getByRole('dialog').getByRole('button', { name: 'Soft delete 1,000 items' });
  await expect(confirm).toBeEnabled({ timeout: 30_000 });
  // Slow enough to pause and cancel: 25 ms per item.
  harness.sim.setFaults({ itemLatencyMs: 25 });
  await confirm.click();

  const panel = page.getByRole('region', { name: 'Job progress' });
  await expect(panel.getByRole('status')).toContainText('items/s', { timeout: 20_000 });
  await panel.getByRole('button', { name: 'Pause' }).click();
  await expect(panel.getByRole('status')).toContainText('Paused');
  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(panel.getByRole('button', { name: 'Pause' })).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel job' }).click();

  const status = await waitForJobEnd(page);
  expect(status).toContain('Cancelled');
  const done = await outcomeCount(panel, 'Done');
  expect(done).toBeLessThan(1_000);
  expect(await outcomeCount(panel, 'Not attempted')).toBeGreaterThan(0);
  expect(countIn(harness.sim, folder.id)).toBe(1_000 - done);
});
