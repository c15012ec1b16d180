// The Content-Security-Policy and the offline service worker in the build set-up: the policy's
// two forms (scripts/build/csp.ts), the precache list (scripts/build/vite-plugin-precache.ts), the
// headers `vite preview` sends, and a real production build: sw.js, its precache list naming only
// files the build wrote, and the policy in index.html.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, resolveConfig } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

import {
  CSP_DIRECTIVES,
  CSP_HEADER,
  CSP_META,
  RDKIT_WORKER_CSP_HEADER,
  RDKIT_WORKER_DIRECTIVES,
  applyRdkitWorkerPolicy,
} from './csp';
import { PRECACHE_FILE, type PrecacheManifest, precacheManifest } from './vite-plugin-precache';

const ROOT = resolve(import.meta.dirname, '../..');
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'exlm-offline-'));
  temps.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('the Content-Security-Policy', () => {
  it('allows only the own origin, WebAssembly compilation and the data: favicon', () => {
    const sources = new Set(Object.values(CSP_DIRECTIVES).flat());
    expect([...sources].sort()).toEqual(["'none'", "'self'", "'wasm-unsafe-eval'", 'data:']);
    expect(CSP_DIRECTIVES['default-src']).toEqual(["'none'"]);
    expect(CSP_HEADER).not.toMatch(/unsafe-inline|'unsafe-eval'|\*|https?:/);
  });

  it('leaves out of the <meta> what only a header can carry', () => {
    expect(CSP_HEADER).toContain("frame-ancestors 'none'");
    expect(CSP_META).not.toContain('frame-ancestors');
    expect(CSP_HEADER.startsWith(CSP_META)).toBe(true);
  });

  it('is sent by `vite preview` with the isolation headers, not by the dev server', async () => {
    const config = await resolveConfig(
      { root: ROOT, configFile: resolve(ROOT, 'vite.config.ts'), logLevel: 'silent' },
      'serve',
    );
    expect(config.preview.headers).toMatchObject({
      'Content-Security-Policy': CSP_HEADER,
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    expect(config.server.headers).not.toHaveProperty('Content-Security-Policy');
  });
});

describe("the RDKit worker's policy", () => {
  it("adds only 'unsafe-eval' to the page's script sources, and allows nothing else", () => {
    expect(RDKIT_WORKER_DIRECTIVES['script-src']).toEqual([
      ...(CSP_DIRECTIVES['script-src'] ?? []),
      "'unsafe-eval'",
    ]);
    expect(Object.keys(RDKIT_WORKER_DIRECTIVES).sort()).toEqual([
      'connect-src',
      'default-src',
      'script-src',
    ]);
    expect(RDKIT_WORKER_CSP_HEADER).toBe(
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'; connect-src 'self'",
    );
    expect(CSP_HEADER).not.toContain("'unsafe-eval'");
  });

  it("replaces the page's policy on the worker's script only", () => {
    const sent = (path: string) => {
      const headers = new Map<string, unknown>();
      const res = { setHeader: (name: string, value: unknown) => headers.set(name, value) };
      const applied = applyRdkitWorkerPolicy(path, res);
      res.setHeader('Content-Security-Policy', CSP_HEADER);
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
      return { applied, headers };
    };
    const worker = sent('/assets/rdkit.worker-BHUhf0Rl.js');
    expect(worker.applied).toBe(true);
    expect(worker.headers.get('Content-Security-Policy')).toBe(RDKIT_WORKER_CSP_HEADER);
    expect(worker.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    for (const path of [
      '/',
      '/assets/main-1.js',
      '/assets/model.worker-1.js',
      '/x/rdkit.worker-1.js',
    ]) {
      const other = sent(path);
      expect(other.applied, path).toBe(false);
      expect(other.headers.get('Content-Security-Policy'), path).toBe(CSP_HEADER);
    }
  });
});

describe('the precache list', () => {
  const wasmDir = tempDir();
  mkdirSync(join(wasmDir, 'sub'));
  writeFileSync(join(wasmDir, 'a.wasm'), 'a');
  writeFileSync(join(wasmDir, 'b.txt'), 'b');
  const options = {
    staticDirs: [{ urlPrefix: 'wasm', dir: wasmDir, include: (f: string) => f.endsWith('.wasm') }],
    extraUrls: ['models/index.json'],
  };
  const bundle = (main: string) =>
    new Map<string, string | Uint8Array>([
      ['index.html', '<html>'],
      ['assets/main-1.js', main],
      ['assets/main-1.js.map', '{}'],
      [PRECACHE_FILE, 'old'],
    ]);

  it('names the page by its scope, every built file and the static files', () => {
    const manifest: PrecacheManifest = precacheManifest(bundle('x'), options);
    expect(manifest.urls).toEqual(['assets/main-1.js', '', 'wasm/a.wasm', 'models/index.json']);
  });

  it('changes its version when a file does, and only then', () => {
    const a = precacheManifest(bundle('x'), options).version;
    expect(precacheManifest(bundle('x'), options).version).toBe(a);
    expect(precacheManifest(bundle('y'), options).version).not.toBe(a);
  });
});

describe('the production build', () => {
  it('ships sw.js, a precache list of files it wrote, and the policy in index.html', async () => {
    const outDir = tempDir();
    await build({
      root: ROOT,
      configFile: resolve(ROOT, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    expect(existsSync(join(outDir, 'sw.js'))).toBe(true);
    const list = readFileSync(join(outDir, PRECACHE_FILE), 'utf8');
    const json = list.slice(list.indexOf('{'), list.lastIndexOf('}') + 1);
    const manifest = JSON.parse(json) as PrecacheManifest;
    expect(manifest.urls).toContain('');
    expect(manifest.urls.some((url) => /^assets\/model\.worker-.*\.js$/.test(url))).toBe(true);
    expect(manifest.urls.some((url) => /^wasm\/.*\.wasm$/.test(url))).toBe(true);
    // The mask-ratio experiment's sentences come from public/, outside the bundle.
    expect(manifest.urls).toContain('experiment/test-sentences.json');
    for (const url of manifest.urls) {
      expect(existsSync(join(outDir, url === '' ? 'index.html' : url)), url).toBe(true);
    }
    // RDKit's WebAssembly is served from our origin but not precached (public/sw.js keeps it once
    // molecule mode has used it); its worker is a hashed chunk, precached like every other.
    expect(existsSync(join(outDir, 'rdkit/RDKit_minimal.wasm'))).toBe(true);
    expect(manifest.urls.filter((url) => url.startsWith('rdkit/'))).toEqual([]);
    expect(manifest.urls.some((url) => /^assets\/rdkit\.worker-[\w-]+\.js$/.test(url))).toBe(true);
    const html = readFileSync(join(outDir, 'index.html'), 'utf8').replaceAll('&#39;', "'");
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP_META}">`);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  }, 120_000);
});
