// Vite config for the playground. Kept small on purpose: other files may add to it, so each block
// says why it is there.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { modelCatalog } from './scripts/vite-plugin-model-catalog.ts';
import { staticDirs } from './scripts/vite-plugin-static-dirs.ts';

const ROOT = import.meta.dirname;

// Cross-origin isolation: tfjs-backend-wasm only uses threads (SharedArrayBuffer) when the page is
// cross-origin isolated; without these headers it silently falls back to single-threaded SIMD.
// Sent by the dev server and by `vite preview`; a static host must send them too (see README).
const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Served from our own origin under fixed URLs, in dev and in the build (scripts/vite-plugin-static-dirs.ts):
// - /models/<name>/...: the model folders (config.json, tokenizer.json, weights.json, shards, card);
// - /wasm/...: tfjs-backend-wasm's binaries; src/runtime/tfBackend.ts calls `setWasmPaths('/wasm/')`
//   so tfjs never reaches for a CDN.
const STATIC_DIRS = [
  { urlPrefix: 'models', dir: resolve(ROOT, 'models') },
  {
    urlPrefix: 'wasm',
    dir: resolve(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist'),
    include: (file: string) => file.endsWith('.wasm'),
  },
];

// What `vite build` bundles, per mode. Production (`vite build`, `npm run build`) builds the page
// alone into dist/, so no test code ships. The e2e mode (`vite build --mode e2e`, run by
// `npm run test:e2e`) adds the bare harness page of the golden WebGPU test, which loads a model
// folder with src/model, and writes to dist-e2e/ so it never mixes with a production build.
// scripts/check-dist.mjs checks dist/ after `npm run build:check`.
export const E2E_MODE = 'e2e';

export function buildInputs(mode: string): Record<string, string> {
  const inputs: Record<string, string> = { main: resolve(ROOT, 'index.html') };
  if (mode === E2E_MODE) inputs.harness = resolve(ROOT, 'e2e/harness/index.html');
  return inputs;
}

export function buildOutDir(mode: string): string {
  return mode === E2E_MODE ? 'dist-e2e' : 'dist';
}

export default defineConfig(({ mode }) => ({
  // The catalog first: its /models/index.json is not a file under models/.
  plugins: [react(), modelCatalog(resolve(ROOT, 'models')), staticDirs(STATIC_DIRS)],
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    headers: CROSS_ORIGIN_ISOLATION,
  },
  preview: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    headers: CROSS_ORIGIN_ISOLATION,
  },
  // The model worker imports tfjs as ES modules.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: buildOutDir(mode),
    // tfjs alone is a few MB of JavaScript; the warning at 500 kB would fire on every build.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { input: buildInputs(mode) },
  },
}));
