import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsAdmin, expect, grid, openFolder, outcomeCount, screenshot, test, waitForJobEnd } from '../support/harness';
import { countIn, distinguishedFolder, seedFolder } from '../support/seeding';

test('a journal damaged while the app was closed shows as damaged in the history, and its resume agrees with the mailbox', async ({ page, harness }) => {
  const folder = seedFolder(harness.sim, 'Old alerts', 2000);
  const deletions = distinguishedFolder(harness.sim, 'recoverableitemsdeletions');
  const before = countIn(harness.sim, deletions.id);
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Old alerts');
  await expect(grid(page)).toHaveAttribute('data-loaded-rows', '2000');
  await grid(page).press('ControlOrMeta+a');
  await page.getByRole('button', { name: 'Select all 2,000 matching in this folder' }).click();
  harness.sim.setFaults({ itemLatencyMs: 20 });
  await page.getByRole('toolbar', { name: 'Item actions' }).getByRole('button', { name: 'Soft delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Soft delete 2,000 items' }).click();
  const panel = page.getByRole('region', { name: 'Job progress' });
  await expect.poll(() => outcomeCount(panel, 'Done'), { timeout: 20_000 }).toBeGreaterThan(0);
  await harness.restartService();
  harness.sim.setFaults({ itemLatencyMs: 0 });

  // While the app is closed, the journal's last three lines are written a second time.
  const jobs = join(harness.dataDir, 'jobs');
  const name = readdirSync(jobs).find((n) => n.endsWith('.journal.jsonl')) ?? '';
  const lines = readFileSync(join(jobs, name), 'utf8').split('\n').slice(0, -1);
  writeFileSync(join(jobs, name), [...lines, ...lines.slice(-3)].map((l) => `${l}\n`).join(''));
  // And a job whose journal cannot be read at all (no summary beside it): named, never silently missing.
  const unreadable = join(jobs, 'job-20260101T000000000Z-0badf00d.journal.jsonl');
  writeFileSync(unreadable, 'not a journal\n');

  await page.reload();
  await connectAsAdmin(page, harness.sim);
  await page.getByRole('button', { name: 'Job history' }).click();
  const history = page.getByRole('dialog', { name: 'Job history' });
  const table = history.getByRole('table', { name: 'Jobs' });
  const row = table.getByRole('row').nth(1);
  await expect(row).toContainText('Interrupted');
  await expect(row).toContainText('damaged');
  const note = table.getByRole('note');
  await expect(note).toContainText(`line ${lines.length + 1}: repeats record`);
  await expect(note).toContainText('A resume verifies every other item against the mailbox');
  await expect(history.getByRole('note').filter({ hasText: 'could not be read' })).toContainText(
    `1 job could not be read: ${unreadable}: the header cannot be read`,
  );
  await screenshot(page, '06b-job-history-damaged');

  await row.getByRole('button', { name: /^Resume / }).click();
  await waitForJobEnd(page);
  // What the report says matches the mailbox: every item gone from the folder, once.
  // Items whose fate the damaged lines hid were deleted again: "already gone", never "done" unseen.
  expect((await outcomeCount(panel, 'Done')) + (await outcomeCount(panel, 'Already gone'))).toBe(2000);
  expect(await outcomeCount(panel, 'Failed')).toBe(0);
  expect(await outcomeCount(panel, 'Unknown \\(verify\\)')).toBe(0);
  expect(countIn(harness.sim, folder.id)).toBe(0);
  expect(countIn(harness.sim, deletions.id)).toBe(before + 2000);
  await page.getByRole('button', { name: 'Job history' }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('Completed');
  await expect(table.getByRole('note')).toContainText('verified against the mailbox when the job was resumed');
});
