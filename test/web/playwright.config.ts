// `npm run test:web`: the built client in Debian's Chromium (never a downloaded browser) against the real built API and
// worker, a fresh database, a fresh Redis prefix and an SMTP sink (global-setup.ts). Not part of `npm test` (jest).
import { defineConfig, devices } from '@playwright/test';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: '.',
  testMatch: '*.pw.ts',
  globalSetup: './global-setup.ts',
  // One API and worker for the run, on a 2-core machine: one browser at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? 'line' : 'list',
  outputDir: '../../test-results/web',
  use: { browserName: 'chromium', launchOptions: chromium, locale: 'it-IT', trace: 'retain-on-failure' },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 860 } } },
    // A phone-sized screen for the public pages and the juror's scoring form (Chromium with a Pixel-like viewport, touch and a mobile user agent).
    { name: 'phone', testMatch: ['public.pw.ts', 'juror.pw.ts'], use: { ...devices['Pixel 7'], browserName: 'chromium', launchOptions: chromium } },
  ],
});
