// The gallery's captions against the shipped models: every example runs through ExLM
// (models/exlm-en-small) and its MLM twin (models/mlm-en-small) on the tfjs wasm backend, the
// page's own runtime in Node, and each claim in its `expect` must hold.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SHIPPED_PAIR } from '../../core/catalog';
import { maskedText } from '../../core/words';
import type { ExlmModel } from '../../model';
import { loadModelFromFolder, setNodeBackend } from '../../model/node';
import {
  CLAIM_TOP_K as TOP_K,
  checkExpectation as check,
  type ShippedModel,
} from '../common/modelClaims';
import { EXAMPLES } from './examples';

const MODELS = resolve(import.meta.dirname, '../../../models');
const FOLDERS: Record<ShippedModel, string> = {
  exlm: resolve(MODELS, SHIPPED_PAIR.exlm),
  mlm: resolve(MODELS, SHIPPED_PAIR.mlm ?? ''),
};

const models: Partial<Record<ShippedModel, ExlmModel>> = {};

beforeAll(async () => {
  await setNodeBackend('wasm');
  models.exlm = await loadModelFromFolder(FOLDERS.exlm);
  models.mlm = await loadModelFromFolder(FOLDERS.mlm);
}, 120_000);

afterAll(() => {
  models.exlm?.dispose();
  models.mlm?.dispose();
});

describe.skipIf(!existsSync(FOLDERS.exlm) || !existsSync(FOLDERS.mlm))(
  'gallery captions on the shipped models (wasm)',
  () => {
    it.each(EXAMPLES.map((example) => [maskedText(example.text, example.masks), example]))(
      '%s',
      async (_masked, example) => {
        const masked = maskedText(example.text, example.masks);
        for (const name of ['exlm', 'mlm'] as const) {
          const analysis = await models[name]!.analyze(masked, { topK: TOP_K, attention: false });
          expect(analysis.masks).toHaveLength(example.masks.length);
          for (const claim of example.expect) {
            if (claim.model === undefined || claim.model === name) {
              check(analysis, claim, `${name}: "${masked}"`);
            }
          }
        }
      },
    );
  },
);
