// The gallery's captions against the shipped models: every example runs through ExLM
// (models/exlm-en-small) and its MLM twin (models/mlm-en-small) on the tfjs wasm backend, the
// page's own runtime in Node, and each claim in its `expect` must hold.
import { describe, expect, it } from 'vitest';

import { maskedText } from '../../core/words';
import { CLAIM_TOP_K as TOP_K, checkExpectation as check } from '../common/modelClaims';
import { MISSING_SHIPPED, loadShippedPair } from '../common/shippedPair.testdata';
import { EXAMPLES } from './examples';

describe.skipIf(MISSING_SHIPPED.length > 0)('gallery captions on the shipped models (wasm)', () => {
  const models = loadShippedPair();
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
});
