// "Allow directory access…" on a delegated Graph connection: the connection's sign-in asks only for
// mail, so a distribution group comes back unused with the way to allow it; the screen offers
// "Allow directory access…", whose browser step (the second page of the "system browser") signs in
// the same account and shows the authority's consent page for User.ReadBasic.All and
// GroupMember.Read.All; after Accept the group expands to its members through its nested group.
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../electron/sim';
import { DEMO_CLIENT_ID } from '../../electron/simGraph';
import { fillGraphForm, signInInBrowser } from '../support/graphForm';
import { expect, screenshot, test } from '../support/harness';

test.use({ graph: true });

test('a group is expanded after Allow directory access… on a delegated Graph connection', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const { graph } = harness;
  if (graph === undefined) throw new Error('the harness started no Graph simulator');

  await fillGraphForm(page, graph, DEMO_ADMIN);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await signInInBrowser(graph);
  await expect(page.getByRole('tree', { name: 'Folders' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Many mailboxes…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Many mailboxes' });

  // The group needs the directory, which the mail-only sign-in cannot read yet.
  await dialog.getByLabel('Distribution groups (their members, through nested groups)').fill('all-staff@contoso.com');
  await dialog.getByRole('button', { name: 'Add mailboxes' }).click();
  await expect(dialog.getByRole('list', { name: 'Entries not used' })).toContainText('Allow directory access');
  const access = dialog.getByRole('region', { name: 'Directory access' });
  await access.getByRole('button', { name: 'Allow directory access…' }).click();

  // The second browser step: the same account signs in and consents to the directory permissions.
  const signIn = await graph.nextSignInPage();
  await expect(signIn.getByLabel('Email')).toHaveValue(DEMO_ADMIN);
  await signIn.getByLabel('Password').fill(DEMO_PASSWORD);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn.getByRole('heading', { name: 'Permissions requested' })).toBeVisible();
  await expect(signIn.locator('#permissions')).toContainText('User.ReadBasic.All');
  await expect(signIn.locator('#permissions')).toContainText('GroupMember.Read.All');
  await signIn.getByRole('button', { name: 'Accept' }).click();
  await expect(signIn.getByText('Signed in to Mailbox Sweeper')).toBeVisible();
  await expect(access.getByRole('status')).toContainText('Directory access allowed');
  expect(graph.sim.userConsents(DEMO_CLIENT_ID, DEMO_ADMIN).sort()).toEqual([
    'https://graph.microsoft.com/GroupMember.Read.All',
    'https://graph.microsoft.com/User.ReadBasic.All',
  ]);

  // The group again: its members through the nested Sales group.
  await dialog.getByLabel('Distribution groups (their members, through nested groups)').fill('all-staff@contoso.com');
  await dialog.getByRole('button', { name: 'Add mailboxes' }).click();
  const chosen = dialog.getByRole('list', { name: 'Chosen mailboxes' });
  await expect(chosen.getByRole('listitem')).toHaveCount(3);
  for (const member of ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com']) await expect(chosen).toContainText(member);
  await screenshot(page, 'graph-directory-consent-01-expanded');
  // Two browser steps: the connect and the directory consent.
  expect(graph.opened).toHaveLength(2);
});
