// The same admin's work as the EWS flow (demoFlow.ts, delete.spec.ts), over Microsoft Graph: the
// profile chooses Exchange Online (Graph), the delegated sign-in runs in the "system browser" (a
// second page on the simulator's authority), then soft-delete three, recover one to its original
// folder, hard-delete with the count typed, and the per-item report. The Graph simulator serves the
// EWS simulator's store, so every step is checked in the mailbox itself.
import { readFileSync } from 'node:fs';
import { DEMO_ADMIN } from '../../electron/sim';
import { fillGraphForm, signInInBrowser } from '../support/graphForm';
import { expect, folderItem, grid, outcomeCount, screenshot, test, waitForJobEnd } from '../support/harness';
import { countIn, distinguishedFolder, seedFolder } from '../support/seeding';

test.use({ graph: true });

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('Exchange Online over Graph: browser sign-in, soft delete, recover home, hard delete, report', async ({ page, harness }) => {
  // Sign-in, three jobs and a report on a shared 2-core machine.
  test.setTimeout(120_000);
  const graph = harness.graph;
  if (graph === undefined) throw new Error('the harness started no Graph simulator');
  const purgeMe = seedFolder(harness.sim, 'Purge me', 120);
  const inbox = distinguishedFolder(harness.sim, 'inbox');
  // The three newest Inbox items (received now), so they head the Inbox and, once deleted, Deletions.
  harness.sim.store.seedItems(inbox.id, 3, { subject: (i) => `Graph flow ${i + 1}` });
  const deletions = distinguishedFolder(harness.sim, 'recoverableitemsdeletions');
  const purges = distinguishedFolder(harness.sim, 'recoverableitemspurges');
  const [inboxBefore, deletionsBefore, purgesBefore] = [countIn(harness.sim, inbox.id), countIn(harness.sim, deletions.id), countIn(harness.sim, purges.id)];

  // The backend choice swaps the EWS fields for the Graph ones.
  await expect(page.getByLabel('EWS URL')).toBeVisible();
  await fillGraphForm(page, graph, DEMO_ADMIN);
  await expect(page.getByLabel('EWS URL')).toHaveCount(0);
  await expect(page.getByRole('radio', { name: 'Sign in in the browser (delegated)' })).toBeChecked();
  await page.getByLabel('Save as a profile').check();
  await page.getByLabel('Profile name').fill('Contoso (Graph)');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  // The "system browser": the authority's sign-in page, the account hinted, the password typed.
  await signInInBrowser(graph);
  const tree = page.getByRole('tree', { name: 'Folders' });
  await expect(tree).toBeVisible({ timeout: 30_000 });
  expect(graph.opened).toHaveLength(1);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Versions and Purges are shown, but as EWS only (Graph cannot open them).
  for (const name of ['Versions', 'Purges']) {
    const row = tree.getByRole('treeitem', { name: new RegExp(`^${name}, EWS only$`) });
    await expect(row).toBeVisible();
    await expect(row).toHaveAttribute('aria-disabled', 'true');
  }
  await screenshot(page, 'graph-01-tree');

  // Soft-delete three Inbox items.
  await folderItem(page, 'Inbox').click();
  const inboxGrid = page.getByRole('grid', { name: 'Items in Inbox' });
  await expect(inboxGrid).toHaveAttribute('aria-busy', 'false');
  const row = (position: number) => inboxGrid.locator(`[role="row"][aria-rowindex="${position + 1}"]`);
  await expect(row(1)).toHaveAttribute('aria-busy', 'false');
  const subject = (await row(1).locator('.cell-subject').textContent()) ?? '';
  expect(subject).toMatch(/^Graph flow \d$/);
  await row(1).click();
  await row(3).click({ modifiers: ['Shift'] });
  const actions = page.getByRole('toolbar', { name: 'Item actions' });
  await actions.getByRole('button', { name: 'Soft delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Soft delete 3 items' }).click();
  const panel = page.getByRole('region', { name: 'Job progress' });
  expect(await waitForJobEnd(page, 30_000)).toContain('Finished');
  expect(await outcomeCount(panel, 'Done')).toBe(3);
  expect(countIn(harness.sim, inbox.id)).toBe(inboxBefore - 3);
  expect(countIn(harness.sim, deletions.id)).toBe(deletionsBefore + 3);

  // Recover one of them to the folder it was deleted from.
  await folderItem(page, 'Deletions').click();
  const deletionsGrid = page.getByRole('grid', { name: 'Items in Deletions' });
  await expect(deletionsGrid).toHaveAttribute('aria-busy', 'false');
  const deleted = deletionsGrid.getByRole('row', { name: new RegExp(escapeRegExp(subject)) }).first();
  await expect(deleted).toContainText('Inbox');
  await deleted.click();
  await expect(actions).toContainText('1 selected');
  await actions.getByRole('button', { name: 'Recover…' }).click();
  const recover = page.getByRole('dialog', { name: /^Recover 1 item/ });
  await expect(recover).toBeVisible();
  await recover.getByRole('button', { name: 'Next: preview' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Recover \d/ })
    .click();
  // The panel follows the new job (its title names it) before its status can say Finished.
  await expect(panel).toContainText(/Recover/);
  await expect(panel.getByRole('status')).toContainText('Finished', { timeout: 30_000 });
  await expect.poll(() => countIn(harness.sim, inbox.id)).toBe(inboxBefore - 2);
  expect(countIn(harness.sim, deletions.id)).toBe(deletionsBefore + 2);
  expect(harness.sim.store.folderItems(inbox.id).some((item) => item.subject === subject)).toBe(true);

  // The quick filter over Graph (contains() in $filter): Deletions filtered by subject lists the two
  // still deleted, and only them; clearing it brings the whole folder back.
  await folderItem(page, 'Deletions').click();
  await expect(deletionsGrid).toHaveAttribute('aria-busy', 'false');
  const quick = page.getByRole('search', { name: 'Quick filter' });
  await quick.getByLabel('Subject contains').fill('graph FLOW');
  await expect(quick.getByRole('status')).toHaveText('Filter active: 1 condition');
  await expect(deletionsGrid).toHaveAttribute('aria-rowcount', '3');
  await expect(deletionsGrid).toHaveAttribute('aria-busy', 'false');
  const filtered = await deletionsGrid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"]) .cell-subject').allTextContents();
  expect(filtered.sort()).toEqual(
    harness.sim.store
      .folderItems(deletions.id)
      .map((item) => item.subject)
      .filter((s) => s.startsWith('Graph flow'))
      .sort(),
  );
  expect(filtered).not.toContain(subject);
  await expect(page.getByText('Could not load items')).toHaveCount(0);
  await screenshot(page, 'graph-02-quick-filter');
  await quick.getByRole('button', { name: 'Clear filter' }).click();
  await expect(quick.getByRole('status')).toHaveText('');
  await expect(deletionsGrid).toHaveAttribute('aria-rowcount', String(countIn(harness.sim, deletions.id) + 1));

  // Hard-delete a folder's 120 items: the count must be typed, nothing can be undone.
  await folderItem(page, 'Purge me').click();
  const purgeGrid = page.getByRole('grid', { name: 'Items in Purge me' });
  await expect(purgeGrid).toHaveAttribute('aria-busy', 'false');
  await grid(page).press('ControlOrMeta+a');
  await expect(actions).toContainText('120 selected');
  await grid(page).press('Shift+Delete');
  const hard = page.getByRole('dialog', { name: /Preview: Hard delete 120 items/ });
  await expect(hard.getByRole('note')).toContainText('This cannot be undone');
  const run = hard.getByRole('button', { name: 'Hard delete 120 items' });
  await expect(run).toBeDisabled();
  await hard.getByLabel('Type 120 to confirm').fill('120');
  await run.click();
  await expect(panel).toContainText(/Hard delete/);
  await expect(panel.getByRole('status')).toContainText('Finished', { timeout: 60_000 });
  await expect.poll(() => countIn(harness.sim, purgeMe.id)).toBe(0);
  expect(countIn(harness.sim, purges.id)).toBe(purgesBefore + 120);

  // The per-item report: every item done, none failed; the export lists each one.
  await panel.getByRole('button', { name: 'View report' }).click();
  const report = page.getByRole('dialog', { name: /^Report:/ });
  expect(await outcomeCount(report, 'Done')).toBe(120);
  expect(await outcomeCount(report, 'Failed')).toBe(0);
  await expect(report.getByRole('table', { name: 'Failed and unknown items' })).toHaveCount(0);
  await screenshot(page, 'graph-03-report');
  await report.getByRole('button', { name: 'Export report (CSV)' }).click();
  await expect(report.getByRole('status')).toContainText('Report saved to');
  const lines = readFileSync(harness.savedPaths[0] ?? '', 'utf8')
    .trim()
    .split(/\r?\n/);
  expect(lines).toHaveLength(121);
  expect(lines.slice(1).every((line) => /\bdone\b/.test(line))).toBe(true);
});

test('Graph Test connection signs in once and lists its steps; Sign out forgets it; a wrong tenant says so', async ({ page, harness }) => {
  const graph = harness.graph;
  if (graph === undefined) throw new Error('the harness started no Graph simulator');
  await fillGraphForm(page, graph, DEMO_ADMIN);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await signInInBrowser(graph);
  const steps = page.getByRole('list', { name: 'Connection test steps' });
  for (const step of ['Sign-in authority', 'Sign-in', 'Mailbox folders', 'Recoverable Items']) {
    await expect(steps.getByRole('listitem').filter({ hasText: step }).first()).toContainText('OK');
  }
  await expect(page.getByRole('region', { name: 'Connection test' })).toContainText('everything answered');
  // Testing is not connecting; a second test signs in silently from the kept sign-in.
  await expect(page.getByRole('tree', { name: 'Folders' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('region', { name: 'Connection test' })).toContainText('everything answered');
  expect(graph.opened).toHaveLength(1);

  // Sign out forgets it: the next test opens the browser again.
  await page.getByRole('button', { name: 'Sign out of Microsoft Graph' }).click();
  await expect(page.getByText('Signed out of Microsoft Graph on this computer.')).toBeVisible();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await signInInBrowser(graph);
  await expect(page.getByRole('region', { name: 'Connection test' })).toContainText('everything answered');
  expect(graph.opened).toHaveLength(2);

  // A tenant the authority does not know is named before any sign-in.
  await page.getByLabel('Tenant ID').fill('fabrikam.example');
  await page.getByLabel('Sign-in authority').fill(`${graph.sim.url}/fabrikam.example`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Sign-in refused');
  await expect(alert).toContainText('The tenant "fabrikam.example" is not known');
  expect(graph.opened).toHaveLength(2);
});
