// Autodiscover from the connect screen: the admin types an e-mail address and "Find server"
// lists the places tried and fills the EWS URL; connecting to that URL then works. The simulator
// serves HTTPS with NTLM only (Basic off, as on-premises), and the harness makes contoso.com and
// autodiscover.contoso.com reach it (the service's test-only connectVia), so the URL found names
// contoso.com exactly as Exchange would. Autodiscover trusts the simulator's certificate as an
// internal CA; the connect has no such help, so the admin pins it as in tls-pin.spec.ts.
import { DEMO_ADMIN, DEMO_PASSWORD } from '../../electron/sim';
import { expect, screenshot, test } from '../support/harness';

const HOST_NAMES = ['contoso.com', 'autodiscover.contoso.com'];

test.use({
  simOptions: { bulkItems: 0, throttling: false, demoScale: 0.2, auth: ['ntlm'], tls: true, tlsHostnames: HOST_NAMES },
  simHostNames: HOST_NAMES,
});

test('Find server fills the EWS URL from the e-mail address, and connecting to it works', async ({ page, harness }) => {
  await page.getByLabel('User name', { exact: true }).fill('CONTOSO\\admin');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('E-mail address').fill(DEMO_ADMIN);
  await page.getByRole('button', { name: 'Find server' }).click();

  const found = page.getByRole('region', { name: 'Autodiscover' });
  await expect(found).toContainText('Found https://contoso.com/EWS/Exchange.asmx');
  const steps = found.getByRole('list', { name: 'Autodiscover steps' }).getByRole('listitem');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toContainText('SCP lookup (Active Directory)');
  await expect(steps.nth(0)).toContainText('Skipped');
  await expect(steps.nth(1)).toContainText('POX https://contoso.com/autodiscover/autodiscover.xml');
  await expect(steps.nth(1)).toContainText('OK');
  await expect(steps.nth(1)).toContainText('EWS URL https://contoso.com/EWS/Exchange.asmx');
  await expect(page.getByLabel('EWS URL')).toHaveValue('https://contoso.com/EWS/Exchange.asmx');
  await screenshot(page, 'autodiscover-found');

  // The credentials went over IPC once, for the lookup; the password never shows in the steps.
  const lookups = harness.calls.filter((c) => c.method === 'autodiscover');
  expect(lookups).toHaveLength(1);
  expect(lookups[0]?.arg).toMatchObject({ email: DEMO_ADMIN, authKind: 'password', user: 'CONTOSO\\admin' });
  await expect(found).not.toContainText(DEMO_PASSWORD);

  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByLabel('Server certificate')).toContainText(harness.sim.certificateSha256 ?? 'no fingerprint');
  await page.getByRole('button', { name: 'Trust this certificate for this server' }).click();
  await expect(page.getByRole('tree', { name: 'Folders' })).toBeVisible();
  await expect(page.getByText(/Signed in with NTLM/)).toBeVisible();
  const connects = harness.calls.filter((c) => c.method === 'connect');
  expect(connects.at(-1)?.arg).toMatchObject({ url: 'https://contoso.com/EWS/Exchange.asmx', trustCertificate: harness.sim.certificateSha256 });
});

test('an address Exchange does not know says so, and leaves the EWS URL alone', async ({ page, harness }) => {
  await page.getByLabel('User name', { exact: true }).fill('CONTOSO\\admin');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  const before = await page.getByLabel('EWS URL').inputValue();
  await page.getByLabel('E-mail address').fill('ghost@contoso.com');
  await page.getByRole('button', { name: 'Find server' }).click();
  const result = page.getByRole('region', { name: 'Autodiscover' });
  await expect(result).toContainText('Autodiscover did not find the server');
  await expect(result.getByRole('alert')).toContainText('Exchange does not know ghost@contoso.com (Autodiscover error 500');
  await expect(page.getByLabel('EWS URL')).toHaveValue(before);
  expect(harness.calls.filter((c) => c.method === 'connect')).toEqual([]);
});
