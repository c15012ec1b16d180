#!/usr/bin/env node
// First step of `npm test`: checks the system packages the tests need, and when one is missing says
// exactly what to install (one apt command) instead of letting a later step fail obscurely.
// Plain JavaScript on purpose: it must run before anything else works.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const APT_PACKAGES = 'chromium python3-torch python3-numpy libopenblas0-pthread';
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

const problems = checks.map((check) => check()).filter((problem) => problem !== undefined);
if (problems.length > 0) {
  console.error('The tests need system packages that this machine lacks:');
  for (const problem of problems) console.error(`  - ${problem}`);
  console.error('\nInstall them with:\n');
  console.error(`  sudo apt-get install -y ${APT_PACKAGES}\n`);
  if (process.env.PYTHON !== undefined) {
    console.error(`(PYTHON is set to ${PYTHON}; unset it to use /usr/bin/python3.)`);
  }
  process.exit(1);
}
console.log(`check-env: ${CHROMIUM}, ${PYTHON} with torch and numpy, OpenBLAS: all present`);
