// scripts/build/check-dist.mjs on small made-up builds: it passes RDKit reached only through a
// worker or a dynamic import, fails RDKit anywhere in the page's first load (the entry script, a
// chunk it imports statically, a module preload), and fails RDKit's glue without its WebAssembly.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, 'check-dist.mjs');
const temps: string[] = [];

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** RDKit's glue as a minifier leaves it: the bare name of its WebAssembly. */
const GLUE = 'function ce(){return c(`RDKit_minimal.wasm`)}';

/** A build with these files (path -> contents), an index.html that loads `entry`, and any extra
 *  head markup. */
function build(files: Record<string, string>, head = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'exlm-check-dist-'));
  temps.push(dir);
  const all: Record<string, string> = {
    'index.html': `<html><head><script type="module" crossorigin src="/assets/main-1.js"></script>${head}</head></html>`,
    'rdkit/RDKit_minimal.wasm': 'wasm',
    ...files,
  };
  for (const [path, contents] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}

function check(dir: string) {
  const run = spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

describe('check-dist.mjs', () => {
  it('passes RDKit in a worker and names the URL of its WebAssembly in the entry', () => {
    const dir = build({
      'assets/main-1.js':
        'import{a as b}from"./shared-1.js";const u=`/rdkit/RDKit_minimal.wasm`;' +
        'new Worker(new URL(`rdkit.worker-1.js`,import.meta.url));import(`./view-1.js`);',
      'assets/shared-1.js': 'export const a=1;',
      'assets/view-1.js': 'import"./shared-1.js";export const v=2;',
      'assets/rdkit.worker-1.js': GLUE,
    });
    const result = check(dir);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    expect(result.out).toMatch(
      /first load 2 files, .* RDKit on demand only \(assets\/rdkit\.worker-1\.js\)/,
    );
  });

  it('fails RDKit in a chunk the entry imports statically', () => {
    const dir = build({
      'assets/main-1.js': 'import{r}from"./chem-1.js";import"./shared-1.js";r();',
      'assets/shared-1.js': 'export const a=1;',
      'assets/chem-1.js': `export ${GLUE}`,
    });
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.err).toContain('first-load JavaScript');
    expect(result.err).toContain('assets/chem-1.js');
  });

  it('fails RDKit in a module the page preloads', () => {
    const dir = build(
      { 'assets/main-1.js': 'export const m=1;', 'assets/chem-1.js': GLUE },
      '<link rel="modulepreload" crossorigin href="/assets/chem-1.js">',
    );
    expect(check(dir).status).toBe(1);
  });

  it('fails RDKit without its WebAssembly under rdkit/', () => {
    const dir = build({ 'assets/main-1.js': 'export const m=1;', 'assets/w-1.js': GLUE });
    rmSync(join(dir, 'rdkit'), { recursive: true });
    const result = check(dir);
    expect(result.status).toBe(1);
    expect(result.err).toContain('rdkit/RDKit_minimal.wasm is missing');
  });
});
