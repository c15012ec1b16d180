// Reads the evaluation sample written by training/eval_sample.py: one JSON object per line,
// {"index", "domain", "ids": [token ids, no [CLS]/[SEP]], "masks": {"0.15": [positions], ...}}.
// Both evaluations (this one and training/evaluate.py) score exactly these inputs. "domain" says
// whether the ids are English WordPiece ids or SMILES tokens of molecules; samples written before
// molecules existed have none and are text.
import { existsSync, readFileSync } from 'node:fs';

import { type EvalDomain, EVAL_DOMAINS } from './eval-domain';
import { UsageError } from './errors';

export interface EvalItem {
  /** Sentence (or molecule) number in the test split. */
  index: number;
  /** Token ids of the sentence, without [CLS] and [SEP]. */
  ids: number[];
  /** Ratio key ("0.15") -> sorted positions into `ids` that are replaced by [MASK]. */
  masks: Record<string, number[]>;
  /** Which models the ids are for (text when the line has no "domain"). */
  domain: EvalDomain;
}

export interface EvalSample {
  items: EvalItem[];
  /** The ratio keys every item has, in file order ("0.15", "0.3", "0.5"). */
  ratios: string[];
  /** The domain every item has. */
  domain: EvalDomain;
}

const SAMPLE_COMMAND = '`/usr/bin/python3 -m training.eval_sample`';
const REGENERATE = `regenerate it with ${SAMPLE_COMMAND}`;

const isDomain = (value: unknown): value is EvalDomain =>
  (EVAL_DOMAINS as readonly unknown[]).includes(value);

const isIndexList = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((v) => Number.isInteger(v) && (v as number) >= 0);

/** One line, checked; throws a UsageError naming the line and what is wrong. */
export function parseEvalItem(line: string, where: string): EvalItem {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new UsageError(`${where}: not valid JSON (${(error as Error).message}); ${REGENERATE}.`);
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const { index, ids, masks, domain = 'text' } = record;
  if (!Number.isInteger(index) || !isIndexList(ids) || ids.length === 0) {
    throw new UsageError(
      `${where}: expected {"index": N, "ids": [token ids], "masks": {...}}; ${REGENERATE}.`,
    );
  }
  if (typeof masks !== 'object' || masks === null || Object.keys(masks).length === 0) {
    throw new UsageError(`${where}: "masks" must map ratios to position lists; ${REGENERATE}.`);
  }
  for (const [ratio, positions] of Object.entries(masks)) {
    if (
      !isIndexList(positions) ||
      positions.length === 0 ||
      positions.some((p, i) => p >= ids.length || (i > 0 && p <= positions[i - 1]!))
    ) {
      throw new UsageError(
        `${where}: masks["${ratio}"] must be increasing positions below ${ids.length}; ${REGENERATE}.`,
      );
    }
  }
  if (!isDomain(domain)) {
    throw new UsageError(
      `${where}: "domain" must be ${EVAL_DOMAINS.map((d) => `"${d}"`).join(' or ')}, ` +
        `got ${JSON.stringify(domain)}; ${REGENERATE}.`,
    );
  }
  return { index: index as number, ids, masks: masks as Record<string, number[]>, domain };
}

/** The first `limit` items of the sample file (all when undefined). */
export function readEvalSample(file: string, limit?: number): EvalSample {
  if (!existsSync(file)) {
    throw new UsageError(`sample file not found: ${file}; make it with ${SAMPLE_COMMAND}.`);
  }
  const items: EvalItem[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let n = 0; n < lines.length && (limit === undefined || items.length < limit); n++) {
    if (lines[n]!.trim() === '') continue;
    items.push(parseEvalItem(lines[n]!, `${file}:${n + 1}`));
  }
  if (items.length === 0) throw new UsageError(`${file} holds no sentences; ${REGENERATE}.`);
  const ratios = Object.keys(items[0]!.masks);
  const mismatch = items.find((item) => Object.keys(item.masks).join() !== ratios.join());
  if (mismatch !== undefined) {
    throw new UsageError(
      `${file}: sentence ${mismatch.index} has ratios ${Object.keys(mismatch.masks).join(', ')} ` +
        `but the first has ${ratios.join(', ')}; ${REGENERATE}.`,
    );
  }
  const domain = items[0]!.domain;
  const other = items.find((item) => item.domain !== domain);
  if (other !== undefined) {
    throw new UsageError(
      `${file}: sentence ${other.index} is for ${other.domain} models but the first is for ` +
        `${domain} models; ${REGENERATE}.`,
    );
  }
  return { items, ratios, domain };
}

/** [CLS] ids [SEP] with the masked positions replaced by [MASK], and the hidden ids in order. */
export function maskedInput(
  item: EvalItem,
  ratio: string,
  ids: { cls: number; sep: number; mask: number },
): { input: Int32Array; targets: number[] } {
  const positions = item.masks[ratio] ?? [];
  const input = Int32Array.from([ids.cls, ...item.ids, ids.sep]);
  for (const p of positions) input[p + 1] = ids.mask;
  return { input, targets: positions.map((p) => item.ids[p]!) };
}
