#!/usr/bin/env node
// First step of `npm test`: checks the system packages the tests need, and when one is missing says
// to run `npm run setup` (scripts/build/setup.sh), instead of letting a later step fail obscurely.
// The package list is scripts/build/apt-packages.txt, the same file setup.sh installs from.
// Plain JavaScript on purpose: it must run before anything else works.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// APT_PACKAGES_FILE: another list (relative to the repository root), as for scripts/build/setup.sh.
const PACKAGES_FILE = resolve(
  import.meta.dirname,
  '../..',
  process.env.APT_PACKAGES_FILE ?? 'scripts/build/apt-packages.txt',
);
/** One package per line, '#' starts a comment: the format scripts/build/setup.sh reads. */
const APT_PACKAGES = readFileSync(PACKAGES_FILE, 'utf8')
  .split('\n')
  .flatMap((line) => line.replace(/#.*/, '').trim().split(/\s+/))
  .filter((name) => name !== '');
const CHROMIUM = '/usr/bin/chromium';
// The project's Python is Debian's (python3-torch); a `python3` earlier on PATH (pyenv) lacks torch.
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

/** Each check returns undefined when fine, or what is wrong. */
const checks = [
  () => (existsSync(CHROMIUM) ? undefined : `${CHROMIUM} not found (Debian package chromium)`),
  () => {
    const run = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
    if (run.error) return `${PYTHON} cannot be run (${run.error.message})`;
    if (run.status === 0) return undefined;
    const lastLine = run.stderr.trim().split('\n').pop() ?? '';
    return `${PYTHON} cannot import torch and numpy (${lastLine})`;
  },
  () => {
    // Without OpenBLAS, torch's matrix products fall back to the reference BLAS, ~30x slower
    // (measured on the 2-core development machine), which makes the Python tests crawl.
    const run = spawnSync('ldconfig', ['-p'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` },
    });
    const listed = run.status === 0 && /libopenblas\.so/.test(run.stdout);
    const found = listed || existsSync('/usr/lib/x86_64-linux-gnu/libopenblas.so.0');
    return found ? undefined : 'OpenBLAS not found (Debian package libopenblas0-pthread)';
  },
];

// On Debian, also every package of the list, so that this check and `npm run setup` agree. Skipped
// when PYTHON points at another interpreter: then the python3-* packages are not required.
if (process.env.PYTHON === undefined) {
  checks.push(() => {
    const missing = APT_PACKAGES.filter((name) => {
      const run = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
      // No dpkg-query: not a Debian system; the checks above are all there is.
      if (run.error) return false;
      return run.stdout !== 'install ok installed';
    });
    return missing.length === 0 ? undefined : `Debian packages not installed: ${missing.join(' ')}`;
  });
}

const problems = checks.map((check) => check()).filter((problem) => problem !== undefined);
if (problems.length > 0) {
  console.error('The tests need system packages that this machine lacks:');
  for (const problem of problems) console.error(`  - ${problem}`);
  console.error('\nInstall them (as root or with sudo) and the npm packages with:\n');
  console.error('  npm run setup\n');
  console.error(`which installs the missing ones of: ${APT_PACKAGES.join(' ')}`);
  console.error(`(the list is ${PACKAGES_FILE}).`);
  if (process.env.PYTHON !== undefined) {
    console.error(`(PYTHON is set to ${PYTHON}; unset it to use /usr/bin/python3.)`);
  }
  process.exit(1);
}
console.log(
  `check-env: ${CHROMIUM}, ${PYTHON} with torch and numpy, OpenBLAS, ${APT_PACKAGES.join(' ')}: all present`,
);
