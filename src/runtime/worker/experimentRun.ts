// The mask-ratio experiment in the worker (src/model/maskRatio.ts): ratio by ratio, the maskings
// of every sentence go through the models in batches, one forward pass per model and batch that
// scores the slots alone (ExlmModel.scoreSlotsBatch: what the metrics read, as the page's analysis
// gives it up to float rounding), each batch one job in the worker's queue, so analyses asked for
// meanwhile run in between and a cancel takes effect at the next batch. Maskings of about the same
// length share a batch (sorted by their token count), as each is padded to the batch's longest.
// The numbers are tallied in the run's order once a ratio is done, so batching changes nothing in
// them but float rounding.
import { MASK_TOKEN } from '../../core/words';
import { isSpecialId } from '../../model/dag';
import {
  RatioTally,
  type SentenceScore,
  sentenceScoreOf,
  spreadOf,
  TOP_COUNT,
} from '../../model/evalMetrics';
import {
  EXPERIMENT_BATCH,
  type ExperimentModelResult,
  type ExperimentPoint,
  type ExperimentProgress,
  experimentMasks,
  type MaskingScores,
} from '../../model/maskRatio';
import type {
  ExperimentReply,
  ExperimentRequest,
  ExperimentSentence,
  ExperimentTimingRequest,
} from '../protocol';
import type { LoadedModel } from './modelPort';

/** What the experiment needs of the worker around it. */
export interface ExperimentHost {
  /** The loaded model `name`; throws when it is not loaded. */
  model(name: string): LoadedModel;
  /** Runs `job` in the worker's queue, after the jobs queued before it. */
  enqueue<T>(job: () => Promise<T>): Promise<T>;
  /** Waits a macrotask, so that messages that arrived meanwhile (an analysis, a cancel) are
   *  dispatched first. */
  yieldToMessages(): Promise<void>;
  cancelled(runId: number): boolean;
  /** Counts analyses run (the worker's stats). */
  analysesRun(count: number): void;
  now(): number;
}

/** One masking of one sentence at one ratio. */
interface Masking {
  /** Its place in the ratio: sentence x repeats + repeat. */
  index: number;
  words: readonly string[];
  masks: ReadonlySet<number>;
  /** The words, the masked ones as [MASK]. */
  text: string;
  /** Tokens of `text` for the first model, [CLS] and [SEP] included (the batching order). */
  tokens: number;
}

/** A masking as scored by one model: the hidden words' ids and the slots for them. */
interface Scored {
  targets: number[];
  score: SentenceScore;
}

/** The id a masked word should get back: its one token, or -1 when the model's tokenizer reads it
 *  as several pieces or as a special token (no single slot token can then be right). */
function targetOf(model: LoadedModel, word: string): number {
  const ids = model.pieceIds(word);
  return ids.length === 1 && !isSpecialId(ids[0]!) ? ids[0]! : -1;
}

/** The words of `sentence` that may be masked: as given, else those `model` reads as one token. */
function maskableOf(model: LoadedModel, sentence: ExperimentSentence): number[] {
  return (
    sentence.maskable ??
    sentence.words.flatMap((word, i) => (targetOf(model, word) === -1 ? [] : [i]))
  );
}

/** One model's score of one masking from its slots, or null when the slots do not match the
 *  masks. A [MASK] typed in the sentence stays masked and has a slot, which is not scored. */
function scoreOf(model: LoadedModel, masking: Masking, score: SentenceScore): Scored | null {
  const { words, masks } = masking;
  const slotWords = words.flatMap((word, i) => (masks.has(i) || word === MASK_TOKEN ? [i] : []));
  if (score.slots.length !== slotWords.length) return null;
  const kept = slotWords.flatMap((word, slot) => (masks.has(word) ? [slot] : []));
  return {
    targets: kept.map((slot) => targetOf(model, words[slotWords[slot]!]!)),
    score: { slots: kept.map((slot) => score.slots[slot]!), ms: score.ms },
  };
}

/** Groups of at most `size` maskings, shortest first, so each batch pads little. */
function batchesOf<T extends { index: number; tokens: number }>(
  maskings: readonly T[],
  size: number,
): T[][] {
  const sorted = [...maskings].sort((a, b) => a.tokens - b.tokens || a.index - b.index);
  const batches: T[][] = [];
  for (let i = 0; i < sorted.length; i += Math.max(1, size)) {
    batches.push(sorted.slice(i, i + Math.max(1, size)));
  }
  return batches;
}

/** Every model's scores of a batch of maskings: one forward pass per model that scores the slots
 *  alone, or, when `single`, one whole analysis per masking (the page's own, which the slot scores
 *  match up to float rounding). Maskings too long for a model get null from it. */
async function scoreBatch(
  models: readonly LoadedModel[],
  batch: readonly Masking[],
  single: boolean,
  host: ExperimentHost,
): Promise<(Scored | null)[][]> {
  const options = { topK: TOP_COUNT, attention: false, states: false, bestFills: false };
  const scored: (Scored | null)[][] = [];
  for (const model of models) {
    const fits = batch.filter((m) => model.countTokens(m.text) <= model.info.config.max_positions);
    const texts = fits.map((m) => m.text);
    let scores: SentenceScore[] = [];
    if (single) {
      for (const text of texts) scores.push(sentenceScoreOf(await model.analyze(text, options)));
    } else if (texts.length > 0) scores = await model.scoreSlots(texts, TOP_COUNT);
    host.analysesRun(scores.length);
    const byMasking = new Map(fits.map((m, i) => [m, scoreOf(model, m, scores[i]!)]));
    scored.push(batch.map((m) => byMasking.get(m) ?? null));
  }
  return scored;
}

/** The maskings of every sentence at ratio number `ratioIndex`, and the indices of those with
 *  nothing to mask. */
function maskingsAt(
  request: Pick<ExperimentRequest, 'ratios' | 'repeats' | 'seed' | 'firstSentence'>,
  sentences: readonly { words: readonly string[]; maskable: readonly number[] }[],
  ratioIndex: number,
  first: LoadedModel,
): { maskings: Masking[]; empty: number[] } {
  const { ratios, repeats, seed } = request;
  const firstSentence = request.firstSentence ?? 0;
  const maskings: Masking[] = [];
  const empty: number[] = [];
  sentences.forEach(({ words, maskable }, sentence) => {
    for (let repeat = 0; repeat < repeats; repeat++) {
      const index = sentence * repeats + repeat;
      const coordinates = { seed, ratioIndex, sentence: firstSentence + sentence, repeat };
      const masks = new Set(experimentMasks(maskable, ratios[ratioIndex]!, coordinates));
      if (masks.size === 0) {
        empty.push(index);
        continue;
      }
      const text = words.map((word, i) => (masks.has(i) ? MASK_TOKEN : word)).join(' ');
      maskings.push({ index, words, masks, text, tokens: first.countTokens(text) });
    }
  });
  return { maskings, empty };
}

/** One model's point at one ratio from its scores, masking by masking in the run's order. */
function pointOf(
  ratio: number,
  scores: readonly (Scored | null)[],
  words: readonly number[],
): ExperimentPoint {
  const tally = new RatioTally(ratio);
  const maskings: MaskingScores = { masks: [], top1: [], top5: [], entropy: [] };
  const entropies: number[] = [];
  let wordCount = 0;
  scores.forEach((scored, index) => {
    const hits =
      scored === null || scored.targets.length === 0
        ? null
        : tally.add(scored.targets, scored.score);
    if (hits === null) tally.skip(index);
    else {
      entropies.push(hits.entropy / hits.masks);
      wordCount += words[index]!;
    }
    maskings.masks.push(hits?.masks ?? 0);
    maskings.top1.push(hits?.top1 ?? 0);
    maskings.top5.push(hits?.top5 ?? 0);
    maskings.entropy.push(hits?.entropy ?? 0);
  });
  return { ...tally.result(), words: wordCount, entropySpread: spreadOf(entropies), maskings };
}

/** Runs the experiment `request` (see ModelWorkerApi.runExperiment). */
export async function runExperiment(
  request: ExperimentRequest,
  onProgress: (progress: ExperimentProgress) => void,
  host: ExperimentHost,
): Promise<ExperimentReply> {
  const { runId, ratios, repeats } = request;
  const started = host.now();
  const models = request.models.map((name) => host.model(name));
  const first = models[0];
  if (first === undefined) throw new Error('No model was named for the experiment.');
  const results: ExperimentModelResult[] = request.models.map((name, m) => ({
    model: name,
    architecture: models[m]!.info.config.architecture,
    points: [],
  }));
  const reply = (status: ExperimentReply['status']): ExperimentReply => ({
    runId,
    status,
    models: results,
    elapsedMs: host.now() - started,
  });
  const sentences = request.sentences.map((s) => ({
    words: s.words,
    maskable: maskableOf(first, s),
  }));
  const perRatio = sentences.length * repeats;
  const wordsOf = sentences.flatMap((s) => Array<number>(repeats).fill(s.words.length));
  const report = (ratioIndex: number, done: number) => {
    const progress: ExperimentProgress = {
      runId,
      ratio: ratios[ratioIndex]!,
      ratioIndex,
      ratioCount: ratios.length,
      done,
      perRatio,
      models: results.map((result) => ({ ...result, points: [...result.points] })),
    };
    // The page may be gone: a progress report that cannot be delivered stops nothing.
    void Promise.resolve()
      .then(() => onProgress(progress))
      .catch(() => undefined);
  };
  const single = request.batchSize === 1;
  for (let ratioIndex = 0; ratioIndex < ratios.length; ratioIndex++) {
    const { maskings, empty } = maskingsAt(request, sentences, ratioIndex, first);
    const scores = models.map(() => Array<Scored | null>(perRatio).fill(null));
    let done = empty.length;
    for (const batch of batchesOf(maskings, request.batchSize ?? EXPERIMENT_BATCH)) {
      await host.yieldToMessages();
      if (host.cancelled(runId)) return reply('cancelled');
      const scored = await host.enqueue(() => scoreBatch(models, batch, single, host));
      scored.forEach((byMasking, m) =>
        batch.forEach((masking, i) => (scores[m]![masking.index] = byMasking[i]!)),
      );
      done += batch.length;
      if (done < perRatio) report(ratioIndex, done);
    }
    scores.forEach((modelScores, m) => {
      results[m]!.points.push(pointOf(ratios[ratioIndex]!, modelScores, wordsOf));
    });
    report(ratioIndex, perRatio);
  }
  return reply('done');
}

/** Milliseconds per masking, all models together (see ModelWorkerApi.timeExperiment): a batch of
 *  the first sentences' maskings, once to warm up and twice timed. */
export async function timeExperiment(
  request: ExperimentTimingRequest,
  host: ExperimentHost,
): Promise<number> {
  const models = request.models.map((name) => host.model(name));
  const first = models[0];
  if (first === undefined) throw new Error('No model was named for the timing.');
  const sentences = request.sentences
    .slice(0, EXPERIMENT_BATCH)
    .map((s) => ({ words: s.words, maskable: maskableOf(first, s) }));
  const { maskings } = maskingsAt(
    { ratios: [request.ratio], repeats: 1, seed: request.seed },
    sentences,
    0,
    first,
  );
  if (maskings.length === 0) return 0;
  return host.enqueue(async () => {
    await scoreBatch(models, maskings, false, host); // shapes and buffers for this batch
    // The faster of two: on a busy machine one of them is often slowed by something else.
    let fastest = Infinity;
    for (let run = 0; run < 2; run++) {
      const start = host.now();
      await scoreBatch(models, maskings, false, host);
      fastest = Math.min(fastest, host.now() - start);
    }
    return fastest / maskings.length;
  });
}
