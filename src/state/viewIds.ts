// The views that can be opened or closed. Editor, status and gallery are always on the page.
export const VIEW_IDS = [
  'predictions',
  'states',
  'dag',
  'attention',
  'compare',
  'quiz',
  'experiment',
] as const;

export type ViewId = (typeof VIEW_IDS)[number];

export const VIEW_TITLES: Record<ViewId, string> = {
  predictions: 'Predictions',
  states: 'Expanded states',
  dag: 'Transition DAG',
  attention: 'Attention',
  compare: 'Compare with MLM',
  quiz: 'Class quiz',
  experiment: 'Mask-ratio experiment',
};

/** Open on a first visit: what a student needs first, plus ExLM's own picture (the DAG). */
export const DEFAULT_OPEN_VIEWS: readonly ViewId[] = ['predictions', 'states', 'dag', 'compare'];

export function isViewId(value: string): value is ViewId {
  return (VIEW_IDS as readonly string[]).includes(value);
}

/** Views that work on English text only, and why, in one line: in molecule mode they are closed and
 *  their toggles disabled with this line beside them. */
export const TEXT_ONLY_REASONS: Readonly<Partial<Record<ViewId, string>>> = {
  quiz: 'The class quiz is for English sentences: switch to Text to play it.',
  experiment: 'The mask-ratio experiment runs on English test sentences: switch to Text to run it.',
};

export const TEXT_ONLY_VIEWS: readonly ViewId[] = VIEW_IDS.filter(
  (id) => TEXT_ONLY_REASONS[id] !== undefined,
);
