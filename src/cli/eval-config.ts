// `npm run eval -- --write-config`: each scored model folder keeps its scores in its config.json as
// "evaluation", the record the catalog passes to the page (src/core/catalog.ts, ModelQuality), so
// that the page shows a model's measured quality next to its name from the same numbers as its
// model card. The rest of config.json is kept as it is, byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { checkQuality } from '../core/catalog';
import { DOMAIN_DEFAULTS } from './eval-domain';

/** What the evaluation run says about itself. */
export interface EvalRunInfo {
  tool: string;
  backend: string;
  route: string;
  sample: string;
  created: string;
}

/** One mask ratio's scores, as `npm run eval` computes them. */
export interface RatioScores {
  ratio: number;
  sentences: number;
  masks: number;
  top1: number;
  top5: number;
  entropy: number;
  /** Molecule models: the share of best joint fills that are valid molecules, and of those that
   *  are the test molecule itself. */
  validity?: number;
  exact?: number;
  /** Molecule models: the same two shares for the first valid fill among the N best. */
  validity_n_best?: number;
  exact_n_best?: number;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** The "evaluation" record of one model: the run, how tokens were masked (`masking`, by default
 *  the text sample's whole words), and per ratio the masks scored, top-1 and top-5 accuracy
 *  (shares) and the mean slot entropy (nats), to 6 decimals; for a molecule model also the
 *  validity and exactness of its fills and of the first valid fill among its N best (shares). */
export function evaluationRecord(
  run: EvalRunInfo,
  ratios: readonly RatioScores[],
  masking: string = DOMAIN_DEFAULTS.text.masking,
) {
  return {
    tool: run.tool,
    backend: run.backend,
    route: run.route,
    sample: run.sample,
    created: run.created,
    masking,
    sentences: Math.min(...ratios.map((r) => r.sentences)),
    ratios: ratios.map((r) => ({
      ratio: r.ratio,
      masks: r.masks,
      top1: round(r.top1, 6),
      top5: round(r.top5, 6),
      entropy: round(r.entropy, 6),
      ...(r.validity === undefined ? {} : { validity: round(r.validity, 6) }),
      ...(r.exact === undefined ? {} : { exact: round(r.exact, 6) }),
      ...(r.validity_n_best === undefined ? {} : { validity_n_best: round(r.validity_n_best, 6) }),
      ...(r.exact_n_best === undefined ? {} : { exact_n_best: round(r.exact_n_best, 6) }),
    })),
  };
}

/** The top-level members of a JSON object's text: each key and where its value starts and ends. */
function topLevelMembers(text: string): { key: string; start: number; valueEnd: number }[] {
  const members: { key: string; start: number; valueEnd: number }[] = [];
  let depth = 0;
  let current: { key: string; start: number } | null = null;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey) {
        current = { key: JSON.parse(text.slice(i, end + 1)) as string, start: i };
        expectKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      depth += 1;
      if (depth === 1) expectKey = true;
    } else if (c === '}' || c === ']' || (c === ',' && depth === 1)) {
      if (depth === 1 && current !== null) {
        let valueEnd = i;
        while (/\s/.test(text[valueEnd - 1] ?? '')) valueEnd -= 1;
        members.push({ ...current, valueEnd });
        current = null;
      }
      if (c === ',') expectKey = true;
      else depth -= 1;
    }
  }
  return members;
}

/** Writes `evaluation` into `folder`/config.json: in place of an older one, else before
 *  "training" (which holds the long training log), else last. Everything else in the file stays
 *  as it was written, byte for byte. Refuses a record the page would refuse. */
export function writeConfigEvaluation(folder: string, evaluation: object): string {
  const problem = checkQuality(evaluation);
  if (typeof problem === 'string') throw new Error(`the evaluation to write ${problem}`);
  const path = join(folder, 'config.json');
  const text = readFileSync(path, 'utf8');
  const before = JSON.parse(text) as Record<string, unknown>;
  const value = JSON.stringify(evaluation, null, 2).replace(/\n/g, '\n  ');
  const members = topLevelMembers(text);
  const old = members.find((m) => m.key === 'evaluation');
  const training = members.find((m) => m.key === 'training');
  const last = members[members.length - 1];
  let updated: string;
  if (old !== undefined) {
    updated = `${text.slice(0, old.start)}"evaluation": ${value}${text.slice(old.valueEnd)}`;
  } else if (training !== undefined) {
    const head = text.slice(0, training.start);
    updated = `${head}"evaluation": ${value},\n  ${text.slice(training.start)}`;
  } else if (last !== undefined) {
    const head = text.slice(0, last.valueEnd);
    updated = `${head},\n  "evaluation": ${value}${text.slice(last.valueEnd)}`;
  } else {
    updated = `{\n  "evaluation": ${value}\n}\n`;
  }
  // The result must read back as the old config plus this evaluation, and nothing else.
  const after = JSON.parse(updated) as Record<string, unknown>;
  const expected = { ...before, evaluation };
  if (JSON.stringify(sortKeys(after)) !== JSON.stringify(sortKeys(expected))) {
    throw new Error(`${path}: could not place "evaluation" in its text`);
  }
  writeFileSync(path, updated);
  return path;
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}
