// The lesson's claims against the shipped models: every claim of every step (lessonSteps.ts) runs
// through ExLM (models/exlm-en-small) and its MLM twin (models/mlm-en-small) on the tfjs wasm
// backend, the page's own runtime in Node, and must hold. A failure names the step, the claim and
// its sentence, says which part broke, and shows what the model did instead (first ten guesses with
// probabilities, entropy, fill; the copies, links or attention the claim is about; the model's size
// and evaluation): what is needed to rewrite the claim's data for new weights. The skipped tests
// name the missing model folders.
import { describe, it } from 'vitest';

import { maskedText } from '../../core/words';
import type { ExlmModel } from '../../model';
import type { Analysis } from '../../model/types';
import { CLAIM_TOP_K, type ShippedModel } from '../common/modelClaims';
import { MISSING_SHIPPED, loadShippedPair } from '../common/shippedPair.testdata';
import { describeSubject, lessonClaimFailures } from './lessonClaimChecks';
import { claimModels, claimSentence, type LessonClaim } from './lessonClaims';
import { LESSON_SOURCE } from './lessonSteps';

let models: Partial<Record<ShippedModel, ExlmModel>> = {};
/** Analyses by model and masked sentence: several claims share a sentence. */
const analyses = new Map<string, Promise<Analysis>>();

function analysisOf(name: ShippedModel, masked: string): Promise<Analysis> {
  const key = `${name}\n${masked}`;
  let analysis = analyses.get(key);
  if (analysis === undefined) {
    const model = models[name];
    if (model === undefined) throw new Error(`model ${name} is not loaded`);
    analysis = model.analyze(masked, { topK: CLAIM_TOP_K, attention: true });
    analyses.set(key, analysis);
  }
  return analysis;
}

/** Every claim, with its step (1-based number and id) and name. */
const CLAIMS = LESSON_SOURCE.flatMap((step, i) =>
  Object.entries(step.claims ?? {}).map(([name, claim]) => ({
    title: `step ${i + 1} (${step.id}), claim "${name}"`,
    claim: claim as LessonClaim,
    variants: step.variants,
  })),
);

describe.skipIf(MISSING_SHIPPED.length > 0)(
  `lesson claims on the shipped models (wasm)${MISSING_SHIPPED.length > 0 ? `: missing ${MISSING_SHIPPED.join(', ')}` : ''}`,
  () => {
    models = loadShippedPair();

    it.each(CLAIMS.map((c) => [c.title, c] as const))(
      '%s',
      async (_title, { title, claim, variants }) => {
        const sentence = claimSentence(claim, variants);
        const masked =
          sentence === undefined ? undefined : maskedText(sentence.text, sentence.masks);
        const reports: string[] = [];
        for (const name of claimModels(claim)) {
          const model = models[name];
          if (model === undefined) throw new Error(`model ${name} is not loaded`);
          const subject = {
            info: model.info,
            ...(masked === undefined ? {} : { analysis: await analysisOf(name, masked) }),
          };
          const failures = lessonClaimFailures(claim, subject);
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
