import { DEMO_ADMIN, DEMO_PASSWORD } from '../../electron/sim';
import { connectAsAdmin, expect, screenshot, test } from '../support/harness';

test('Help → Trace lists the requests with headers and indented XML, never the password; Clear empties it', async ({ page, harness }) => {
  await connectAsAdmin(page, harness.sim);
  await page.getByRole('button', { name: 'Help' }).click();
  await page.getByRole('menuitem', { name: 'Trace…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Trace' });
  const entries = dialog.getByRole('list', { name: 'Trace entries' }).getByRole('listitem');
  await expect(entries.first()).toBeVisible();
  expect(await entries.count()).toBeGreaterThan(1);
  // Each summary: time · operation · HTTP status (· time taken, when the service measured it).
  await expect(entries.first()).toContainText(/\d\d:\d\d:\d\d.* · \w+ · HTTP \d{3}/);

  const folders = entries.filter({ hasText: 'FindFolder' }).first();
  await folders.locator('summary').click();
  const request = folders.getByRole('region', { name: 'Request' });
  await expect(request).toContainText('<soap:Envelope');
  // Indented: an element on its own line below its parent.
  await expect(request.locator('.trace-xml')).toContainText(/\n {2,}</);
  await expect(folders.getByRole('region', { name: 'Response' })).toContainText('ResponseCode');
  await screenshot(page, 'trace-dialog');

  // Open every entry: the password is nowhere, nor its Basic encoding.
  for (const summary of await entries.locator('summary').all()) await summary.click();
  const text = (await dialog.textContent()) ?? '';
  expect(text).not.toContain(DEMO_PASSWORD);
  expect(text).not.toContain(Buffer.from(`${DEMO_ADMIN}:${DEMO_PASSWORD}`).toString('base64'));

  await dialog.getByRole('button', { name: 'Clear' }).click();
  await expect(entries).toHaveCount(0);
  await expect(dialog).toContainText('No requests recorded yet.');
  await dialog.getByRole('button', { name: 'Refresh' }).click();
  await expect(entries).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Refresh folders' }).click();
  await page.getByRole('button', { name: 'Help' }).click();
  await page.getByRole('menuitem', { name: 'Trace…' }).click();
  // Only what happened since the clear.
  await expect(entries.filter({ hasText: 'FindFolder' }).first()).toBeVisible();
});

test('a failed sign-in offers its trace from the connect screen', async ({ page, harness }) => {
  await page.getByLabel('EWS URL').fill(harness.sim.url);
  await page.getByRole('radio', { name: 'Basic' }).check();
  await page.getByLabel('User name', { exact: true }).fill(DEMO_ADMIN);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Sign-in refused');

  await page.getByRole('button', { name: 'Show the trace of this attempt' }).click();
  const dialog = page.getByRole('dialog', { name: 'Trace' });
  await expect(dialog.getByRole('list', { name: 'Trace entries' }).getByRole('listitem').filter({ hasText: 'HTTP 401' }).first()).toBeVisible();
  expect((await dialog.textContent()) ?? '').not.toContain('not-the-password');
});
