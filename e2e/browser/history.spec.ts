import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsAdmin, expect, grid, openFolder, screenshot, test, waitForJobEnd } from '../support/harness';
import { seedFolder } from '../support/seeding';

test('the job history lists a finished job, opens its report, and removes it with its journal after a second click', async ({ page, harness }) => {
  seedFolder(harness.sim, 'Old alerts', 12);
  const journals = (): string[] => readdirSync(join(harness.dataDir, 'jobs')).filter((name) => name.endsWith('.journal.jsonl'));
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Old alerts');
  await grid(page).press('ControlOrMeta+a');
  await page.getByRole('toolbar', { name: 'Item actions' }).getByRole('button', { name: 'Soft delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Soft delete 12 items' }).click();
  await waitForJobEnd(page);
  expect(journals()).toHaveLength(1);

  await page.getByRole('button', { name: 'Job history' }).click();
  const history = page.getByRole('dialog', { name: 'Job history' });
  const jobs = history.getByRole('table', { name: 'Jobs' });
  await expect(jobs.getByRole('row')).toHaveCount(2);
  const row = jobs.getByRole('row').nth(1);
  await expect(row).toContainText('Soft delete 12 items from Old alerts');
  await expect(row).toContainText('Completed');
  await screenshot(page, '06-job-history');

  // Report opens the job's results; history comes back from the header.
  await row.getByRole('button', { name: /^Report for / }).click();
  await expect(page.getByRole('dialog', { name: /^Report: / })).toContainText('No failures and nothing unknown.');
  await page
    .getByRole('dialog', { name: /^Report: / })
    .getByRole('button', { name: 'Close' })
    .click();
  await page.getByRole('button', { name: 'Job history' }).click();

  // Remove asks once more, saying what goes; Keep leaves everything as it was.
  await row.getByRole('button', { name: /from the history$/ }).click();
  const confirm = row.getByRole('group', { name: /^Remove .*\?$/ });
  await expect(confirm).toContainText('Deletes its journal and audit trail from this computer.');
  // The safe choice has the focus: Enter keeps the job.
  await expect(confirm.getByRole('button', { name: 'Keep' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  expect(journals()).toHaveLength(1);

  await row.getByRole('button', { name: /from the history$/ }).click();
  await row
    .getByRole('group', { name: /^Remove .*\?$/ })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(history).toContainText('No jobs yet.');
  expect(journals()).toHaveLength(0);
  expect(harness.calls.filter((call) => call.method === 'deleteJob')).toHaveLength(1);
});
