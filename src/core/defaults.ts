// The playground's defaults, one place for each: the page, the worker, the CLI and the benchmarks
// read them from here, so a change here changes them everywhere.

/** Candidates listed per slot and per state; 5 fits a projector. */
export const DEFAULT_TOP_K = 5;
/** The most candidates a user may ask for (the page's control and the CLI's --top-k). */
export const MAX_TOP_K = 10;

/** An attention head (0-based), or the mean over the layer's heads. */
export type AttentionHead = number | 'mean';
/** The attention view opens on the first layer: it attends over the input as written. */
export const DEFAULT_ATTENTION_LAYER = 0;
/** The attention view opens on the mean over the layer's heads: one map that shows where the
 *  layer looks, before a single head's pattern is picked out. */
export const DEFAULT_ATTENTION_HEAD: AttentionHead = 'mean';

/** Edges of the DAG below this transition probability start hidden: a little above uniform for a
 *  typical sentence (1/L with L = 20-40 states), so the drawing opens readable, not as a hairball. */
export const DEFAULT_DAG_THRESHOLD = 0.05;

/** Shown on a first visit: a sentence from the first-sentences test set (training/first-sentences.json)
 *  whose hidden word the shipped ExLM gets right, with other plausible words behind it
 *  (defaults.models.test.ts checks both). */
export const DEFAULT_TEXT = 'he lives in new york .';
/** Word indices masked on a first visit ("york"). */
export const DEFAULT_MASKS: readonly number[] = [4];

/** Shown on a first visit to molecule mode: aspirin (acetylsalicylic acid), a molecule everyone
 *  has heard of, small enough to read on a projector. */
export const DEFAULT_SMILES = 'CC(=O)Oc1ccccc1C(=O)O';
/** SMILES token indices masked on a first visit to molecule mode: the last O, the acid's OH. */
export const DEFAULT_SMILES_MASKS: readonly number[] = [20];

/** Wait this long after the last keystroke before analysing: long enough to skip the middle of a
 *  word typed at ~5 keys/s, short enough to feel live. */
export const ANALYSIS_DEBOUNCE_MS = 120;

/** How probability bars are drawn: 'absolute' (the default) fills the track in proportion to the
 *  probability, so the track reads as 0-100%; 'relative' scales every bar to the top guess, so
 *  that small probabilities in a flat distribution can be told apart (the page labels it). */
export const BAR_SCALES = ['absolute', 'relative'] as const;
export type BarScale = (typeof BAR_SCALES)[number];
export const DEFAULT_BAR_SCALE: BarScale = 'absolute';
