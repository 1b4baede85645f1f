import { DEMO_ADMIN, DEMO_PASSWORD } from '../../electron/sim';
import { expect, screenshot, test } from '../support/harness';

test('Test connection lists its steps, each with outcome and time, and a wrong password fails at the sign-in step', async ({ page, harness }) => {
  await page.getByLabel('EWS URL').fill(harness.sim.url);
  await page.getByRole('radio', { name: 'Basic' }).check();
  await page.getByLabel('User name', { exact: true }).fill(DEMO_ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Test connection' }).click();

  const steps = page.getByRole('list', { name: 'Connection test steps' });
  await expect(steps).toBeVisible();
  await expect(page.getByRole('region', { name: 'Connection test' })).toContainText('everything answered');
  await expect(steps.getByRole('listitem').filter({ hasText: 'DNS: 127.0.0.1' })).toContainText('OK');
  await expect(steps.getByRole('listitem').filter({ hasText: 'Sign in and open the mailbox' })).toContainText('OK');
  await expect(steps.getByRole('listitem').first()).toContainText(/\d+ (ms|s)/);
  await screenshot(page, 'sign-in-test-connection');
  // Testing is not connecting.
  await expect(page.getByRole('tree', { name: 'Folders' })).toHaveCount(0);

  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('region', { name: 'Connection test' })).toContainText('a step failed');
  await expect(steps.getByRole('listitem').filter({ hasText: 'Sign in and open the mailbox' })).toContainText('Failed');
  const testCalls = harness.calls.filter((c) => c.method === 'testConnection');
  expect(testCalls).toHaveLength(2);
  expect(testCalls[0]?.arg).toMatchObject({ url: harness.sim.url, authKind: 'basic', user: DEMO_ADMIN });
});

test('the form offers the five sign-in kinds in order, Windows account first; Windows sign-in asks for no password', async ({ page, harness }) => {
  await expect(page.getByLabel('EWS URL')).toHaveValue('https://');
  // Opening the form asks the service for nothing but the saved profiles.
  expect(harness.calls.map((c) => c.method)).toEqual(['listProfiles']);
  const kinds = page.getByRole('group', { name: 'Authentication' }).getByRole('radio');
  await expect(kinds).toHaveCount(5);
  const names = await kinds.evaluateAll((radios) => radios.map((radio) => radio.parentElement?.textContent?.trim()));
  expect(names).toEqual([
    'Windows account (NTLM / Negotiate)',
    'Use my Windows sign-in',
    'Basic',
    'OAuth access token',
    'Microsoft 365 sign-in (Exchange Online)',
  ]);
  await expect(page.getByRole('radio', { name: 'Windows account (NTLM / Negotiate)' })).toBeChecked();
  await expect(page.getByLabel('User name', { exact: true })).toHaveAttribute('placeholder', 'CONTOSO\\admin or admin@contoso.com');
  await expect(page.getByLabel('Domain (only for a bare user name)')).toBeVisible();

  await page.getByText('Advanced').click();
  const schemes = page.getByRole('group', { name: /Allowed sign-in schemes/ });
  await expect(schemes.getByRole('checkbox', { name: 'Negotiate' })).toBeChecked();
  await expect(schemes.getByRole('checkbox', { name: 'NTLM' })).toBeChecked();
  await expect(schemes.getByRole('checkbox', { name: 'Basic' })).not.toBeChecked();
  // At least one scheme stays on.
  await schemes.getByRole('checkbox', { name: 'Negotiate' }).uncheck();
  await expect(schemes.getByRole('checkbox', { name: 'NTLM' })).toBeDisabled();

  await page.getByRole('radio', { name: 'Use my Windows sign-in' }).check();
  await expect(page.getByLabel('User name', { exact: true })).toHaveCount(0);
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
  await expect(page.getByText('domain', { exact: false }).first()).toBeVisible();
  await page.getByLabel('EWS URL').fill('https://mail.contoso.com/EWS/Exchange.asmx');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  // The browser harness is not the desktop app: the service says so.
  await expect(page.getByRole('alert')).toContainText('Not available here');
});
