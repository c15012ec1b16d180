// How many sentences "all" in the experiment's size menu runs: the sentences of the sample file,
// once the page has read it, never a number written in the code (the file may change).
import type { ExperimentEstimate, ExperimentState } from '../../state/slices/experimentSlice';

/** The whole sample's size, from the estimate (the worker read the sample to time a run) or from a
 *  run on all of it; null while the page has neither. */
export function wholeSampleSize(
  estimate: ExperimentEstimate | null,
  experiment: Pick<ExperimentState, 'kind' | 'limit' | 'sentences' | 'status'>,
): number | null {
  if (estimate?.phase === 'ready') return estimate.sampleSentences;
  const ranAll =
    experiment.kind === 'sample' &&
    experiment.limit === null &&
    experiment.status !== 'idle' &&
    experiment.sentences > 0;
  return ranAll ? experiment.sentences : null;
}

/** The menu's entry for the whole sample: "all (150)", or "all" until the size is known. */
export function wholeSampleLabel(size: number | null): string {
  return size === null ? 'all' : `all (${size})`;
}
