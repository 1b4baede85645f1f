// Signing in the way on-premises Exchange demands: the simulator has Basic switched off and
// offers NTLM only; the admin types a Windows account and its password.
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../electron/sim';
import { expect, screenshot, test } from '../support/harness';

test.use({ simOptions: { bulkItems: 0, throttling: false, demoScale: 0.2, auth: ['ntlm'] } });

for (const user of ['CONTOSO\\admin', DEMO_ADMIN]) {
  test(`connects with NTLM as ${user} (Basic off)`, async ({ page, harness }) => {
    await page.getByLabel('EWS URL').fill(harness.sim.url);
    await expect(page.getByRole('radio', { name: 'Windows account (NTLM / Negotiate)' })).toBeChecked();
    await page.getByLabel('User name', { exact: true }).fill(user);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('tree', { name: 'Folders' })).toBeVisible();
    await expect(page.getByText(/Signed in with NTLM/)).toBeVisible();
    if (user === DEMO_ADMIN) await screenshot(page, 'signed-in-with-ntlm');
  });
}

test('a wrong Windows password is refused and says so', async ({ page, harness }) => {
  await page.getByLabel('EWS URL').fill(harness.sim.url);
  await page.getByLabel('User name', { exact: true }).fill('CONTOSO\\admin');
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Sign-in refused');
  await expect(alert).toContainText(/Windows credentials were refused/);
  await expect(page.getByRole('tree', { name: 'Folders' })).toHaveCount(0);
});

test('Basic, against a server with Basic switched off, is refused', async ({ page, harness }) => {
  await page.getByLabel('EWS URL').fill(harness.sim.url);
  await page.getByRole('radio', { name: 'Basic' }).check();
  await page.getByLabel('User name', { exact: true }).fill(DEMO_ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Sign-in refused');
});
