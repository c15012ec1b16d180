// `exlm convert-fairseq`: an official fairseq ExLM checkpoint to a model folder. The work is done by
// the Python converter (training/fairseq.py, PyTorch reads the checkpoint); this runs it from the
// repository root, streams its output and turns a missing Python or torch into a sentence.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConvertFairseqArgs } from './args';
import { EXIT_CODES, type ExitCode, UsageError } from './errors';
import type { CliIo } from './io';

/** The repository root (training/ is a package there); found from this file, not from the cwd. */
const REPOSITORY_ROOT = resolve(import.meta.dirname, '../..');

export const DEFAULT_PYTHON = '/usr/bin/python3';

const INSTALL_HINT =
  'The converter needs Python 3 with PyTorch and NumPy: install the Debian packages ' +
  'python3-torch python3-numpy (sudo apt-get install python3-torch python3-numpy), or set ' +
  'PYTHON to an interpreter that has them.';

/** `${PYTHON:-/usr/bin/python3}`: an empty PYTHON counts as unset, as in the npm scripts. */
export function pythonCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.PYTHON || DEFAULT_PYTHON;
}

/** The converter's arguments; paths made absolute because it runs from the repository root. */
export function converterArgv(args: ConvertFairseqArgs): string[] {
  const argv = ['-m', 'training.fairseq', 'convert'];
  argv.push('--checkpoint', resolve(args.checkpoint), '--dict', resolve(args.dict));
  if (args.tokenizer !== undefined) argv.push('--tokenizer', resolve(args.tokenizer));
  if (args.gpt2Encoder !== undefined) argv.push('--gpt2-encoder', resolve(args.gpt2Encoder));
  if (args.gpt2Bpe !== undefined) argv.push('--gpt2-bpe', resolve(args.gpt2Bpe));
  argv.push('--out', resolve(args.out), '--dtype', args.dtype);
  if (args.force) argv.push('--force');
  return argv;
}

/** Input files exist, and --out is new, an empty folder, or --force was given: said before Python
 *  starts (importing torch takes seconds), as usage errors (exit 2). */
function checkPaths(args: ConvertFairseqArgs): void {
  const inputs: [string, string | undefined][] = [
    ['--checkpoint', args.checkpoint],
    ['--dict', args.dict],
    ['--gpt2-encoder', args.gpt2Encoder],
    ['--gpt2-bpe', args.gpt2Bpe],
    ['--tokenizer', args.tokenizer],
  ];
  for (const [option, path] of inputs) {
    if (path !== undefined && !(existsSync(path) && statSync(path).isFile())) {
      throw new UsageError(`${option}: no such file: ${path}`);
    }
  }
  if (!existsSync(args.out)) return;
  if (!statSync(args.out).isDirectory()) {
    throw new UsageError(`--out ${args.out} is a file; give a folder for the model.`);
  }
  if (readdirSync(args.out).length > 0 && !args.force) {
    throw new UsageError(
      `--out ${args.out} exists and is not empty: give a new folder, or --force to write into it.`,
    );
  }
}

interface PythonRun {
  code: number | null;
  /** Set when the interpreter could not be started at all. */
  error?: Error;
  stderr: string;
}

/** Runs python with argv from the repository root, passing its output on as it comes. */
function runPython(python: string, argv: string[], io: CliIo): Promise<PythonRun> {
  return new Promise((done) => {
    let stderr = '';
    const child = spawn(python, argv, {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => io.stdout(chunk));
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      io.stderr(chunk);
    });
    // A missing interpreter emits 'error' before 'close'; the first settles the promise.
    child.on('error', (error) => done({ code: null, error, stderr }));
    child.on('close', (code) => done({ code, stderr }));
  });
}

export async function runConvertFairseq(args: ConvertFairseqArgs, io: CliIo): Promise<ExitCode> {
  checkPaths(args);
  const python = pythonCommand();
  const run = await runPython(python, converterArgv(args), io);
  if (run.error !== undefined) {
    io.stderr(
      `exlm convert-fairseq: cannot run ${python} (${run.error.message}).\n${INSTALL_HINT}\n`,
    );
    return EXIT_CODES.unusable;
  }
  if (run.code === 0) {
    io.stdout(`Try it: exlm predict --model ${args.out} "the capital of France is [MASK] ."\n`);
    return EXIT_CODES.ok;
  }
  const missing = /No module named '(torch|numpy)/.exec(run.stderr);
  if (missing !== null) {
    io.stderr(`exlm convert-fairseq: ${python} cannot import ${missing[1]}.\n${INSTALL_HINT}\n`);
  } else {
    io.stderr(
      `exlm convert-fairseq: the conversion failed (${python} exited with code ${run.code}).\n`,
    );
  }
  return EXIT_CODES.unusable;
}
