// Two projects: `browser` (the renderer in Chromium wired to the real service, runs everywhere)
// and `electron` (the packaged app through Playwright's _electron; skipped, saying why, where the
// Electron binary is not installed).
import { defineConfig } from '@playwright/test';
import { chromiumArgs, requireChromium } from './support/chromium';

const wantsBrowser = !process.argv.some((arg) => arg === '--project=electron');

export default defineConfig({
  testDir: '.',
  outputDir: './artifacts/test-output',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  // The JSON report feeds the closing "N passed, N failed" line that .ci/run prints.
  reporter: [['list'], ['html', { outputFolder: './artifacts/report', open: 'never' }], ['json', { outputFile: '../.tmp/playwright.json' }]],
  use: {
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testMatch: /browser\/.*\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        // Resolved here so a machine without Chromium fails at once with one line saying what to install.
        launchOptions: wantsBrowser ? { executablePath: requireChromium(), args: chromiumArgs } : {},
      },
    },
    {
      name: 'electron',
      testMatch: /electron\/.*\.spec\.ts$/,
    },
  ],
});
