import { readFileSync } from 'node:fs';
import { connectAsAdmin, expect, grid, openFolder, outcomeCount, screenshot, test, waitForJobEnd } from '../support/harness';
import { countIn, seedFolder } from '../support/seeding';

function csvRows(text: string): string[][] {
  // Good enough for the report: quoted fields with doubled quotes, no embedded newlines in our data.
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, -1));
}

test('injected per-item failures are reported, exported as CSV, and retried', async ({ page, harness }) => {
  test.setTimeout(150_000);
  const folder = seedFolder(harness.sim, 'Flaky', 200);
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Flaky');
  // A few per-item refusals (the simulator stops the batch at each, so the engine retries the rest).
  harness.sim.setFaults({ seed: 7, itemErrorRates: { ErrorAccessDenied: 0.03 } });

  await grid(page).press('ControlOrMeta+a');
  await grid(page).press('Delete');
  const preview = page.getByRole('dialog', { name: /Preview: Delete 200 items/ });
  await preview.getByRole('button', { name: 'Delete 200 items' }).click();
  await waitForJobEnd(page, 120_000);

  const panel = page.getByRole('region', { name: 'Job progress' });
  const failed = await outcomeCount(panel, 'Failed');
  expect(failed).toBeGreaterThan(0);
  expect(countIn(harness.sim, folder.id)).toBe(failed);

  await panel.getByRole('button', { name: 'View report' }).click();
  const report = page.getByRole('dialog', { name: /^Report:/ });
  const table = report.getByRole('table', { name: 'Failed and unknown items' });
  await expect(table.getByRole('row')).toHaveCount(failed + 1);
  const headers = table.getByRole('columnheader');
  await expect(headers).toHaveText(['Subject', 'Folder', 'Outcome', 'Code', 'Message']);
  // Code in monospace, the service's explanation beside it, the folder as a readable path.
  const first = table.getByRole('row').nth(1).getByRole('cell');
  await expect(first.nth(1)).toHaveText('Inbox/Flaky');
  await expect(first.nth(3).locator('code')).toHaveText('ErrorAccessDenied');
  await expect(first.nth(4)).toHaveText(/\w+ \w+/);
  expect(await first.nth(4).textContent()).not.toContain('ErrorAccessDenied');
  // Every column fits inside the dialog at 1280×800.
  const dialogBox = await report.boundingBox();
  const messageBox = await headers.nth(4).boundingBox();
  expect(dialogBox && messageBox && messageBox.x + messageBox.width <= dialogBox.x + dialogBox.width).toBe(true);
  expect(messageBox && messageBox.width).toBeGreaterThan(200);
  await screenshot(page, '05-results');

  // Escape closes the report and focus goes back to the button that opened it; Enter reopens it.
  await page.keyboard.press('Escape');
  await expect(report).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'View report' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(table.getByRole('row')).toHaveCount(failed + 1);

  await report.getByRole('button', { name: 'Export report (CSV)' }).click();
  await expect(report.getByRole('status')).toContainText('Report saved to');
  const path = harness.savedPaths[0];
  expect(path).toBeDefined();
  const rows = csvRows(readFileSync(path ?? '', 'utf8'));
  const header = rows[0] ?? [];
  const subjectAt = header.findIndex((h) => /subject/i.test(h));
  const outcomeAt = header.findIndex((h) => /outcome/i.test(h));
  expect(subjectAt).toBeGreaterThanOrEqual(0);
  const failedInCsv = rows.slice(1).filter((r) => /failed/i.test(r[outcomeAt] ?? ''));
  expect(failedInCsv).toHaveLength(failed);
  const shown = await table.getByRole('row').evaluateAll((trs) => trs.slice(1).map((tr) => tr.querySelector('td')?.textContent ?? ''));
  // The table shows an empty subject as "(no subject)".
  expect(failedInCsv.map((r) => r[subjectAt] || '(no subject)').sort()).toEqual([...shown].sort());

  harness.sim.setFaults({ itemErrorRates: { ErrorAccessDenied: 0 } });
  await report.getByRole('button', { name: 'Retry failed' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await waitForJobEnd(page);
  expect(await outcomeCount(panel, 'Done')).toBe(failed);
  expect(await outcomeCount(panel, 'Failed')).toBe(0);
  expect(countIn(harness.sim, folder.id)).toBe(0);
});
