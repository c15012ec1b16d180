// Node-only: the model catalog read from a folder of model folders (models/). The dev server and the
// build serve it to the page as /models/index.json; the CLI reads it to list and find models. A
// folder is listed when its config.json is valid; any other folder is reported, not fatal, so that
// one broken model never hides the others.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

// With extensions: vite.config.ts loads this file through its model catalog plugin.
import { type CatalogEntry, isValidModelName } from '../core/catalog.ts';
import type { InputMode } from '../core/inputMode.ts';
import { parseConfigText } from '../model/config.ts';

export interface ScannedCatalog {
  models: CatalogEntry[];
  /** One line per folder that was left out, saying why. */
  skipped: string[];
}

/** The text of `file` in the model folder; as the loaders do, never one from outside the folder
 *  (nor quoted in a message). */
function readInFolder(dir: string, name: string, file: string): string {
  const path = join(dir, name, file);
  const real = realpathSync(path);
  if (!real.startsWith(realpathSync(join(dir, name)) + sep) || !statSync(real).isFile()) {
    throw new Error(`${file} is a link to a file outside the model folder`);
  }
  return readFileSync(path, 'utf8');
}

/** The mode a model folder serves, from its tokenizer.json's top-level "type" ("smiles":
 *  molecules; none, as in every text model's file, or "wordpiece": text). A type the runtime
 *  cannot read is left to the loader, which refuses it with its own message. */
function domainOf(dir: string, name: string): InputMode {
  if (!existsSync(join(dir, name, 'tokenizer.json'))) throw new Error('no tokenizer.json');
  const text = readInFolder(dir, name, 'tokenizer.json');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('tokenizer.json is not JSON');
  }
  const type = typeof json === 'object' && json !== null && 'type' in json ? json.type : null;
  return type === 'smiles' ? 'molecules' : 'text';
}

function entryOf(dir: string, name: string): CatalogEntry {
  const path = join(dir, name, 'config.json');
  const config = parseConfigText(readInFolder(dir, name, 'config.json'), path);
  const steps = config.training?.steps;
  return {
    name,
    architecture: config.architecture,
    expansion: config.expansion,
    domain: domainOf(dir, name),
    trainingSteps: typeof steps === 'number' ? steps : null,
    ...(config.evaluation === undefined ? {} : { quality: config.evaluation }),
  };
}

/** Every model folder in `dir`, by name; an absent `dir` is an empty catalog. */
export function scanModelFolders(dir: string): ScannedCatalog {
  const models: CatalogEntry[] = [];
  const skipped: string[] = [];
  if (!existsSync(dir)) return { models, skipped };
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const name of folders) {
    if (!isValidModelName(name)) {
      skipped.push(`${name}: not a usable folder name (letters, digits, ".", "_", "-")`);
    } else if (!existsSync(join(dir, name, 'config.json'))) {
      skipped.push(`${name}: no config.json`);
    } else {
      try {
        models.push(entryOf(dir, name));
      } catch (error) {
        skipped.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return { models, skipped };
}
