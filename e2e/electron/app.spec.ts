// The packaged app end to end through Playwright's _electron: open the demo mailbox, soft-delete a
// few items and recover them. Runs only where the Electron binary is installed (its download
// fails on some machines); elsewhere it is skipped and says why.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, test } from '@playwright/test';
import { demoDeleteAndRecover } from '../support/demoFlow';

const root = join(__dirname, '..', '..');
const electronPackage = join(root, 'node_modules', 'electron');

/** Where node_modules/electron says its binary is (path.txt), when that binary exists. */
function electronBinary(): { path?: string; why: string } {
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return { why: `${pathFile} is missing (the binary download did not happen or failed)` };
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary, why: '' } : { why: `${binary} does not exist` };
}

const { path: binary, why } = electronBinary();

test.describe('Electron app', () => {
  test.skip(!binary, `Electron binary not installed here: ${why}`);

  // Always built here: `npm test` builds only the renderer, so out/main and out/preload could be stale.
  test.beforeAll(() => {
    execSync('npx electron-vite build', { cwd: root, stdio: 'inherit' });
  });

  test('opens the demo mailbox, soft-deletes three items and recovers one', async () => {
    const app = await electron.launch({ executablePath: binary, args: ['--no-sandbox', root], cwd: root });
    try {
      await demoDeleteAndRecover(await app.firstWindow());
    } finally {
      await app.close();
    }
  });
});
