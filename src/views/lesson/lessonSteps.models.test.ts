// The lesson's claims against the shipped models: every claim of every step (lessonSteps.ts) runs
// through the shipped pair of the step's mode on the tfjs wasm backend, the page's own runtime in
// Node, and must hold: the English steps on ExLM (models/exlm-en-small) and its MLM twin
// (models/mlm-en-small), the molecule steps on models/exlm-smiles-small and models/mlm-smiles-small,
// with RDKit's MinimalLib saying what is a molecule, as on the page. A failure names the step, the
// claim and its sentence, says which part broke, and shows what the model did instead (first ten
// guesses with probabilities, entropy, fill; the copies, links or attention the claim is about; the
// model's size and evaluation): what is needed to rewrite the claim's data for new weights. The
// skipped tests name the missing model folders.
import { beforeAll, describe, it } from 'vitest';

import { type InputMode, splitterFor } from '../../core/inputMode';
import { maskedText } from '../../core/words';
import type { ExlmModel } from '../../model';
import type { Analysis } from '../../model/types';
import { type SmilesValidity, smilesValidity } from '../../node/rdkit';
import { CLAIM_TOP_K, type ShippedModel } from '../common/modelClaims';
import { loadShippedPair, missingShipped } from '../common/shippedPair.testdata';
import { describeSubject, lessonClaimFailures } from './lessonClaimChecks';
import { claimModels, claimSentence, type LessonClaim, type LessonSentence } from './lessonClaims';
import { LESSON_SOURCE, stepMode } from './lessonSteps';

/** What RDKit says about the fills and substitutions a molecule claim names: one line per broken
 *  part. */
function moleculeFailures(
  claim: LessonClaim,
  sentence: LessonSentence,
  analysis: Analysis,
  validity: SmilesValidity,
): string[] {
  const failures: string[] = [];
  const fillValid = validity.isValid(analysis.fill.text);
  if (claim.validFill !== undefined && fillValid !== claim.validFill) {
    failures.push(`the best fill "${analysis.fill.text}" is ${fillValid ? '' : 'not '}a molecule`);
  }
  const index = sentence.masks[claim.slot ?? 0];
  for (const [token, valid] of Object.entries(claim.validWith ?? {})) {
    const smiles = splitterFor('molecules')(sentence.text)
      .map((t, i) => (i === index ? token : t.text))
      .join('');
    if (validity.isValid(smiles) !== valid) {
      failures.push(
        `"${smiles}" (“${token}” in slot ${claim.slot ?? 0}) is ${valid ? 'not ' : ''}a molecule`,
      );
    }
  }
  return failures;
}

/** Every claim of `mode`'s steps, with its step (1-based number and id) and name. */
function claimsOf(mode: InputMode) {
  return LESSON_SOURCE.flatMap((step, i) =>
    stepMode(step) !== mode
      ? []
      : Object.entries(step.claims ?? {}).map(([name, claim]) => ({
          title: `step ${i + 1} (${step.id}), claim "${name}"`,
          claim: claim as LessonClaim,
          variants: step.variants,
        })),
  );
}

function describeMode(mode: InputMode): void {
  const missing = missingShipped(mode);
  describe.skipIf(missing.length > 0)(
    `lesson claims about ${mode} on the shipped models (wasm)${missing.length > 0 ? `: missing ${missing.join(', ')}` : ''}`,
    () => {
      const models: Partial<Record<ShippedModel, ExlmModel>> = loadShippedPair(mode);
      /** Analyses by model and masked sentence: several claims share a sentence. */
      const analyses = new Map<string, Promise<Analysis>>();
      let validity: SmilesValidity | undefined;
      beforeAll(async () => {
        if (mode === 'molecules') validity = await smilesValidity();
      }, 60_000);

      const analysisOf = (name: ShippedModel, masked: string): Promise<Analysis> => {
        const key = `${name}\n${masked}`;
        let analysis = analyses.get(key);
        if (analysis === undefined) {
          const model = models[name];
          if (model === undefined) throw new Error(`model ${name} is not loaded`);
          analysis = model.analyze(masked, { topK: CLAIM_TOP_K, attention: true });
          analyses.set(key, analysis);
        }
        return analysis;
      };

      it.each(claimsOf(mode).map((c) => [c.title, c] as const))(
        '%s',
        async (_title, { title, claim, variants }) => {
          const sentence = claimSentence(claim, variants);
          const masked =
            sentence === undefined
              ? undefined
              : maskedText(sentence.text, sentence.masks, splitterFor(mode));
          const reports: string[] = [];
          for (const name of claimModels(claim)) {
            const model = models[name];
            if (model === undefined) throw new Error(`model ${name} is not loaded`);
            const subject = {
              info: model.info,
              ...(masked === undefined ? {} : { analysis: await analysisOf(name, masked) }),
            };
            const failures = lessonClaimFailures(claim, subject);
            if (
              sentence !== undefined &&
              subject.analysis !== undefined &&
              validity !== undefined
            ) {
              failures.push(...moleculeFailures(claim, sentence, subject.analysis, validity));
            }
            if (failures.length === 0) continue;
            reports.push(
              `${model.info.name}${masked === undefined ? '' : ` on “${masked}”`}:\n` +
                failures.map((f) => `  - ${f}\n`).join('') +
                `  The model said:\n${describeSubject(claim, subject).replace(/^/gm, '    ')}`,
            );
          }
          if (reports.length > 0) {
            throw new Error(
              `${title} ${JSON.stringify(claim)} does not hold:\n${reports.join('\n')}`,
            );
          }
        },
      );
    },
  );
}

describeMode('text');
describeMode('molecules');
