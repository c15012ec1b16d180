// The shipped ExLM (models/exlm-en-small) and its twin (models/mlm-en-small), loaded on the tfjs
// wasm backend, the page's own runtime in Node: for the tests that hold the gallery's captions and
// the lesson's claims to what the shipped models really do.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { afterAll, beforeAll } from 'vitest';

import { SHIPPED_PAIR } from '../../core/catalog';
import type { ExlmModel } from '../../model';
import { loadModelFromFolder, setNodeBackend } from '../../node';
import type { ShippedModel } from './modelClaims';

const MODELS = resolve(import.meta.dirname, '../../../models');

export const SHIPPED_FOLDERS: Record<ShippedModel, string> = {
  exlm: resolve(MODELS, SHIPPED_PAIR.exlm),
  mlm: resolve(MODELS, SHIPPED_PAIR.mlm ?? ''),
};

/** The shipped folders this checkout lacks: the tests that need them are skipped, naming them. */
export const MISSING_SHIPPED = Object.values(SHIPPED_FOLDERS).filter(
  (folder) => !existsSync(folder),
);

/** Call inside a describe block: loads both models before its tests and disposes them after. The
 *  record is filled by the time the tests run. */
export function loadShippedPair(): Partial<Record<ShippedModel, ExlmModel>> {
  const models: Partial<Record<ShippedModel, ExlmModel>> = {};
  beforeAll(async () => {
    await setNodeBackend('wasm');
    models.exlm = await loadModelFromFolder(SHIPPED_FOLDERS.exlm);
    models.mlm = await loadModelFromFolder(SHIPPED_FOLDERS.mlm);
  }, 120_000);
  afterAll(() => {
    models.exlm?.dispose();
    models.mlm?.dispose();
  });
  return models;
}
