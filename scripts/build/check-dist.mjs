#!/usr/bin/env node
// Run after a production `vite build` (`npm run build:check`): fails when dist/ carries test code,
// i.e. a file under an e2e/ folder, a file named after the e2e harness, or the e2e tests' window
// hook (the harness page and the hook are in `vite build --mode e2e` only, built into dist-e2e/: see
// vite.config.ts). It also fails when the page's first-load JavaScript (the entry script and every
// chunk it imports statically) holds RDKit, the molecule mode's chemistry library: RDKit must stay
// in chunks that only a dynamic import or its worker reaches, so the text page never grows by it,
// and its WebAssembly must be served from dist/rdkit/. Then prints the gzipped size of all
// JavaScript in dist/ and of the first load, so a change in what ships shows up in the log.
// Plain JavaScript: node alone runs it.
//
// Usage: node scripts/build/check-dist.mjs [DIR]   (default: dist/ at the repository root)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const FROM_CWD = relative(process.cwd(), DIST);
const SHOWN = FROM_CWD === '' ? '.' : FROM_CWD.startsWith('..') ? DIST : FROM_CWD;

/** Every file under `dir`, as paths relative to `dir` with '/' separators. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split(sep).join('/'))
    .sort();
}

/** Why `file` (relative to dist/) is test code, or undefined when it is not. */
function testCodeReason(file) {
  const parts = file.split('/');
  if (parts.slice(0, -1).includes('e2e')) return 'it lies under an e2e/ folder';
  if (/harness/i.test(parts[parts.length - 1] ?? '')) return 'it is named after the e2e harness';
  return undefined;
}

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`check-dist: ${SHOWN}/index.html is missing: run \`vite build\` first.`);
  process.exit(1);
}

const files = filesUnder(DIST);
const offenders = files
  .map((file) => [file, testCodeReason(file)])
  .filter(([, reason]) => reason !== undefined);
if (offenders.length > 0) {
  console.error(`check-dist: the production build in ${SHOWN}/ carries test code:`);
  for (const [file, reason] of offenders) console.error(`  - ${SHOWN}/${file} (${reason})`);
  console.error(
    '\nThe e2e harness belongs in the e2e build only (`vite build --mode e2e`, into dist-e2e/);' +
      ' check build.rolldownOptions.input in vite.config.ts.',
  );
  process.exit(1);
}

const js = files.filter((file) => file.endsWith('.js') || file.endsWith('.mjs'));
// The e2e tests' window handle (src/app/testHook.ts) belongs in the dev server and the e2e build.
const hooked = js.filter((file) => readFileSync(join(DIST, file), 'utf8').includes('__exlm'));
if (hooked.length > 0) {
  console.error(
    `check-dist: the production build in ${SHOWN}/ carries the e2e test hook (__exlm):`,
  );
  for (const file of hooked) console.error(`  - ${SHOWN}/${file}`);
  console.error(
    '\nInstall it only when import.meta.env.DEV or the e2e mode says so (src/app/testHook.ts).',
  );
  process.exit(1);
}

/** The module scripts and module preloads of index.html, as paths under dist/. */
function entryScripts(html) {
  const out = [];
  for (const tag of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const attr = (name) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag[0])?.[1];
    const url =
      tag[1] === 'script'
        ? attr('src')
        : attr('rel') === 'modulepreload'
          ? attr('href')
          : undefined;
    if (url !== undefined && !/^[a-z]+:/i.test(url)) out.push(url.replace(/^\.?\//, ''));
  }
  return out;
}

/** The chunks `file` imports statically: the import statements a chunk opens with (a dynamic
 *  `import()` or a worker's `new URL(...)` is not one of them). */
function staticImports(file) {
  const code = readFileSync(join(DIST, file), 'utf8');
  const out = [];
  const statement = /\s*(?:import|export)\s*(?:[\w*${}\s,]*?\s*from\s*)?["']([^"']+)["'];?/y;
  let match;
  while ((match = statement.exec(code)) !== null) {
    if (match[1].startsWith('.')) out.push(join(file, '..', match[1]).split(sep).join('/'));
  }
  return out;
}

/** Every chunk the page loads before it runs: the entry scripts and their static imports. */
function firstLoad(html) {
  const seen = new Set();
  const queue = entryScripts(html);
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file) || !existsSync(join(DIST, file))) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return [...seen].sort();
}

// RDKit's glue names its WebAssembly as a bare string, the one mark a minifier leaves in it (the
// page names the file only as a URL, /rdkit/RDKit_minimal.wasm).
const RDKIT_MARK = 'RDKit_minimal.wasm';
const RDKIT_GLUE = /["'`]RDKit_minimal\.wasm["'`]/;
const rdkitChunks = js.filter((file) => RDKIT_GLUE.test(readFileSync(join(DIST, file), 'utf8')));
const first = firstLoad(readFileSync(join(DIST, 'index.html'), 'utf8'));
const eager = rdkitChunks.filter((file) => first.includes(file));
if (eager.length > 0) {
  console.error(`check-dist: the page's first-load JavaScript in ${SHOWN}/ holds RDKit:`);
  for (const file of eager) console.error(`  - ${SHOWN}/${file}`);
  console.error(
    '\nRDKit must load only in molecule mode: reach it through the RDKit worker or a dynamic' +
      ' import() (src/views/molecule/rdkitLoader.ts), never a static import from the page.',
  );
  process.exit(1);
}
if (rdkitChunks.length > 0 && !existsSync(join(DIST, 'rdkit', RDKIT_MARK))) {
  console.error(
    `check-dist: ${SHOWN}/rdkit/${RDKIT_MARK} is missing, which RDKit's loader fetches from our own` +
      ' origin: check the rdkit entry of STATIC_DIRS in vite.config.ts.',
  );
  process.exit(1);
}

const gzipSize = (files) =>
  files.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file))).length, 0);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const gzipped = gzipSize(js);
const firstGzipped = gzipSize(first.filter((file) => file.endsWith('.js')));
console.log(
  `check-dist: ${SHOWN}/ holds no test code; ${js.length} JavaScript files, ` +
    `${kib(gzipped)} gzipped (${gzipped} bytes); first load ${first.length} files, ` +
    `${kib(firstGzipped)} gzipped (${firstGzipped} bytes); RDKit on demand only ` +
    `(${rdkitChunks.length === 0 ? 'no RDKit chunk' : rdkitChunks.join(', ')})`,
);
