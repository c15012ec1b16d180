// The production build holds the page only; the e2e harness page is an input of the e2e build alone,
// which writes elsewhere (vite.config.ts). Resolved through Vite itself, the way `vite build` and
// `vite build --mode e2e` load the config file.
import { resolve } from 'node:path';
import { type ResolvedConfig, resolveConfig } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

async function buildConfig(mode: string): Promise<ResolvedConfig> {
  return resolveConfig(
    { root: ROOT, configFile: resolve(ROOT, 'vite.config.ts'), mode, logLevel: 'silent' },
    'build',
  );
}

function inputs(config: ResolvedConfig): Record<string, string> {
  const input = config.build.rolldownOptions.input;
  expect(input, 'build.rolldownOptions.input is a name -> file record').toBeTypeOf('object');
  return input as Record<string, string>;
}

describe('vite.config.ts', () => {
  it('builds only index.html into dist/ in production mode', async () => {
    const config = await buildConfig('production');
    expect(config.mode).toBe('production');
    expect(inputs(config)).toEqual({ main: resolve(ROOT, 'index.html') });
    expect(resolve(config.root, config.build.outDir)).toBe(resolve(ROOT, 'dist'));
  });

  it('adds the e2e pages in e2e mode (the harness and the WebGPU kernel check), built into dist-e2e/', async () => {
    const config = await buildConfig('e2e');
    expect(inputs(config)).toEqual({
      main: resolve(ROOT, 'index.html'),
      harness: resolve(ROOT, 'e2e/harness/index.html'),
      webgpuKernels: resolve(ROOT, 'e2e/webgpu-kernels/index.html'),
    });
    expect(resolve(config.root, config.build.outDir)).toBe(resolve(ROOT, 'dist-e2e'));
  });

  it('never lets a production input come from e2e/', async () => {
    const config = await buildConfig('production');
    for (const file of Object.values(inputs(config))) {
      expect(file.startsWith(resolve(ROOT, 'e2e'))).toBe(false);
    }
  });
});
