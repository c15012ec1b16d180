import { defineConfig } from 'vitest/config';

// Unit tests run in Node: src/model is DOM-free, so no browser environment is needed here.
// Browser behaviour (WebGPU) is covered by the Playwright tests in e2e/.
export default defineConfig({
  test: {
    environment: 'node',
    // scripts/: tests of the build set-up (build/), of the bench helpers (bench/) and the repository
    // checks (checks/), also DOM-free.
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // tfjs kernels on 2 shared CPU cores are slow to warm up; give model tests room.
    testTimeout: 60_000,
  },
});
