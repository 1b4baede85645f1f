import { DEMO_ADMIN, DEMO_PASSWORD } from '../../electron/sim';
import { expect, screenshot, test } from '../support/harness';

test('a wrong password gets its own message and keeps the form; the right one connects', async ({ page, harness }) => {
  await page.getByLabel('EWS URL').fill(harness.sim.url);
  await page.getByRole('radio', { name: 'Basic' }).check();
  await page.getByLabel('User name', { exact: true }).fill(DEMO_ADMIN);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Sign-in refused');
  await expect(page.getByLabel('EWS URL')).toHaveValue(harness.sim.url);
  await expect(page.getByLabel('User name', { exact: true })).toHaveValue(DEMO_ADMIN);
  await screenshot(page, '01-connect-wrong-password');

  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('tree', { name: 'Folders' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(DEMO_ADMIN);
  // The secret went to the service once and is nowhere in the page afterwards.
  expect(await page.content()).not.toContain(DEMO_PASSWORD);
});

test('an HTML page and an unreachable address each get their own message', async ({ page, harness }) => {
  await page.getByRole('radio', { name: 'Basic' }).check();
  await page.getByLabel('User name', { exact: true }).fill(DEMO_ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);

  // The renderer's own static server answers with an HTML page, not EWS.
  await page.getByLabel('EWS URL').fill(new URL('/index.html', page.url()).href);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('not an EWS endpoint');

  // Just a host (and port) is completed to the usual EWS address when the field is left.
  // Port 9 (discard) on loopback: nothing listens, the connection is refused.
  await page.getByLabel('EWS URL').fill('127.0.0.1:9');
  await page.getByLabel('User name', { exact: true }).focus();
  await expect(page.getByLabel('EWS URL')).toHaveValue('https://127.0.0.1:9/EWS/Exchange.asmx');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Cannot reach the server');
  const connects = harness.calls.filter((c) => c.method === 'connect');
  expect(connects).toHaveLength(2);
  expect((connects[1]?.arg as { url: string }).url).toBe('https://127.0.0.1:9/EWS/Exchange.asmx');
});

test.describe('without an OS key store', () => {
  test.use({ keyStoreAvailable: false });

  test('saving a profile connects and tells the admin the password was not saved', async ({ page, harness }) => {
    await page.getByLabel('EWS URL').fill(harness.sim.url);
    await page.getByRole('radio', { name: 'Basic' }).check();
    await page.getByLabel('User name', { exact: true }).fill(DEMO_ADMIN);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel('Save as a profile').check();
    await page.getByLabel('Profile name').fill('Contoso admin');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('tree', { name: 'Folders' })).toBeVisible();
    const notice = page.getByRole('status').filter({ hasText: 'saved without its password' });
    await expect(notice).toBeVisible();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
  });
});
