// Over HTTPS with a self-signed certificate and Extended Protection required, NTLM only: the first
// connect shows the simulator's certificate with its fingerprint; trusting it connects.
import { DEMO_PASSWORD } from '../../electron/sim';
import { expect, test } from '../support/harness';

test.use({ simOptions: { bulkItems: 0, throttling: false, demoScale: 0.2, auth: ['ntlm'], tls: true, epa: 'required' } });

test('connects over TLS with EPA after trusting the certificate shown', async ({ page, harness }) => {
  await page.getByLabel('EWS URL').fill(harness.sim.url);
  await page.getByLabel('User name', { exact: true }).fill('CONTOSO\\admin');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const details = page.getByLabel('Server certificate');
  await expect(details).toContainText(harness.sim.certificateSha256 ?? 'no fingerprint');
  await expect(page.getByRole('tree', { name: 'Folders' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Trust this certificate for this server' }).click();
  await expect(page.getByRole('tree', { name: 'Folders' })).toBeVisible();
  await expect(page.getByText(/Signed in with NTLM/)).toBeVisible();
  const connects = harness.calls.filter((c) => c.method === 'connect');
  expect(connects.at(-1)?.arg).toMatchObject({ trustCertificate: harness.sim.certificateSha256 });
});
