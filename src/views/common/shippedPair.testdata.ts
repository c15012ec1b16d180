// The shipped pairs, loaded on the tfjs wasm backend, the page's own runtime in Node: for the tests
// that hold the gallery's captions and the lesson's claims to what the shipped models really do.
// Each mode has its own pair: text, ExLM models/exlm-en-small and its twin models/mlm-en-small;
// molecules, models/exlm-smiles-small and models/mlm-smiles-small.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { afterAll, beforeAll } from 'vitest';

import { SHIPPED_PAIRS } from '../../core/catalog';
import type { InputMode } from '../../core/inputMode';
import type { ExlmModel } from '../../model';
import { loadModelFromFolder, setNodeBackend } from '../../node';
import type { ShippedModel } from './modelClaims';

const MODELS = resolve(import.meta.dirname, '../../../models');

/** The folders of a mode's shipped pair. */
export function shippedFolders(mode: InputMode): Record<ShippedModel, string> {
  return {
    exlm: resolve(MODELS, SHIPPED_PAIRS[mode].exlm),
    mlm: resolve(MODELS, SHIPPED_PAIRS[mode].mlm ?? ''),
  };
}

/** The shipped folders of `mode` this checkout lacks: the tests that need them are skipped,
 *  naming them. */
export function missingShipped(mode: InputMode): string[] {
  return Object.values(shippedFolders(mode)).filter((folder) => !existsSync(folder));
}

/** The English pair's missing folders. */
export const MISSING_SHIPPED = missingShipped('text');

/** Call inside a describe block: loads both models of `mode`'s pair before its tests and disposes
 *  them after. The record is filled by the time the tests run. */
export function loadShippedPair(
  mode: InputMode = 'text',
): Partial<Record<ShippedModel, ExlmModel>> {
  const models: Partial<Record<ShippedModel, ExlmModel>> = {};
  const folders = shippedFolders(mode);
  beforeAll(async () => {
    await setNodeBackend('wasm');
    models.exlm = await loadModelFromFolder(folders.exlm);
    models.mlm = await loadModelFromFolder(folders.mlm);
  }, 120_000);
  afterAll(() => {
    models.exlm?.dispose();
    models.mlm?.dispose();
  });
  return models;
}
