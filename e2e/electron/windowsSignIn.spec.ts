// "Use my Windows sign-in" through the real Electron app: the request goes through Chromium's
// network stack (net.request on the sign-in session), which answers the server's Negotiate/NTLM
// challenge with the logged-on user's own credentials. Runs only where the Electron binary is
// installed. Without Windows credentials (Linux, macOS, a machine outside a domain) Chromium asks
// for a user name and password, which the app refuses to give: the connect must then fail as a
// refused sign-in that names Windows sign-in, with no folder tree.
// On a domain-joined Windows PC, SWEEPER_SSO_EWS_URL (an EWS URL that accepts the logged-on user)
// turns on the positive test.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { startSimulator, type RunningSimulator } from '../../electron/sim';

const root = join(__dirname, '..', '..');
const electronPackage = join(root, 'node_modules', 'electron');

function electronBinary(): { path?: string; why: string } {
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return { why: `${pathFile} is missing (the binary download did not happen or failed)` };
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary, why: '' } : { why: `${binary} does not exist` };
}

const { path: binary, why } = electronBinary();
const ssoUrl = process.env['SWEEPER_SSO_EWS_URL'];

test.describe('Windows sign-in in the Electron app', () => {
  test.skip(!binary, `Electron binary not installed here: ${why}`);

  let sim: RunningSimulator | undefined;
  test.beforeAll(async () => {
    execSync('npx electron-vite build', { cwd: root, stdio: 'inherit' });
    // Basic off, as on-premises servers run: only Negotiate and NTLM are offered.
    sim = await startSimulator({ seed: 'empty', throttling: false, auth: ['negotiate', 'ntlm'] });
  });
  test.afterAll(async () => {
    await sim?.close();
  });

  test('without Windows credentials the challenge is not answered with a password, and the error says so', async () => {
    const app = await electron.launch({ executablePath: binary, args: ['--no-sandbox', root], cwd: root });
    try {
      const window = await app.firstWindow();
      await window.getByLabel('EWS URL').fill(sim?.url ?? '');
      await window.getByRole('radio', { name: 'Use my Windows sign-in' }).check();
      await window.getByRole('button', { name: 'Connect', exact: true }).click();
      const alert = window.getByRole('alert');
      await expect(alert).toContainText('Sign-in refused', { timeout: 30_000 });
      await expect(alert).toContainText('did not accept your Windows sign-in');
      await expect(window.getByRole('tree', { name: 'Folders' })).toHaveCount(0);
    } finally {
      await app.close();
    }
  });

  test('on a domain-joined PC, signs in as the logged-on user (SWEEPER_SSO_EWS_URL)', async () => {
    test.skip(!ssoUrl, "SWEEPER_SSO_EWS_URL is not set: no Exchange server that accepts this machine's Windows sign-in");
    const app = await electron.launch({ executablePath: binary, args: [root], cwd: root });
    try {
      const window = await app.firstWindow();
      await window.getByLabel('EWS URL').fill(ssoUrl ?? '');
      await window.getByRole('radio', { name: 'Use my Windows sign-in' }).check();
      await window.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(window.getByRole('tree', { name: 'Folders' })).toBeVisible({ timeout: 60_000 });
    } finally {
      await app.close();
    }
  });
});
