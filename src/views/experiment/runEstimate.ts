// What the experiment panel says of a run's time before it starts: the store's estimate (ms per
// masking, from a short timing or the last run on this backend) times the maskings a run on the
// sample would analyse (sentences x ratios), shared between the workers a run uses, rounded as an
// estimate should be.
import { BACKEND_LABELS, type BackendName } from '../../core/backends';
import { EXPERIMENT_RATIOS } from '../../model/maskRatio';
import { type ExperimentEstimate, estimateFits } from '../../state/slices/experimentSlice';

/** A duration rounded for an estimate: "a few seconds", "about 15 s", "about 1 min 20 s",
 *  "about 12 min". */
export function roughDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 4) return 'a few seconds';
  if (seconds < 57.5) return `about ${Math.round(seconds / 5) * 5 || 5} s`;
  if (seconds < 595) {
    const tens = Math.round(seconds / 10) * 10;
    const minutes = Math.floor(tens / 60);
    const rest = tens % 60;
    return rest === 0 ? `about ${minutes} min` : `about ${minutes} min ${rest} s`;
  }
  return `about ${Math.round(seconds / 60)} min`;
}

/** The estimate of a run on `sentences` sentences of the sample (null: all of it) with `models`
 *  on `backend`, in words; null when there is none for them (not timed, or the timing failed). */
export function estimateText(
  estimate: ExperimentEstimate | null,
  backend: BackendName | null,
  models: readonly string[],
  sentences: number | null,
): string | null {
  if (estimate === null || !estimateFits(estimate, backend, models)) return null;
  const name = BACKEND_LABELS[estimate.backend];
  if (estimate.phase !== 'ready') {
    return estimate.phase === 'timing' ? `Timing a few sentences on ${name}…` : null;
  }
  const count = Math.min(sentences ?? Infinity, estimate.sampleSentences);
  // A timing is one worker's pace; a run in several workers shares the maskings between them.
  const workers = estimate.source === 'timing' ? (estimate.workers ?? 1) : 1;
  const ms = (estimate.msPerMasking * count * EXPERIMENT_RATIOS.length) / workers;
  const basis = estimate.source === 'run' ? ', going by the last run' : '';
  const shared = (estimate.workers ?? 1) > 1 ? ` in ${estimate.workers} workers` : '';
  return `Run on the sample (${count} sentences): ${roughDuration(ms)} on ${name}${shared}${basis}.`;
}
