// Filters on the new properties (issue 9 §2): Deletions filtered by deleted date (LastModifiedTime,
// typed as local days in a zone west of UTC) lists exactly the items deleted in those days, the
// "filter active" state shows, and a query job over "all matching" acts on those items only.
import type { ItemRow } from '../../shared/domain';
import { connectAsAdmin, expect, grid, openFolder, test, waitForJobEnd } from '../support/harness';
import { distinguishedFolder } from '../support/seeding';

test.use({ timezoneId: 'America/New_York' });

// 2025-09-01 00:00 and 2025-10-16 00:00 in New York (EDT, UTC-4): "to" includes the whole day.
const FROM_DAY = '2025-09-01';
const TO_DAY = '2025-10-15';
const START = Date.parse('2025-09-01T04:00:00.000Z');
const END = Date.parse('2025-10-16T04:00:00.000Z');

test('Deletions filtered by deleted date shows only the items deleted then, and a query job acts on those only', async ({ page, harness }) => {
  const deletions = distinguishedFolder(harness.sim, 'recoverableitemsdeletions');
  const purges = distinguishedFolder(harness.sim, 'recoverableitemspurges');
  await connectAsAdmin(page, harness.sim);
  await openFolder(page, 'Deletions');
  await expect(grid(page).getByRole('columnheader', { name: 'Deleted' })).toBeVisible();

  // What should match, from the unfiltered listing (every row carries LastModifiedTime).
  const all = await harness.service.listItems({ folderId: deletions.id, offset: 0, max: 1000 });
  expect(all.last).toBe(true);
  const inWindow = (row: ItemRow): boolean => {
    const t = Date.parse(row.lastModified ?? '');
    return t >= START && t < END;
  };
  const expected = all.rows.filter(inWindow);
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(all.rows.length);

  const filter = page.getByRole('search', { name: 'Quick filter' });
  await filter.getByRole('button', { name: 'More filters' }).click();
  await filter.getByLabel('Deleted between: from').fill(FROM_DAY);
  await filter.getByLabel('Deleted between: to (inclusive)').fill(TO_DAY);
  await expect(filter.getByRole('status')).toHaveText('Filter active: 1 condition');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(expected.length + 1));
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator('.grid-foot')).toContainText(`${expected.length} items`);
  const lastList = harness.calls.filter((c) => c.method === 'listItems').at(-1)?.arg as { filter?: Record<string, string> };
  expect(lastList.filter).toEqual({ deletedAfter: '2025-09-01T04:00:00.000Z', deletedBefore: '2025-10-16T04:00:00.000Z' });

  // The rows on screen are the expected ones (by subject and deleted time).
  const shown = await grid(page).locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"]) .cell-subject').allTextContents();
  const expectedSubjects = new Set(expected.map((r) => r.subject || '(no subject)'));
  for (const subject of shown) expect(expectedSubjects.has(subject)).toBe(true);

  // "All matching" + Hard delete: a query job with the same filter, acting on the window only.
  await grid(page).press('ControlOrMeta+a');
  await page.getByRole('button', { name: `Select all ${expected.length} matching in this folder` }).click();
  await grid(page).press('Shift+Delete');
  const dialog = page.getByRole('dialog', { name: new RegExp(`Preview: Hard delete ${expected.length} item`) });
  await expect(dialog).toContainText(`${expected.length} item`);
  await dialog.getByRole('button', { name: new RegExp(`^Hard delete ${expected.length} item`) }).click();
  await waitForJobEnd(page);

  const started = harness.calls.find((c) => c.method === 'startJob')?.arg as { target: { kind: string; filter: Record<string, string> } };
  expect(started.target.kind).toBe('query');
  expect(started.target.filter).toEqual({ deletedAfter: '2025-09-01T04:00:00.000Z', deletedBefore: '2025-10-16T04:00:00.000Z' });
  const left = harness.sim.store.folderItems(deletions.id).map((i) => i.id);
  expect(left.sort()).toEqual(
    all.rows
      .filter((r) => !inWindow(r))
      .map((r) => r.id)
      .sort(),
  );
  const purged = new Set(harness.sim.store.folderItems(purges.id).map((i) => i.subject));
  for (const row of expected) expect(purged.has(row.subject)).toBe(true);
});
