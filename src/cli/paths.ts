// Where the command finds the repository's files: found from this file, so `exlm` works from any
// working directory. No tfjs here, so commands that only read folders start instantly.
import { resolve } from 'node:path';

/** The repository root. */
export const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');

/** The folder of model folders that the playground serves and the CLI lists. */
export const MODELS_DIR = resolve(PACKAGE_ROOT, 'models');
