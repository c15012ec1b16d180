// Vite config for the playground. Kept small on purpose: other files may add to it, so each block
// says why it is there.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { CSP_HEADER, cspMeta, rdkitWorkerPolicy } from './scripts/build/csp.ts';
import { modelCatalog } from './scripts/build/vite-plugin-model-catalog.ts';
import { precache } from './scripts/build/vite-plugin-precache.ts';
import { staticDirs } from './scripts/build/vite-plugin-static-dirs.ts';

const ROOT = import.meta.dirname;

// Cross-origin isolation, as hardening: COOP same-origin cuts the page off from windows of other
// sites (no shared browsing context group, no opener), COEP require-corp refuses any cross-origin
// subresource that does not opt in (a second fence behind the CSP). Nothing in the page needs it
// to run: the WASM backend is single-threaded (src/runtime/worker/tfBackend.ts says why), so no
// SharedArrayBuffer is used. Sent by the dev server and by `vite preview`; a static host should
// send them too (see README).
const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The Content-Security-Policy (scripts/build/csp.ts: only the page's own origin, plus WebAssembly
// compilation). `vite preview` sends it as a header, which also covers the model worker and the
// service worker; the build writes it into the HTML as a <meta> for static hosts (cspMeta). Not
// sent by the dev server: Vite's dev client and React refresh run inline scripts.
const PREVIEW_HEADERS = { ...CROSS_ORIGIN_ISOLATION, 'Content-Security-Policy': CSP_HEADER };

// Served from our own origin under fixed URLs, in dev and in the build
// (scripts/build/vite-plugin-static-dirs.ts):
// - /models/<name>/...: the model folders (config.json, tokenizer.json, weights.json, shards, card);
// - /wasm/...: tfjs-backend-wasm's binaries; src/runtime/worker/tfBackend.ts calls `setWasmPaths('/wasm/')`
//   so tfjs never reaches for a CDN.
// - /rdkit/RDKit_minimal.wasm: RDKit's MinimalLib, the molecule mode's chemistry
//   (src/views/molecule/rdkitLoader.ts). Not precached (7.4 MB that the text page never needs): the
//   service worker keeps it once molecule mode has loaded it (public/sw.js).
const STATIC_DIRS = [
  { urlPrefix: 'models', dir: resolve(ROOT, 'models') },
  {
    urlPrefix: 'wasm',
    dir: resolve(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist'),
    include: (file: string) => file.endsWith('.wasm'),
  },
  {
    urlPrefix: 'rdkit',
    dir: resolve(ROOT, 'node_modules/@rdkit/rdkit/dist'),
    include: (file: string) => file.endsWith('.wasm'),
  },
];

// What `vite build` bundles, per mode. Production (`vite build`, `npm run build`) builds the page
// alone into dist/, so no test code ships. The e2e mode (`vite build --mode e2e`, run by
// `npm run test:e2e`) adds the bare harness page of the golden WebGPU test, which loads a model
// folder with src/model, and the WebGPU kernel check's page (e2e/webgpu-kernels/), and writes to
// dist-e2e/ so it never mixes with a production build.
// scripts/build/check-dist.mjs checks dist/ after `npm run build:check`.
export const E2E_MODE = 'e2e';

export function buildInputs(mode: string): Record<string, string> {
  const inputs: Record<string, string> = { main: resolve(ROOT, 'index.html') };
  if (mode === E2E_MODE) inputs.harness = resolve(ROOT, 'e2e/harness/index.html');
  if (mode === E2E_MODE) inputs.webgpuKernels = resolve(ROOT, 'e2e/webgpu-kernels/index.html');
  return inputs;
}

export function buildOutDir(mode: string): string {
  return mode === E2E_MODE ? 'dist-e2e' : 'dist';
}

export default defineConfig(({ mode }) => ({
  // The catalog first: its /models/index.json is not a file under models/.
  // cspMeta and precache act on the build only: the policy in the HTML, and the list of files the
  // offline service worker (public/sw.js) caches on install.
  plugins: [
    react(),
    modelCatalog(resolve(ROOT, 'models')),
    staticDirs(STATIC_DIRS),
    cspMeta(),
    // `vite preview` sends the RDKit worker's script with its own policy (csp.ts says why).
    rdkitWorkerPolicy(),
    precache({
      staticDirs: [
        ...STATIC_DIRS.filter((entry) => entry.urlPrefix === 'wasm'),
        // public/ is copied as-is, outside the bundle: the experiment's sentences must be listed.
        { urlPrefix: 'experiment', dir: resolve(ROOT, 'public/experiment') },
      ],
      extraUrls: ['models/index.json'],
    }),
  ],
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
    headers: PREVIEW_HEADERS,
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
