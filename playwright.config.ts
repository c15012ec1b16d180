// Playwright: the system Chromium (Debian package `chromium`; never `npx playwright install`), with
// WebGPU on SwiftShader so the WebGPU backend runs headless on a machine without a GPU (docs/design.md,
// "Testing"). The pages come from `vite preview` of the e2e build (dist-e2e/: the page plus the test
// harness page, vite.config.ts) on 127.0.0.1, a secure context, so `navigator.gpu` exists.
// `npm run test:e2e` builds it first (`vite build --mode e2e`), so the preview serves the current code.
import { defineConfig } from '@playwright/test';

import { CHROMIUM_PATH, WEBGPU_CHROMIUM_ARGS } from './scripts/chromium';

const CI = process.env.CI !== undefined && process.env.CI !== '';
// Not 5173: a developer's `npm run dev` may hold that port while the tests run. E2E_PORT lets two
// test runs share a machine.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // The machine has 2 cores and SwiftShader uses them all: one browser at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 2 : 0,
  // SwiftShader compiles every WebGPU shader on the CPU; a first analysis takes seconds.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: WEBGPU_CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: CI ? 'on-first-retry' : 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --outDir dist-e2e --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/e2e/harness/index.html`,
    // Never reuse a server that is already there: it may serve another checkout's build, and the
    // tests would pass or fail on code that is not this one. A busy port fails with a clear message.
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
