// What `npm run eval` does differently for text and molecule models: the files it reads and
// writes by default, how the sample hides tokens, and which domain a model folder is for (its
// tokenizer.json "type": "smiles" for molecules, none or "wordpiece" for English text).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ModelLoadError } from './errors';

export const EVAL_DOMAINS = ['text', 'molecules'] as const;
export type EvalDomain = (typeof EVAL_DOMAINS)[number];

export interface DomainDefaults {
  /** The sample training/eval_sample.py writes for this domain. */
  sample: string;
  /** The command that writes it. */
  sampleCommand: string;
  /** The results JSON. */
  json: string;
  /** The data counts and licences that the cards cite (written with the data). */
  stats: string;
  /** How the sample hides tokens, in words (config.json "evaluation"). */
  masking: string;
  /** What one test input is, in messages: "sentence" or "molecule". */
  input: string;
  inputs: string;
}

export const DOMAIN_DEFAULTS: Record<EvalDomain, DomainDefaults> = {
  text: {
    sample: 'data/eval-sample.jsonl',
    sampleCommand: '/usr/bin/python3 -m training.eval_sample',
    json: 'data/eval-results.json',
    stats: 'data/stats.json',
    masking:
      'whole words, one [MASK] each (words that are one WordPiece), chosen at random; ' +
      'one held-out test sentence per input',
    input: 'sentence',
    inputs: 'sentences',
  },
  molecules: {
    sample: 'data/smiles/eval-sample.jsonl',
    sampleCommand: '/usr/bin/python3 -m training.eval_sample --data-dir data/smiles',
    json: 'data/eval-results-smiles.json',
    stats: 'data/smiles/stats.json',
    masking:
      'SMILES tokens (atoms, bonds, branches, ring closures), one [MASK] each, chosen at random; ' +
      'one held-out test molecule (scaffold split) per input',
    input: 'molecule',
    inputs: 'molecules',
  },
};

/** "molecule" / "text", for messages. */
export const domainNoun = (domain: EvalDomain): string =>
  domain === 'molecules' ? 'molecule' : 'text';

/** The domain of model folder `folder`, from its tokenizer.json "type". */
export function folderDomain(folder: string): EvalDomain {
  const path = join(folder, 'tokenizer.json');
  if (!existsSync(path)) {
    throw new ModelLoadError(`${path} not found: give model folders with --models.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ModelLoadError(`${path} is not valid JSON (${(error as Error).message}).`);
  }
  const type = typeof json === 'object' && json !== null && 'type' in json ? json.type : undefined;
  return type === 'smiles' ? 'molecules' : 'text';
}
