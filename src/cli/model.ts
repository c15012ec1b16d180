// Which model folder the CLI uses and how it is loaded: Node, tfjs on the wasm backend
// (tfjs-node has no binaries for this machine; wasm is the fastest backend Node has here).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadModelFromFolder, setNodeBackend } from '../model/node';
import type { ExlmModel } from '../model';
import { messageOf, ModelLoadError } from './errors';

/** The repository root, found from this file so the command works from any directory. */
export const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');

/** Best first: the shipped English ExLM, then the tiny random fixture that is always
 *  in the repository (random weights: its guesses are noise, but every code path runs). */
export const DEFAULT_MODELS = ['models/exlm-en-small', 'models/tiny-random'] as const;

/** `--model` resolves against the working directory; the defaults against the repository. */
export function resolveModelDir(requested: string | undefined): string {
  if (requested !== undefined) return resolve(requested);
  const candidates = DEFAULT_MODELS.map((dir) => resolve(PACKAGE_ROOT, dir));
  return candidates.find((dir) => existsSync(resolve(dir, 'config.json'))) ?? candidates.at(-1)!;
}

/** Loads `dir` on the wasm backend; every failure becomes a ModelLoadError (exit 2) whose message
 *  names the file, field or tensor (src/model's errors already do; we add what to do). */
export async function loadCliModel(dir: string): Promise<ExlmModel> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ModelLoadError(
      `model folder not found: ${dir}\n` +
        'Give --model DIR, a folder with config.json, tokenizer.json and weights.json ' +
        '(see docs/model-format.md).',
    );
  }
  await setNodeBackend('wasm');
  try {
    return await loadModelFromFolder(dir);
  } catch (error) {
    throw new ModelLoadError(`cannot load the model in ${dir}: ${messageOf(error)}`);
  }
}
