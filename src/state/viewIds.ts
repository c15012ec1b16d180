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
