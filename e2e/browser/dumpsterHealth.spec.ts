import { expect, folderItem, grid, openFolder, outcomeCount, screenshot, test, waitForJobEnd } from '../support/harness';
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../electron/sim';

const ALICE = 'alice@contoso.com';

test("alice's dumpster health shows the hold evidence, and a hard delete in Purges is said to be refused before the job", async ({ page, harness }) => {
  const purges = harness.sim.store.folderByDistinguished(ALICE, 'recoverableitemspurges');
  const inPurges = purges?.totalCount ?? 0;
  expect(inPurges).toBeGreaterThan(0);
  // The admin opens Alice's mailbox by impersonation (Alice is on litigation hold in the demo).
  await page.getByLabel('EWS URL').fill(harness.sim.url);
  await page.getByRole('radio', { name: 'Basic' }).check();
  await page.getByLabel('User name', { exact: true }).fill(DEMO_ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('Mailbox to open (optional, by impersonation)').fill(ALICE);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('tree', { name: 'Folders' })).toBeVisible();

  // From the Recoverable Items node of the tree.
  await folderItem(page, 'Recoverable Items').click();
  await page.getByRole('button', { name: 'Dumpster health…' }).click();
  const health = page.getByRole('dialog', { name: `Dumpster health: ${ALICE}` });
  const primary = health.getByRole('region', { name: 'Primary mailbox: Recoverable Items' });
  await expect(primary.getByRole('row', { name: /^Purges/ })).toContainText(String(inPurges));
  await expect(primary.getByRole('meter')).toHaveAttribute('aria-valuetext', / of 30 GB, below the warning quota$/);
  await expect(primary).toContainText("Exchange's default quota (20 GB warning, 30 GB limit), assumed");
  const findings = health.getByRole('region', { name: 'Single item recovery and holds' });
  await expect(findings.getByRole('listitem').filter({ has: page.locator('strong', { hasText: /^Single item recovery or a hold$/ }) })).toContainText(
    /Likely: on .*Versions holds \d+ items.*Purges holds \d+ items/,
  );
  const litigation = findings.getByRole('listitem').filter({ has: page.locator('strong', { hasText: /^Litigation hold$/ }) });
  await expect(litigation).toContainText('Cannot tell over EWS');
  await expect(
    litigation.getByRole('button', {
      name: /^Copy the command Get-Mailbox alice@contoso\.com \| fl SingleItemRecoveryEnabled,LitigationHoldEnabled,InPlaceHolds/,
    }),
  ).toBeVisible();
  await screenshot(page, 'dumpster-health');
  await health.getByRole('button', { name: 'Close' }).click();
  await expect(health).toHaveCount(0);

  // Hard delete every item in Purges: the preview says beforehand that the hold will refuse them.
  await openFolder(page, 'Purges');
  await grid(page).press('ControlOrMeta+a');
  await grid(page).press('Shift+Delete');
  const preview = page.getByRole('dialog', { name: new RegExp(`Preview: Hard delete ${inPurges} items`) });
  const hold = preview.getByRole('note', { name: 'Hold' });
  await expect(hold).toContainText('A hold will refuse this purge.');
  await expect(hold).toContainText(`${inPurges} items will be refused: the mailbox is likely on hold or has single item recovery (Versions holds`);
  await expect(hold).toContainText('ErrorCannotDeleteObject');
  await screenshot(page, 'dumpster-hold-preview');
  const run = preview.getByRole('button', { name: `Hard delete ${inPurges} items` });
  await expect(run).toBeEnabled();
  // Leaving them out leaves nothing to run.
  await hold.getByRole('checkbox').check();
  await expect(run).toBeDisabled();
  await hold.getByRole('checkbox').uncheck();
  await run.click();

  // The job then reports them as failed, with the hold as the reason.
  const panel = page.getByRole('region', { name: 'Job progress' });
  await waitForJobEnd(page);
  expect(await outcomeCount(panel, 'Failed')).toBe(inPurges);
  expect(harness.sim.store.itemCount(purges?.id ?? '')).toBe(inPurges);
  await panel.getByRole('button', { name: 'View report' }).click();
  const report = page.getByRole('dialog', { name: /^Report:/ });
  const first = report.getByRole('table', { name: 'Failed and unknown items' }).getByRole('row').nth(1);
  await expect(first).toContainText('ErrorCannotDeleteObject');
  await expect(first).toContainText('the mailbox is on hold');
});
