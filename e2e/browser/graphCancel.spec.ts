// Cancel sign-in on the connect screen (issue 10): the admin connects over Microsoft Graph, the
// sign-in page opens in the "system browser" (a second page on the simulator's authority), and
// instead of finishing there they click Cancel sign-in in the app. The screen says "Sign-in
// cancelled." with no error, MSAL's loopback port is closed at once (the browser page's answer
// has nowhere to go), nothing is saved; a new Connect opens the browser again and signs in.
import { connect } from 'node:net';
import { DEMO_ADMIN } from '../../electron/sim';
import { fillGraphForm, signInInBrowser } from '../support/graphForm';
import { expect, screenshot, test } from '../support/harness';

test.use({ graph: true });

/** Whether MSAL's loopback listener named by the authorize URL's redirect_uri accepts connections. */
function listening(authorizeUrl: string): Promise<boolean> {
  const port = Number(new URL(new URL(authorizeUrl).searchParams.get('redirect_uri') ?? '').port);
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

test('Cancel sign-in ends the browser step at once; the next Connect signs in', async ({ page, harness }) => {
  test.setTimeout(90_000);
  const graph = harness.graph;
  if (graph === undefined) throw new Error('the harness started no Graph simulator');
  await fillGraphForm(page, graph, DEMO_ADMIN);
  await page.getByLabel('Save as a profile').check();
  await page.getByLabel('Profile name').fill('Contoso (Graph)');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();

  // The browser step: the authority's page is open and the app waits for it.
  const abandoned = await graph.nextSignInPage();
  await expect(abandoned.getByLabel('Email')).toHaveValue(DEMO_ADMIN);
  const url = graph.opened[0] ?? '';
  expect(await listening(url)).toBe(true);
  const waiting = page.getByRole('status').filter({ hasText: 'Signing in with Microsoft' });
  await expect(waiting).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connecting…' })).toBeDisabled();
  await screenshot(page, 'graph-cancel-01-waiting');

  const started = Date.now();
  await waiting.getByRole('button', { name: 'Cancel sign-in' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sign-in cancelled.' })).toBeVisible();
  // Well inside the 30 s the harness allows the browser step: the cancel ended it.
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel sign-in' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
  expect(await listening(url)).toBe(false);
  await expect(page.getByRole('tree', { name: 'Folders' })).toHaveCount(0);
  await screenshot(page, 'graph-cancel-02-cancelled');
  await abandoned.close();

  // Connect again right away: a new browser step, finished this time.
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sign-in cancelled.' })).toHaveCount(0);
  await signInInBrowser(graph);
  await expect(page.getByRole('tree', { name: 'Folders' })).toBeVisible({ timeout: 30_000 });
  expect(graph.opened).toHaveLength(2);
  // Only the connect that signed in saved the profile.
  expect((await harness.service.listProfiles()).profiles.map((p) => p.name)).toEqual(['Contoso (Graph)']);
});
