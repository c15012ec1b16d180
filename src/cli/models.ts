// `exlm models`: the model folders, as the playground's menu sees them (the same scan and the same
// pairing rules), so a folder dropped into models/ can be checked before opening the page.
import { resolve } from 'node:path';

import { pairFor, pickerModels } from '../core/catalog';
import { scanModelFolders } from '../node/catalog';
import type { ModelsArgs } from './args';
import { EXIT_CODES, type ExitCode } from './errors';
import type { CliIo } from './io';
import { MODELS_DIR } from './paths';

export function runModels(args: ModelsArgs, io: CliIo): ExitCode {
  const dir = args.dir === undefined ? MODELS_DIR : resolve(args.dir);
  const { models, skipped } = scanModelFolders(dir);
  const rows = models.map((entry) => ({
    ...entry,
    twin: entry.architecture === 'exlm' ? pairFor(entry.name, models).mlm : null,
  }));
  if (args.json) {
    io.stdout(JSON.stringify({ models: rows, skipped }) + '\n');
    return EXIT_CODES.ok;
  }
  if (rows.length === 0) io.stdout(`No model folders in ${dir}.\n`);
  const width = Math.max(4, ...rows.map((row) => row.name.length));
  // Every model the menu can offer, random-weight ones included (the page lists those with ?dev=1).
  const menu = new Set(pickerModels(models, { dev: true }).map((entry) => entry.name));
  for (const row of rows) {
    const kind = row.architecture === 'exlm' ? `ExLM, k = ${row.expansion}` : 'MLM';
    const trained =
      row.trainingSteps === null ? 'random test weights' : `${row.trainingSteps} steps`;
    const role = menu.has(row.name) ? '' : ' (twin: shown in Compare)';
    const twin = row.twin === null ? '' : `, twin ${row.twin}`;
    io.stdout(`${row.name.padEnd(width)}  ${kind}, ${trained}${twin}${role}\n`);
  }
  for (const line of skipped) io.stdout(`skipped: ${line}\n`);
  return EXIT_CODES.ok;
}
