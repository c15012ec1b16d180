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
import type { Analysis } from '../../model/types';
import { EXAMPLES, type Expectation, type ShippedModel } from './examples';

const MODELS = resolve(import.meta.dirname, '../../../models');
const FOLDERS: Record<ShippedModel, string> = {
  exlm: resolve(MODELS, SHIPPED_PAIR.exlm),
  mlm: resolve(MODELS, SHIPPED_PAIR.mlm ?? ''),
};
/** The most guesses a claim looks at (notInTop, probs). */
const TOP_K = 10;

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

/** Checks one claim on one model's analysis; the messages name the example and the claim. */
function check(analysis: Analysis, claim: Expectation, where: string): void {
  if (claim.fill !== undefined) expect(analysis.fill.text, `${where}: fill`).toBe(claim.fill);
  if (claim.slot === undefined) return;
  const slot = analysis.masks[claim.slot];
  expect(slot, `${where}: slot ${claim.slot}`).toBeDefined();
  const top = slot!.top.slice(0, TOP_K);
  const tokens = top.map((t) => t.token);
  const at = `${where}, slot ${claim.slot} (${top.map((t) => `${t.token} ${(100 * t.prob).toFixed(1)}%`).join(', ')}; entropy ${slot!.entropy.toFixed(2)})`;
  if (claim.top !== undefined) expect(tokens[0], `${at}: first guess`).toBe(claim.top);
  for (const word of claim.topIncludes ?? []) {
    expect(tokens.slice(0, claim.within ?? 5), `${at}: top ${claim.within ?? 5}`).toContain(word);
  }
  for (const word of claim.notInTop ?? []) {
    expect(tokens, `${at}: not in the top ${TOP_K}`).not.toContain(word);
  }
  for (const [word, [min, max]] of Object.entries(claim.probs ?? {})) {
    const prob = top.find((t) => t.token === word)?.prob;
    expect(prob, `${at}: "${word}" in the top ${TOP_K}`).toBeDefined();
    expect(prob!, `${at}: p("${word}") >= ${min}`).toBeGreaterThanOrEqual(min);
    expect(prob!, `${at}: p("${word}") <= ${max}`).toBeLessThanOrEqual(max);
  }
  if (claim.maxProb !== undefined) {
    expect(top[0]!.prob, `${at}: first guess at most ${claim.maxProb}`).toBeLessThanOrEqual(
      claim.maxProb,
    );
  }
  if (claim.minEntropy !== undefined) {
    expect(slot!.entropy, `${at}: entropy`).toBeGreaterThanOrEqual(claim.minEntropy);
  }
  if (claim.maxEntropy !== undefined) {
    expect(slot!.entropy, `${at}: entropy`).toBeLessThanOrEqual(claim.maxEntropy);
  }
}

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
