// Which model folder the CLI uses and how it is loaded: Node, tfjs on the wasm backend
// (tfjs-node has no binaries for this machine; wasm is the fastest backend Node has here).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

import { FIXTURE_PAIR, isValidModelName, SHIPPED_PAIR } from '../core/catalog';
import { loadModelFromFolder, setNodeBackend } from '../node';
import type { ExlmModel } from '../model';
import { messageOf, ModelLoadError } from './errors';
import { MODELS_DIR, PACKAGE_ROOT } from './paths';

export { PACKAGE_ROOT };

/** Best first: the shipped English ExLM, then the tiny random fixture that is always
 *  in the repository (random weights: its guesses are noise, but every code path runs). */
export const DEFAULT_MODELS = [SHIPPED_PAIR.exlm, FIXTURE_PAIR.exlm].map((name) =>
  resolve(MODELS_DIR, name),
);

const hasConfig = (dir: string): boolean => existsSync(resolve(dir, 'config.json'));

/**
 * `--model` is a folder (relative to the working directory) or, when no such folder exists, the
 * name of a folder in the repository's models/ (as `exlm models` lists them); without it, the
 * first default that exists.
 */
export function resolveModelDir(requested: string | undefined): string {
  if (requested !== undefined) {
    const asPath = resolve(requested);
    if (existsSync(asPath) || !isValidModelName(requested)) return asPath;
    const inModels = resolve(MODELS_DIR, requested);
    return existsSync(inModels) ? inModels : asPath;
  }
  return DEFAULT_MODELS.find(hasConfig) ?? DEFAULT_MODELS[DEFAULT_MODELS.length - 1]!;
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
