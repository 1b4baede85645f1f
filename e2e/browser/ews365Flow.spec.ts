// EWS in Exchange Online signed in through Microsoft 365: the EWS form with "Microsoft 365 sign-in",
// the delegated sign-in in the "system browser" (a second page on the Graph simulator's authority,
// which lends the EWS simulator its token checks), then the whole tree over EWS, dumpster included
// (Versions and Purges open, as Graph cannot), a soft delete and its recovery to the original
// folder checked in the mailbox store. The sign-in is kept until Sign out: a saved profile connects
// silently after Disconnect, and asks for the browser again only after Sign out.
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../electron/sim';
import { DEMO_CLIENT_ID } from '../../electron/simGraph';
import type { GraphSide } from '../support/graphSide';
import { expect, folderItem, outcomeCount, screenshot, test, waitForJobEnd } from '../support/harness';
import { countIn, distinguishedFolder } from '../support/seeding';

test.use({ graph: true });

/** Signs in on the authority's page; an EWS sign-in names no mailbox, so no account is hinted. */
async function signInAsAdmin(graph: GraphSide): Promise<void> {
  const signIn = await graph.nextSignInPage();
  await signIn.getByLabel('Email').fill(DEMO_ADMIN);
  await signIn.getByLabel('Password').fill(DEMO_PASSWORD);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn.getByText('Signed in to Mailbox Sweeper')).toBeVisible();
}

test('EWS signed in through Microsoft 365: browser sign-in, dumpster tree, soft delete and recover home, silent profile, Sign out', async ({
  page,
  harness,
}) => {
  // Two browser sign-ins and two jobs on a shared 2-core machine.
  test.setTimeout(120_000);
  const graph = harness.graph;
  if (graph === undefined) throw new Error('the harness started no Graph simulator');
  const inbox = distinguishedFolder(harness.sim, 'inbox');
  const deletions = distinguishedFolder(harness.sim, 'recoverableitemsdeletions');
  // Received now, so it heads the Inbox (newest first).
  harness.sim.store.seedItems(inbox.id, 1, { subject: () => 'EWS 365 flow' });
  const [inboxBefore, deletionsBefore] = [countIn(harness.sim, inbox.id), countIn(harness.sim, deletions.id)];

  // EWS (the default backend) with the Microsoft 365 sign-in: tenant and app registration, no password.
  await page.getByLabel('EWS URL').fill(harness.sim.url);
  await page.getByRole('radio', { name: 'Microsoft 365 sign-in (Exchange Online)' }).check();
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
  await page.getByLabel('Tenant ID').fill(graph.sim.tenantId);
  await page.getByLabel('Application (client) ID').fill(DEMO_CLIENT_ID);
  await page.getByLabel('Sign-in authority (optional)').fill(graph.sim.authority);
  await page.getByLabel('Save as a profile').check();
  await page.getByLabel('Profile name').fill('Contoso (EWS, Microsoft 365)');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await signInAsAdmin(graph);
  const tree = page.getByRole('tree', { name: 'Folders' });
  await expect(tree).toBeVisible({ timeout: 30_000 });
  expect(graph.opened).toHaveLength(1);
  expect(new URL(graph.opened[0] ?? '').searchParams.get('scope')).toContain('EWS.AccessAsUser.All');
  await expect(page.getByText('Signed in with Microsoft 365 sign-in')).toBeVisible();

  // Over EWS the dumpster's folders are ordinary rows: Versions and Purges open (Graph shows them as EWS only).
  for (const name of ['Deletions', 'Versions', 'Purges']) {
    const row = tree.getByRole('treeitem', { name: new RegExp(`^${name}, `) }).first();
    await expect(row).toBeVisible();
    await expect(row).not.toHaveAttribute('aria-disabled', 'true');
    await expect(row).not.toContainText('EWS only');
  }
  await folderItem(page, 'Purges').click();
  await expect(page.getByRole('grid', { name: 'Items in Purges' })).toHaveAttribute('aria-busy', 'false');
  await screenshot(page, 'ews365-01-tree');

  // Soft-delete the seeded Inbox item.
  await folderItem(page, 'Inbox').click();
  const inboxGrid = page.getByRole('grid', { name: 'Items in Inbox' });
  await expect(inboxGrid).toHaveAttribute('aria-busy', 'false');
  const seeded = inboxGrid.getByRole('row', { name: /EWS 365 flow/ });
  await seeded.click();
  const actions = page.getByRole('toolbar', { name: 'Item actions' });
  await expect(actions).toContainText('1 selected');
  await actions.getByRole('button', { name: 'Soft delete' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Soft delete 1 item/ })
    .click();
  const panel = page.getByRole('region', { name: 'Job progress' });
  expect(await waitForJobEnd(page, 30_000)).toContain('Finished');
  expect(await outcomeCount(panel, 'Done')).toBe(1);
  expect(countIn(harness.sim, inbox.id)).toBe(inboxBefore - 1);
  expect(countIn(harness.sim, deletions.id)).toBe(deletionsBefore + 1);

  // Deletions lists it with the folder it came from; recover it there.
  await folderItem(page, 'Deletions').click();
  const deletionsGrid = page.getByRole('grid', { name: 'Items in Deletions' });
  await expect(deletionsGrid).toHaveAttribute('aria-busy', 'false');
  const deleted = deletionsGrid.getByRole('row', { name: /EWS 365 flow/ }).first();
  await expect(deleted).toContainText('Inbox');
  await deleted.click();
  await expect(actions).toContainText('1 selected');
  await actions.getByRole('button', { name: 'Recover…' }).click();
  const recover = page.getByRole('dialog', { name: /^Recover 1 item/ });
  await recover
    .getByRole('radio', { name: /^To their original folders\b/ })
    .first()
    .check();
  await recover.getByRole('button', { name: 'Next: preview' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Recover 1 item/ })
    .click();
  await expect(panel).toContainText(/Recover/);
  await expect(panel.getByRole('status')).toContainText('Finished', { timeout: 30_000 });
  await expect.poll(() => countIn(harness.sim, inbox.id)).toBe(inboxBefore);
  expect(countIn(harness.sim, deletions.id)).toBe(deletionsBefore);
  expect(harness.sim.store.folderItems(inbox.id).some((item) => item.subject === 'EWS 365 flow')).toBe(true);
  await screenshot(page, 'ews365-02-recovered');

  // The sign-in is kept until Sign out: after Disconnect the saved profile connects without the browser.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  const connectProfile = page.getByRole('button', { name: 'Connect with profile Contoso (EWS, Microsoft 365)' });
  await connectProfile.click();
  await expect(tree).toBeVisible({ timeout: 30_000 });
  expect(graph.opened).toHaveLength(1);

  // Sign out forgets it and closes the connection; the profile then asks for the browser again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed out of Microsoft 365 on this computer.' })).toBeVisible();
  await expect(tree).toHaveCount(0);
  await connectProfile.click();
  await signInAsAdmin(graph);
  await expect(tree).toBeVisible({ timeout: 30_000 });
  expect(graph.opened).toHaveLength(2);
});
