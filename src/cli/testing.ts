// Helpers for the CLI tests: run the command (or `npm run eval`) in-process with captured output,
// make broken copies of the fixture model in a temporary folder, and write evaluation samples.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

import { runCli } from './cli';
import { runEval } from './eval';
import type { CliIo } from './io';
import { PACKAGE_ROOT } from './model';

export const FIXTURE_DIR = resolve(PACKAGE_ROOT, 'models/tiny-random');
/** The fixture's MLM twin. */
export const FIXTURE_MLM_DIR = resolve(PACKAGE_ROOT, 'models/tiny-random-mlm');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command entry point (runCli, runEval) in-process, capturing what it writes. */
export async function captureRun(
  entry: (argv: string[], io: CliIo) => Promise<number>,
  argv: string[],
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await entry(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  return { code, stdout, stderr };
}

export async function runCaptured(argv: string[]): Promise<CliRun> {
  return captureRun(runCli, argv);
}

/** `npm run eval -- argv`, in-process. */
export async function runEvalCaptured(argv: string[]): Promise<CliRun> {
  return captureRun(runEval, argv);
}

/** A scratch folder for one test file, removed after its tests, and a writer of evaluation
 *  samples (one JSON item per line) into it. */
export function evalScratch(prefix: string): {
  dir: string;
  writeSample: (name: string, items: readonly object[]) => string;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const writeSample = (name: string, items: readonly object[]): string => {
    const file = join(dir, name);
    writeFileSync(file, items.map((item) => JSON.stringify(item)).join('\n') + '\n');
    return file;
  };
  return { dir, writeSample };
}

/** JSON lines of stdout, parsed. */
export function jsonLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** A scratch folder removed by the returned cleanup function. */
export function scratchDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'exlm-cli-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies the fixture into `parent/name` and lets `edit` break one of its files. */
export function brokenFixture(
  parent: string,
  name: string,
  edit: (modelDir: string) => void,
): string {
  const modelDir = join(parent, name);
  cpSync(FIXTURE_DIR, modelDir, { recursive: true });
  edit(modelDir);
  return modelDir;
}

/** Reads, changes and writes back a JSON file. */
export function editJson(path: string, change: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  change(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

export function fixtureConfig(): { max_positions: number; vocab_size: number } {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, 'config.json'), 'utf8')) as {
    max_positions: number;
    vocab_size: number;
  };
}
