// The mask-ratio experiment in several model workers at once (wasm and cpu run on one core per
// worker): the sample's sentences split into contiguous shares, each worker runs its share as a
// run of its own, and the shares' numbers merge, masking by masking in the sentences' order, into
// what one worker would have reported: the same tallies, summed in the same order, so the curves
// and their bands are identical (only the mean time per analysis is a mean of the shares').
import { RatioTally, spreadOf } from '../../model/evalMetrics';
import type {
  ExperimentModelResult,
  ExperimentPoint,
  ExperimentProgress,
  MaskingScores,
} from '../../model/maskRatio';
import type { ExperimentReply, ExperimentRequest, ExperimentSentence } from '../protocol';
import type { ModelClient } from './modelClient';

/** What a run needs of a worker: its API, the wrapping of a callback for it and, for a helper,
 *  the promise that rejects when the worker itself fails (experimentHelpers.ts). */
export type ExperimentWorker = Pick<ModelClient, 'api' | 'proxy'> & { failed?: Promise<never> };

/** At most `count` contiguous shares of `sentences`, none empty, with about as many words each
 *  (a masking costs about its length). */
export function shareSentences<T extends ExperimentSentence>(
  sentences: readonly T[],
  count: number,
): T[][] {
  const shares = Math.max(1, Math.min(count, sentences.length));
  const total = sentences.reduce((sum, s) => sum + s.words.length, 0);
  const result: T[][] = [[]];
  let words = 0;
  sentences.forEach((sentence, i) => {
    const left = sentences.length - i;
    const sharesLeft = shares - result.length;
    // A new share where the cut comes closest to this one's part of the words (before the
    // sentence if its middle lies past it), or when every sentence left is needed to give each
    // remaining share one.
    const middle = words + sentence.words.length / 2;
    const full = middle > (total * result.length) / shares || left <= sharesLeft;
    if (result.at(-1)!.length > 0 && sharesLeft > 0 && full) result.push([]);
    result.at(-1)!.push(sentence);
    words += sentence.words.length;
  });
  return result;
}

/** One ratio's point from the shares' points, whose maskings start at `offsets` in the whole run
 *  (for the indices of the skipped ones). */
function mergePoint(
  parts: readonly ExperimentPoint[],
  offsets: readonly number[],
): ExperimentPoint {
  const tally = new RatioTally(parts[0]!.ratio);
  const maskings: MaskingScores = { masks: [], top1: [], top5: [], entropy: [] };
  const entropies: number[] = [];
  let words = 0;
  let msSum = 0;
  parts.forEach((part, p) => {
    const own = part.maskings;
    own.masks.forEach((masks, i) => {
      const hits = { masks, top1: own.top1[i]!, top5: own.top5[i]!, entropy: own.entropy[i]! };
      // A masking with no scored mask is one the run skipped (experimentRun.ts pointOf).
      if (masks > 0) {
        tally.addHits(hits, 0);
        entropies.push(hits.entropy / masks);
      } else tally.skip(offsets[p]! + i);
      maskings.masks.push(masks);
      maskings.top1.push(hits.top1);
      maskings.top5.push(hits.top5);
      maskings.entropy.push(hits.entropy);
    });
    words += part.words;
    msSum += part.mean_ms * part.sentences;
  });
  const result = tally.result();
  return {
    ...result,
    mean_ms: result.sentences > 0 ? msSum / result.sentences : 0,
    words,
    entropySpread: spreadOf(entropies),
    maskings,
  };
}

/** Every model's results from the shares' (one list per share, in the sentences' order): the
 *  ratios that every share has finished. */
export function mergeResults(
  shares: readonly (readonly ExperimentModelResult[])[],
  offsets: readonly number[],
): ExperimentModelResult[] {
  const first = shares[0] ?? [];
  return first.map((result, m) => {
    const finished = Math.min(...shares.map((share) => share[m]?.points.length ?? 0));
    return {
      ...result,
      points: Array.from({ length: finished }, (_, r) =>
        mergePoint(
          shares.map((share) => share[m]!.points[r]!),
          offsets,
        ),
      ),
    };
  });
}

/** The progress of the whole run from each share's latest report (null: none yet): maskings done
 *  over all the ratios, and the ratios every share has finished. */
function mergeProgress(
  request: ExperimentRequest,
  perRatio: readonly number[],
  latest: readonly (ExperimentProgress | null)[],
  offsets: readonly number[],
): ExperimentProgress {
  const whole = perRatio.reduce((a, b) => a + b, 0);
  const done = latest.reduce(
    (sum, p) => sum + (p === null ? 0 : p.ratioIndex * p.perRatio + p.done),
    0,
  );
  const ratioCount = request.ratios.length;
  const ratioIndex = Math.min(Math.floor(done / whole), ratioCount - 1);
  const reported = latest.every((p) => p !== null);
  return {
    runId: request.runId,
    ratio: request.ratios[ratioIndex]!,
    ratioIndex,
    ratioCount,
    done: done - ratioIndex * whole,
    perRatio: whole,
    models: reported
      ? mergeResults(
          latest.map((p) => p!.models),
          offsets,
        )
      : [],
  };
}

/**
 * Runs `request` in `workers` (the first one the page's own), each on a contiguous share of the
 * sentences, and merges their progress and replies. A share that fails, or a worker that fails
 * itself (its `failed` rejects: comlink leaves its calls waiting), stops the others (their runs
 * are cancelled and awaited) and the run fails with its error; a cancel reaches every worker through
 * `cancelExperiment` (the caller's), and the reply then holds the ratios every share finished.
 */
export async function runShardedExperiment(
  workers: readonly ExperimentWorker[],
  request: ExperimentRequest,
  onProgress: (progress: ExperimentProgress) => void,
): Promise<ExperimentReply> {
  const shares = shareSentences(request.sentences, workers.length);
  const perRatio = shares.map((share) => share.length * request.repeats);
  const offsets = perRatio.map((_, i) => perRatio.slice(0, i).reduce((a, b) => a + b, 0));
  const latest: (ExperimentProgress | null)[] = shares.map(() => null);
  const runs = shares.map((sentences, w) => {
    const worker = workers[w]!;
    const progress = worker.proxy((p: ExperimentProgress) => {
      latest[w] = p;
      onProgress(mergeProgress(request, perRatio, latest, offsets));
    });
    const firstSentence = (request.firstSentence ?? 0) + offsets[w]! / request.repeats;
    const reply = worker.api.runExperiment({ ...request, sentences, firstSentence }, progress);
    return worker.failed === undefined ? reply : Promise.race([reply, worker.failed]);
  });
  let replies: ExperimentReply[];
  try {
    replies = await Promise.all(runs);
  } catch (error) {
    workers.forEach((w) => w.api.cancelExperiment(request.runId).catch(() => undefined));
    await Promise.allSettled(runs);
    throw error;
  }
  return {
    runId: request.runId,
    status: replies.every((r) => r.status === 'done') ? 'done' : 'cancelled',
    models: mergeResults(
      replies.map((r) => r.models),
      offsets,
    ),
    elapsedMs: Math.max(...replies.map((r) => r.elapsedMs)),
  };
}
