// Vite config for the playground. Kept small on purpose: other files may add to it, so each block
// says why it is there.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
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

export default defineConfig({
  plugins: [react(), staticDirs(STATIC_DIRS)],
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
    // tfjs alone is a few MB of JavaScript; the warning at 500 kB would fire on every build.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      input: {
        main: resolve(ROOT, 'index.html'),
        // A bare page for the e2e golden test: loads a model folder with src/model on WebGPU.
        harness: resolve(ROOT, 'e2e/harness/index.html'),
      },
    },
  },
});
