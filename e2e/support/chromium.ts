// Finds a Chromium to drive: Debian's or Ubuntu's system package first, then Playwright's own
// download where one was installed. `playwright install` does not work on these machines.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const systemCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

export const chromiumArgs = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const system = systemCandidates.find((path) => existsSync(path));
  if (system) return system;
  try {
    const bundled = chromium.executablePath();
    return existsSync(bundled) ? bundled : undefined;
  } catch {
    return undefined;
  }
}

export function requireChromium(): string {
  const path = findChromium();
  if (!path) {
    throw new Error(
      'No Chromium found: install it with `apt-get install -y chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH',
    );
  }
  return path;
}
