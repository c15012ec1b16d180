// The model catalog: which model folders exist and how they pair up. The list itself is built from
// the folders in models/ (by the dev server and the build for the page, by the CLI from disk), so a
// folder dropped there is all it takes; this file holds the rules both sides share: valid folder
// names, how an ExLM finds its MLM twin, which models each mode offers (an entry's domain: text or
// molecules) and which model a first visit to a mode shows.
// Type-only and with its extension: vite.config.ts loads this file through its catalog plugin.
import type { InputMode } from './inputMode.ts';

export type Architecture = 'exlm' | 'mlm';

/** One model folder, as the catalog lists it. */
export interface CatalogEntry {
  /** The folder name under models/. */
  name: string;
  architecture: Architecture;
  /** Copies per [MASK] (1 for an MLM). */
  expansion: number;
  /** What it reads: English text, or molecules as SMILES (tokenizer.json's "type": "smiles"). The
   *  page offers a model only in its own mode. */
  domain: InputMode;
  /** Optimiser steps it was trained for; null for random-weight test fixtures. */
  trainingSteps: number | null;
  /** Its measured quality on held-out sentences or molecules (config.json "evaluation"), when it
   *  has been scored. */
  quality?: ModelQuality;
}

/** How well a model guessed hidden tokens (words, or a molecule model's SMILES tokens) on held-out
 *  sentences or molecules at one share of masked tokens. */
export interface QualityAtRatio {
  /** Share of the tokens masked: 0.15 is 15%. */
  ratio: number;
  /** Masked tokens scored, when known. */
  masks?: number;
  /** Share of masked tokens that were the model's first guess (0-1). */
  top1: number;
  /** Share of masked tokens among its first five guesses (0-1). */
  top5: number;
  /** Mean entropy of its slot distributions, in nats. */
  entropy: number;
  /** Molecule models: share of best joint fills that RDKit reads as a molecule (0-1). */
  validity?: number;
  /** Molecule models: share of best joint fills that give back the held-out molecule (0-1). */
  exact?: number;
}

/** A model's measured quality: config.json's "evaluation" (written by `npm run eval --
 *  --write-config`), passed on by the catalog. Whole words (or SMILES tokens) masked, one sentence
 *  (or molecule) at a time. */
export interface ModelQuality {
  /** Held-out sentences (a molecule model: molecules) scored at each ratio; the field keeps the
   *  name `npm run eval` writes for both. */
  sentences: number;
  /** One row per share of masked words, lowest share first. */
  ratios: QualityAtRatio[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isShare = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Checks a model's quality record (config.json's "evaluation" or a catalog entry's "quality"):
 *  the record with only the fields above, or a sentence that says what is wrong with it. Fields
 *  other than these (the tool, the sample, the date) are allowed and left out. */
export function checkQuality(value: unknown): ModelQuality | string {
  if (!isObject(value)) return 'must be an object with "sentences" and "ratios"';
  const { sentences, ratios } = value;
  if (!isCount(sentences) || sentences < 1)
    return '"sentences" must be a whole number of at least 1';
  if (!Array.isArray(ratios) || ratios.length === 0) return '"ratios" must be a non-empty list';
  const rows: QualityAtRatio[] = [];
  for (const [i, row] of ratios.entries()) {
    const where = `"ratios" entry ${i}`;
    if (!isObject(row)) return `${where} must be an object`;
    const { ratio, masks, top1, top5, entropy, validity, exact } = row;
    if (!isShare(ratio) || ratio === 0)
      return `${where}: "ratio" must be a share above 0, at most 1`;
    if (masks !== undefined && !isCount(masks)) return `${where}: "masks" must be a whole number`;
    if (!isShare(top1) || !isShare(top5)) {
      return `${where}: "top1" and "top5" must be shares from 0 to 1`;
    }
    if (top1 > top5) return `${where}: "top1" cannot be above "top5"`;
    if (typeof entropy !== 'number' || !Number.isFinite(entropy) || entropy < 0) {
      return `${where}: "entropy" must be a number of nats, 0 or more`;
    }
    if (validity !== undefined && !isShare(validity)) {
      return `${where}: "validity" must be a share from 0 to 1`;
    }
    if (exact !== undefined && !isShare(exact)) {
      return `${where}: "exact" must be a share from 0 to 1`;
    }
    rows.push({
      ratio,
      ...(masks === undefined ? {} : { masks }),
      top1,
      top5,
      entropy,
      ...(validity === undefined ? {} : { validity }),
      ...(exact === undefined ? {} : { exact }),
    });
  }
  return { sentences, ratios: rows.sort((a, b) => a.ratio - b.ratio) };
}

/** A model and the MLM twin trained the same way (null when there is none). */
export interface ModelPair {
  exlm: string;
  mlm: string | null;
}

/** The catalog file the page fetches: `/models/index.json`. */
export const CATALOG_FILE = 'index.json';

/** The English pair this repository trains and ships: the default on a first visit. */
export const SHIPPED_PAIR: ModelPair = { exlm: 'exlm-en-small', mlm: 'mlm-en-small' };

/** The molecule (SMILES) pair this repository trains and ships: molecule mode's default. */
export const SHIPPED_SMILES_PAIR: ModelPair = {
  exlm: 'exlm-smiles-small',
  mlm: 'mlm-smiles-small',
};

/** The pair each mode shows unless a link or the picker asks for another. */
export const SHIPPED_PAIRS: Readonly<Record<InputMode, ModelPair>> = {
  text: SHIPPED_PAIR,
  molecules: SHIPPED_SMILES_PAIR,
};

/** The tiny random-weight pair behind the golden tests: always in the repository. */
export const FIXTURE_PAIR: ModelPair = { exlm: 'tiny-random', mlm: 'tiny-random-mlm' };

/** Folder names the page may fetch from /models/<name>/ and the CLI may read from models/<name>:
 *  no slashes, no "..", nothing that could leave the folder. */
const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isValidModelName(name: string): boolean {
  return MODEL_NAME_PATTERN.test(name) && !name.includes('..');
}

/** Twin folder names to look for, by naming convention: "exlm-x" pairs with "mlm-x", any "x"
 *  with "x-mlm". */
export function twinCandidates(name: string): string[] {
  const candidates = [`${name}-mlm`];
  if (name.includes('exlm')) candidates.unshift(name.replace('exlm', 'mlm'));
  return candidates;
}

/** The pair for one model: its twin when the catalog holds an MLM of that name. */
export function pairFor(name: string, entries: readonly CatalogEntry[]): ModelPair {
  const mlms = new Set(entries.filter((e) => e.architecture === 'mlm').map((e) => e.name));
  const twin = twinCandidates(name).find((candidate) => mlms.has(candidate)) ?? null;
  return { exlm: name, mlm: twin === name ? null : twin };
}

export interface PickerOptions {
  /** Offer the random-weight test models too (the page's `?dev=1`, the CLI's list). */
  dev?: boolean;
  /** Models offered whatever their weights: the one shown now and those shown before. */
  keep?: readonly string[];
  /** Only the models of this mode (all of them when left out: the CLI's list). */
  domain?: InputMode;
}

/** Models offered in the picker, best first: trained ExLMs, then trained MLMs without an ExLM of
 *  their own, then random-weight fixtures; by name within each group. Random-weight models (no
 *  training steps) guess noise, so they are offered only with `dev` or when named in `keep`. */
export function pickerModels(
  entries: readonly CatalogEntry[],
  { dev = false, keep = [], domain }: PickerOptions = {},
): CatalogEntry[] {
  const twins = new Set(
    entries.filter((e) => e.architecture === 'exlm').map((e) => pairFor(e.name, entries).mlm),
  );
  const rank = (e: CatalogEntry): number =>
    (e.trainingSteps === null ? 2 : 0) + (e.architecture === 'mlm' ? 1 : 0);
  return entries
    .filter((e) => !twins.has(e.name))
    .filter((e) => domain === undefined || e.domain === domain)
    .filter((e) => e.trainingSteps !== null || dev || keep.includes(e.name))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

export interface ModelChoice {
  pair: ModelPair;
  /** Set when the requested model is not in the catalog (the page says so). */
  missing: string | null;
  /** Set when the requested model reads the other mode's input (a text model asked for in
   *  molecule mode): the mode's own default is shown instead, and the page says so. */
  otherDomain: string | null;
}

/**
 * The pair to load in `domain`'s mode: the requested model (from a link or the picker) when the
 * catalog has it for this mode, else the mode's shipped pair, else the best model the picker
 * offers for the mode. With none it still names the mode's shipped pair (the fixture for text), so
 * that the load fails with a message that names a folder.
 */
export function chooseModels(
  requested: string | null,
  entries: readonly CatalogEntry[],
  domain: InputMode = 'text',
): ModelChoice {
  const entry = (name: string) => entries.find((e) => e.name === name);
  const found = requested === null ? undefined : entry(requested);
  const missing = requested !== null && found === undefined ? requested : null;
  const otherDomain = found !== undefined && found.domain !== domain ? found.name : null;
  if (found !== undefined && otherDomain === null) {
    return { pair: pairFor(found.name, entries), missing, otherDomain };
  }
  const shipped = SHIPPED_PAIRS[domain].exlm;
  const empty = domain === 'text' ? FIXTURE_PAIR.exlm : shipped;
  const fallback =
    entry(shipped)?.domain === domain
      ? shipped
      : (pickerModels(entries, { dev: true, domain })[0]?.name ?? empty);
  return { pair: pairFor(fallback, entries), missing, otherDomain };
}

export class CatalogError extends Error {
  override name = 'CatalogError';
}

/** Reads the catalog file; throws a CatalogError that says what is wrong. */
export function parseCatalog(text: string): CatalogEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CatalogError(`the model catalog (${CATALOG_FILE}) is not JSON`);
  }
  const models = (data as { models?: unknown } | null)?.models;
  if (!Array.isArray(models)) {
    throw new CatalogError(`the model catalog (${CATALOG_FILE}) has no "models" list`);
  }
  return models.map((item: unknown, i) => {
    const e = item as Partial<CatalogEntry> | null;
    const steps = e?.trainingSteps;
    if (
      e === null ||
      typeof e.name !== 'string' ||
      !isValidModelName(e.name) ||
      (e.architecture !== 'exlm' && e.architecture !== 'mlm') ||
      typeof e.expansion !== 'number' ||
      (e.domain !== undefined && e.domain !== 'text' && e.domain !== 'molecules') ||
      !(steps === null || typeof steps === 'number')
    ) {
      throw new CatalogError(`the model catalog (${CATALOG_FILE}) entry ${i} is malformed`);
    }
    const quality = e.quality === undefined ? undefined : checkQuality(e.quality);
    if (typeof quality === 'string') {
      throw new CatalogError(
        `the model catalog (${CATALOG_FILE}) entry ${i} has a malformed "quality": ${quality}`,
      );
    }
    return {
      name: e.name,
      architecture: e.architecture,
      expansion: e.expansion,
      // A catalog written before molecule models lists only text models.
      domain: e.domain ?? 'text',
      trainingSteps: steps,
      ...(quality === undefined ? {} : { quality }),
    };
  });
}
