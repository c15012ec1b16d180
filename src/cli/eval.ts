// `npm run eval`: scores shipped model folders with the TypeScript runtime (tfjs wasm in Node, the
// backend setup of src/node/index.ts) on the evaluation sample of training/eval_sample.py: for
// each model and mask ratio, masked-token top-1 / top-5 accuracy of the slot marginals and the
// mean entropy of the slot distributions, plus the mean analysis time. Molecule models (a SMILES
// tokenizer) are scored on the molecule sample, and each input's best joint fill is also checked
// with RDKit (src/node/rdkit.ts): the share that is a valid molecule and the share that is the test
// molecule itself, and the same for the first valid fill among its N best joint fills. Prints a
// table, writes JSON (the input of training/model_card.py and of
// training/evaluate.py --compare) and, with --write-cards, the model cards.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import * as tf from '@tensorflow/tfjs';

import { SHIPPED_PAIR } from '../core/catalog';
import { SPECIAL_IDS } from '../model';
import { BEST_FILL_COUNT } from '../model/bestFills';
import { type RatioResult, RatioTally, TOP_COUNT } from '../model/evalMetrics';
import { type SmilesValidity, smilesValidity } from '../node/rdkit';
import { EXIT_CODES, messageOf, ModelLoadError, UsageError } from './errors';
import { evaluationRecord, writeConfigEvaluation } from './eval-config';
import { DOMAIN_DEFAULTS, domainNoun, type EvalDomain, folderDomain } from './eval-domain';
import { filledIds, type FillResult, FillTally } from './eval-fills';
import { maskedInput, readEvalSample, type EvalSample } from './eval-sample';
import { loadScorer, type Route, ROUTES, type Scorer } from './eval-scorers';
import type { CliIo } from './io';
import { PACKAGE_ROOT } from './model';

export const EVAL_HELP = `npm run eval -- [options]

Scores model folders on the evaluation sample with the TypeScript runtime (tfjs wasm).
Text models and molecule models (a SMILES tokenizer) each have their own sample and files;
molecule models are also scored on how many of their best joint fills RDKit reads as molecules,
and how often one of their ${BEST_FILL_COUNT} best joint fills is (the first valid one taken).

  --models A,B     model folders, all text or all molecules
                   (default models/${SHIPPED_PAIR.exlm},models/${SHIPPED_PAIR.mlm})
  --sample FILE    made by ${DOMAIN_DEFAULTS.text.sampleCommand}
                   (default ${DOMAIN_DEFAULTS.text.sample}; molecules: ${DOMAIN_DEFAULTS.molecules.sample},
                   made by ${DOMAIN_DEFAULTS.molecules.sampleCommand})
  --limit N        only the first N sentences of the sample (molecules: make a smaller sample
                   with --n instead, as the test split lists its molecules source by source)
  --json FILE      results (default ${DOMAIN_DEFAULTS.text.json}; molecules: ${DOMAIN_DEFAULTS.molecules.json})
  --route R        ids (default): token ids straight into the model pipeline;
                   text: ExlmModel.analyze on text rebuilt from the ids (skips what cannot round-trip)
  --write-cards    then write each folder's README.md with training/model_card.py
  --write-config   then write each folder's scores into its config.json ("evaluation"),
                   which the playground shows next to the model's name
  --parity FILE    with --write-cards: the PyTorch parity results to cite in the cards
                   (/usr/bin/python3 -m training.evaluate --compare RESULTS --json FILE)
  --stats FILE     with --write-cards: data counts and licences
                   (default ${DOMAIN_DEFAULTS.text.stats}; molecules: ${DOMAIN_DEFAULTS.molecules.stats})
`;

export interface EvalArgs {
  models: string[];
  /** undefined: the default of the models' domain (DOMAIN_DEFAULTS), as are json and stats. */
  sample: string | undefined;
  limit: number | undefined;
  json: string | undefined;
  route: Route;
  writeCards: boolean;
  writeConfig: boolean;
  parity: string | undefined;
  stats: string | undefined;
}

/** The arguments with every file named: the given ones, else the defaults of the models' domain. */
type EvalFiles = EvalArgs & { sample: string; json: string; stats: string };

/** One ratio's scores; molecule models add their fills' validity. */
export type ModelRatioResult = RatioResult & Partial<FillResult>;

export interface ModelResult {
  model: string;
  folder: string;
  architecture: string;
  expansion: number;
  parameters: number;
  weight_bytes: number;
  load_ms: number;
  ratios: ModelRatioResult[];
}

export interface EvalResults {
  tool: string;
  backend: string;
  route: Route;
  /** Which models and sample: English sentences or molecules (SMILES). */
  domain: EvalDomain;
  /** Molecules: the library that checked the fills ("RDKit MinimalLib 2026.09.1"). */
  validity_checker?: string;
  /** Molecules: N, how many of the best joint fills are searched for a valid one. */
  best_fills?: number;
  /** Molecules: how many of the sample's test molecules, unmasked, that library reads as molecules
   *  (all of them, unless it disagrees with the RDKit that made the data). */
  valid_references?: number;
  sample: string;
  sentences: number;
  created: string;
  models: ModelResult[];
}

/** Parsed options, or null when --help was asked for. */
export function parseEvalArgs(argv: string[]): EvalArgs | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        models: {
          type: 'string',
          default: `models/${SHIPPED_PAIR.exlm},models/${SHIPPED_PAIR.mlm}`,
        },
        sample: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'string' },
        route: { type: 'string', default: 'ids' },
        'write-cards': { type: 'boolean', default: false },
        'write-config': { type: 'boolean', default: false },
        parity: { type: 'string' },
        stats: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(messageOf(error));
  }
  if (values.help) return null;
  const models = values.models.split(',').filter((m) => m.trim() !== '');
  if (models.length === 0) throw new UsageError('--models needs at least one model folder.');
  if (values.limit !== undefined && !/^[1-9]\d*$/.test(values.limit)) {
    throw new UsageError(`--limit must be a whole number of at least 1, got "${values.limit}".`);
  }
  const route = ROUTES.find((r) => r === values.route);
  if (route === undefined) {
    throw new UsageError(`--route must be one of ${ROUTES.join(', ')}, got "${values.route}".`);
  }
  return {
    models,
    sample: values.sample,
    limit: values.limit === undefined ? undefined : Number(values.limit),
    json: values.json,
    route,
    writeCards: values['write-cards'],
    writeConfig: values['write-config'],
    parity: values.parity,
    stats: values.stats,
  };
}

/** Whether a SMILES string is a molecule (src/node/rdkit.ts); given for molecule models only. */
type ValidityCheck = (smiles: string) => boolean;

/** Score every sentence of the sample at every ratio with one loaded model; with `isValid`, also
 *  check each input's best joint fill, put back into its molecule. */
export async function scoreModel(
  scorer: Scorer,
  sample: EvalSample,
  onRatio: (result: ModelRatioResult) => void = () => {},
  isValid?: ValidityCheck,
): Promise<ModelRatioResult[]> {
  const first = sample.items[0]!;
  await scorer.score(maskedInput(first, sample.ratios[0]!, SPECIAL_IDS).input, TOP_COUNT); // warm-up
  const results: ModelRatioResult[] = [];
  for (const ratio of sample.ratios) {
    const tally = new RatioTally(Number(ratio));
    const fills = new FillTally();
    for (const item of sample.items) {
      const { input, targets } = maskedInput(item, ratio, SPECIAL_IDS);
      const score = await scorer.score(input, TOP_COUNT);
      if (score === null) {
        tally.skip(item.index);
        continue;
      }
      tally.add(targets, score);
      if (isValid !== undefined) {
        const valid = (ids: number[]): boolean => isValid(scorer.tokenizer.decode(ids));
        const filled = filledIds(item, ratio, score.fill);
        const firstValid = score.bestFills.map((fill) => filledIds(item, ratio, fill)).find(valid);
        fills.add(filled, item.ids, valid(filled), firstValid ?? null);
      }
    }
    const result = { ...tally.result(), ...(isValid === undefined ? {} : fills.result()) };
    results.push(result);
    onRatio(result);
  }
  return results;
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`.padStart(7);

/** The evaluation table: model, ratio, masks, top-1, top-5, entropy, ms (and skipped if any);
 *  for molecules also the shares of valid and exact fills, for the best joint fill and for the
 *  first valid one among the N best. */
export function formatEvalTable(results: EvalResults): string {
  const anySkipped = results.models.some((m) => m.ratios.some((r) => r.skipped.length > 0));
  const molecules = results.domain === 'molecules';
  const head =
    `${'model'.padEnd(20)} ${'ratio'.padStart(5)} ${'masks'.padStart(6)} ${'top-1'.padStart(7)} ` +
    `${'top-5'.padStart(7)} ${'entropy'.padStart(8)} ` +
    (molecules
      ? `${'valid'.padStart(7)} ${'exact'.padStart(7)} ` +
        `${`valid@${BEST_FILL_COUNT}`.padStart(8)} ${`exact@${BEST_FILL_COUNT}`.padStart(8)} `
      : '') +
    `${'ms'.padStart(7)}` +
    (anySkipped ? ` ${'skipped'.padStart(8)}` : '');
  const lines = [head, '-'.repeat(head.length)];
  for (const m of results.models) {
    for (const r of m.ratios) {
      lines.push(
        `${m.model.padEnd(20)} ${r.ratio.toFixed(2).padStart(5)} ${String(r.masks).padStart(6)} ` +
          `${pct(r.top1)} ${pct(r.top5)} ${r.entropy.toFixed(4).padStart(8)} ` +
          (molecules
            ? `${pct(r.validity ?? 0)} ${pct(r.exact ?? 0)} ` +
              `${pct(r.validity_n_best ?? 0).padStart(8)} ${pct(r.exact_n_best ?? 0).padStart(8)} `
            : '') +
          `${r.mean_ms.toFixed(1).padStart(7)}` +
          (anySkipped ? ` ${String(r.skipped.length).padStart(8)}` : ''),
      );
    }
  }
  const notes = molecules
    ? '\nvalid: best joint fills that RDKit reads as a molecule; exact: fills that give back the test molecule' +
      `\nvalid@${BEST_FILL_COUNT}: molecules with a valid fill among the ${BEST_FILL_COUNT} best joint fills; ` +
      `exact@${BEST_FILL_COUNT}: the first valid one gives back the test molecule` +
      `\n(the test molecules themselves: ${results.valid_references ?? '?'} of ${results.sentences} valid)\n`
    : '';
  return lines.join('\n') + '\n' + notes;
}

/** The one domain of all `folders`; a mix of text and molecule models is refused. */
function modelsDomain(folders: string[]): EvalDomain {
  const domains = folders.map(folderDomain);
  const domain = domains[0]!;
  const other = domains.findIndex((d) => d !== domain);
  if (other >= 0) {
    throw new UsageError(
      `--models mixes ${domainNoun(domain)} models (${folders[0]}) and ${domainNoun(domains[other]!)} ` +
        `models (${folders[other]}): score each kind in a run of its own.`,
    );
  }
  return domain;
}

/** The sample must be for the models' domain: a text sample on a molecule model (or the other way
 *  round) would score ids of one vocabulary as tokens of the other. */
function checkSampleDomain(sample: EvalSample, file: string, domain: EvalDomain, folder: string) {
  if (sample.domain === domain) return;
  const wanted = DOMAIN_DEFAULTS[domain];
  throw new UsageError(
    `${file} is a ${domainNoun(sample.domain)} sample but ${folder} is a ${domainNoun(domain)} model: ` +
      `give --sample ${wanted.sample} (made by ${wanted.sampleCommand}).`,
  );
}

/** Run training/model_card.py once for all folders (one Python start: importing torch is slow
 *  on a busy machine); false, after saying why, if it fails. It runs from the repository root
 *  (python -m training...), so every path is made absolute first. */
function writeCards(args: EvalFiles, io: CliIo): boolean {
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  const cardArgs = ['-m', 'training.model_card', '--eval', resolve(args.json)];
  cardArgs.push('--stats', resolve(args.stats));
  if (args.parity !== undefined) cardArgs.push('--parity', resolve(args.parity));
  for (const folder of args.models) cardArgs.push('--model', resolve(folder));
  const run = spawnSync(python, cardArgs, { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  io.stdout(run.stdout ?? '');
  if (run.status !== 0) {
    io.stderr(`writing the model cards failed: ${run.stderr || run.error?.message || ''}\n`);
    return false;
  }
  return true;
}

/** The command: returns the exit code (0 ok, 1 cards failed, 2 unusable arguments or model). */
export async function runEval(argv: string[], io: CliIo): Promise<number> {
  let args: EvalFiles;
  let domain: EvalDomain;
  let sample: EvalSample;
  let validity: SmilesValidity | undefined;
  try {
    const parsed = parseEvalArgs(argv);
    if (parsed === null) {
      io.stdout(EVAL_HELP);
      return EXIT_CODES.ok;
    }
    for (const folder of parsed.models) {
      if (!existsSync(resolve(folder, 'config.json'))) {
        throw new ModelLoadError(
          `${folder}/config.json not found: give model folders with --models.`,
        );
      }
    }
    domain = modelsDomain(parsed.models);
    const defaults = DOMAIN_DEFAULTS[domain];
    args = {
      ...parsed,
      sample: parsed.sample ?? defaults.sample,
      json: parsed.json ?? defaults.json,
      stats: parsed.stats ?? defaults.stats,
    };
    sample = readEvalSample(args.sample, args.limit);
    checkSampleDomain(sample, args.sample, domain, args.models[0]!);
    if (domain === 'molecules') validity = await smilesValidity();
  } catch (error) {
    io.stderr(`exlm eval: ${messageOf(error)}\n`);
    return EXIT_CODES.unusable;
  }

  const results: EvalResults = {
    tool: 'npm run eval (TypeScript runtime, tfjs wasm)',
    backend: '',
    route: args.route,
    domain,
    ...(validity === undefined
      ? {}
      : { validity_checker: validity.library, best_fills: BEST_FILL_COUNT }),
    sample: args.sample,
    sentences: sample.items.length,
    created: new Date().toISOString(),
    models: [],
  };
  for (const folder of args.models) {
    const name = basename(resolve(folder));
    const started = performance.now();
    let scorer: Scorer;
    try {
      scorer = await loadScorer(folder, args.route);
    } catch (error) {
      io.stderr(`exlm eval: cannot load ${folder}: ${messageOf(error)}\n`);
      return EXIT_CODES.unusable;
    }
    const loadMs = performance.now() - started;
    results.backend = tf.getBackend();
    if (validity !== undefined && results.valid_references === undefined) {
      const { isValid } = validity;
      const decode = (ids: number[]): string => scorer.tokenizer.decode(ids);
      results.valid_references = sample.items.filter((item) => isValid(decode(item.ids))).length;
    }
    try {
      const tooBig = sample.items.find((item) =>
        item.ids.some((id) => id >= scorer.info.config.vocab_size),
      );
      if (tooBig !== undefined) {
        throw new UsageError(
          `${DOMAIN_DEFAULTS[domain].input} ${tooBig.index} of ${args.sample} has ids beyond vocab_size ` +
            `${scorer.info.config.vocab_size} of ${folder}: the sample was made with another tokenizer.`,
        );
      }
      const ratios = await scoreModel(
        scorer,
        sample,
        (r) =>
          io.stderr(
            `${name}: ratio ${r.ratio}: ${r.sentences} ${DOMAIN_DEFAULTS[domain].inputs}, ${r.masks} masks\n`,
          ),
        validity?.isValid,
      );
      const { config } = scorer.info;
      results.models.push({
        model: name,
        folder,
        architecture: config.architecture,
        expansion: config.expansion,
        parameters: scorer.info.parameterCount,
        weight_bytes: scorer.info.weightBytes,
        load_ms: loadMs,
        ratios,
      });
    } catch (error) {
      io.stderr(`exlm eval: ${folder}: ${messageOf(error)}\n`);
      return EXIT_CODES.unusable;
    } finally {
      scorer.dispose();
    }
  }

  io.stdout(
    `TypeScript evaluation (${results.backend}, route ${results.route}), ` +
      `${results.sentences} ${DOMAIN_DEFAULTS[domain].inputs} of ${args.sample}\n`,
  );
  io.stdout(formatEvalTable(results));
  mkdirSync(dirname(resolve(args.json)), { recursive: true });
  writeFileSync(args.json, JSON.stringify(results, null, 1) + '\n');
  io.stdout(`results: ${args.json}\n`);
  if (args.writeConfig) {
    for (const model of results.models) {
      const record = evaluationRecord(results, model.ratios, DOMAIN_DEFAULTS[domain].masking);
      const path = writeConfigEvaluation(model.folder, record);
      io.stdout(`wrote the evaluation into ${path}\n`);
    }
  }
  if (args.writeCards && !writeCards(args, io)) return EXIT_CODES.inputsFailed;
  return EXIT_CODES.ok;
}
