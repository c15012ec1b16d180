// Node-only: the model catalog read from a folder of model folders (models/). The dev server and the
// build serve it to the page as /models/index.json; the CLI reads it to list and find models. A
// folder is listed when its config.json is valid; any other folder is reported, not fatal, so that
// one broken model never hides the others.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

// With extensions: vite.config.ts loads this file through its model catalog plugin.
import { type CatalogEntry, isValidModelName } from '../core/catalog.ts';
import { parseConfigText } from '../model/config.ts';

export interface ScannedCatalog {
  models: CatalogEntry[];
  /** One line per folder that was left out, saying why. */
  skipped: string[];
}

function entryOf(dir: string, name: string): CatalogEntry {
  const path = join(dir, name, 'config.json');
  // As the loaders do: never read (and quote in a message) a file from outside the folder.
  const real = realpathSync(path);
  if (!real.startsWith(realpathSync(join(dir, name)) + sep) || !statSync(real).isFile()) {
    throw new Error('config.json is a link to a file outside the model folder');
  }
  const config = parseConfigText(readFileSync(path, 'utf8'), path);
  const steps = config.training?.steps;
  return {
    name,
    architecture: config.architecture,
    expansion: config.expansion,
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
