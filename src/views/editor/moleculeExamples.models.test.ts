// The molecule examples' captions against the shipped molecule models: every example runs through
// ExLM (models/exlm-smiles-small) and its MLM twin (models/mlm-smiles-small) on the tfjs wasm
// backend, the page's own runtime in Node, and each claim in its `expect` must hold; what is a
// molecule is RDKit's MinimalLib's verdict, as on the page.
import { beforeAll, describe, expect, it } from 'vitest';

import { splitSmiles } from '../../core/smilesTokens';
import { maskedText } from '../../core/words';
import { type SmilesValidity, smilesValidity } from '../../node/rdkit';
import { CLAIM_TOP_K, checkExpectation, describeAnalysis } from '../common/modelClaims';
import { loadShippedPair, missingShipped } from '../common/shippedPair.testdata';
import { MOLECULE_EXAMPLES, type MoleculeExample } from './moleculeExamples';

const MISSING = missingShipped('molecules');

/** The example's SMILES with the token of mask `slot` replaced by `token`. */
function withToken(example: MoleculeExample, slot: number, token: string): string {
  const index = example.masks[slot];
  return splitSmiles(example.smiles)
    .map((t, i) => (i === index ? token : t.text))
    .join('');
}

describe.skipIf(MISSING.length > 0)(
  `molecule examples on the shipped molecule models (wasm)${MISSING.length > 0 ? `: missing ${MISSING.join(', ')}` : ''}`,
  () => {
    const models = loadShippedPair('molecules');
    let validity: SmilesValidity;
    beforeAll(async () => {
      validity = await smilesValidity();
    }, 60_000);

    it.each(MOLECULE_EXAMPLES.map((example) => [example.name, example] as const))(
      '%s',
      async (_name, example) => {
        const masked = maskedText(example.smiles, example.masks, splitSmiles);
        for (const name of ['exlm', 'mlm'] as const) {
          const model = models[name];
          if (model === undefined) throw new Error(`model ${name} is not loaded`);
          const analysis = await model.analyze(masked, { topK: CLAIM_TOP_K, attention: false });
          expect(analysis.masks).toHaveLength(example.masks.length);
          const where = `${name}: "${masked}"`;
          for (const claim of example.expect) {
            if (claim.model !== undefined && claim.model !== name) continue;
            checkExpectation(analysis, claim, where);
            const fillValid = validity.isValid(analysis.fill.text);
            if (claim.validFill !== undefined && fillValid !== claim.validFill) {
              throw new Error(
                `${where}: the best fill "${analysis.fill.text}" is ${fillValid ? '' : 'not '}a molecule, ` +
                  `against the claim ${JSON.stringify(claim)}\nThe model said:\n${describeAnalysis(analysis)}`,
              );
            }
            for (const [token, valid] of Object.entries(claim.validWith ?? {})) {
              const smiles = withToken(example, claim.slot ?? 0, token);
              expect(validity.isValid(smiles), `${example.name}: is ${smiles} a molecule?`).toBe(
                valid,
              );
            }
          }
        }
      },
    );
  },
);
