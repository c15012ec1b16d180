#!/usr/bin/env node
// Run after a production `vite build` (`npm run build:check`): fails when dist/ carries test code,
// i.e. a file under an e2e/ folder, a file named after the e2e harness, or the e2e tests' window
// hook (the harness page and the hook are in `vite build --mode e2e` only, built into dist-e2e/: see
// vite.config.ts). Then prints the gzipped size of all JavaScript in dist/ as one line, so a change
// in what ships shows up in the log.
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

const gzipped = js.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file))).length, 0);
console.log(
  `check-dist: ${SHOWN}/ holds no test code; ${js.length} JavaScript files, ` +
    `${(gzipped / 1024).toFixed(1)} KiB gzipped (${gzipped} bytes)`,
);
