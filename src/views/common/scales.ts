// Scales from probabilities to visual channels. Pure functions over numbers so that unit tests
// can pin their values; the components only call them.
import { interpolateOranges } from 'd3';

import type { BarScale } from '../../core/defaults';

/** Thinnest and thickest transition edge, in pixels: 1 px stays visible on a projector, 12 px
 *  keeps a certain edge (p = 1) from covering its neighbours' nodes. */
export const EDGE_WIDTH_RANGE: readonly [number, number] = [1, 12];
/** Edge opacity range: faint edges stay readable, certain ones are fully opaque. */
export const EDGE_OPACITY_RANGE: readonly [number, number] = [0.2, 1];

/** Probability of a transition from its log-probability; -Infinity (no edge) gives 0. */
export function linkProbability(logProb: number): number {
  return logProb === -Infinity ? 0 : Math.exp(logProb);
}

function clamp01(p: number): number {
  if (Number.isNaN(p)) return 0;
  return Math.min(1, Math.max(0, p));
}

/** Stroke width for an edge of probability p (linear in p, clamped to [0, 1]). */
export function edgeWidth(p: number): number {
  const [thin, thick] = EDGE_WIDTH_RANGE;
  return thin + (thick - thin) * clamp01(p);
}

/** Stroke opacity for an edge of probability p. A square root lifts the many small
 *  probabilities so that edges just above the threshold are still seen. */
export function edgeOpacity(p: number): number {
  const [faint, opaque] = EDGE_OPACITY_RANGE;
  return faint + (opaque - faint) * Math.sqrt(clamp01(p));
}

/** Colour of an attention weight w, relative to the largest weight on the map, so that a map
 *  whose weights are all small still shows its structure. The legend states `max`. */
export function attentionColor(w: number, max: number): string {
  const t = max > 0 ? clamp01(w / max) : 0;
  return interpolateOranges(t);
}

/** Share of its track that a probability bar fills. On the absolute scale (the default) the track
 *  is 0-100%, so the bar is p itself: a 3% guess fills 3% of it. On the relative scale the top
 *  guess `top` fills the track and the others are drawn in proportion to it. */
export function barFraction(p: number, scale: BarScale = 'absolute', top = 1): number {
  if (scale === 'absolute') return clamp01(p);
  return top > 0 ? clamp01(p / top) : 0;
}

/** Width in pixels of a probability bar whose track is `fullWidth` wide (see barFraction). */
export function barWidth(
  p: number,
  fullWidth: number,
  scale: BarScale = 'absolute',
  top = 1,
): number {
  return fullWidth * barFraction(p, scale, top);
}

/** What the bars' length means, for the line next to them. */
export function barScaleNote(scale: BarScale): string {
  return scale === 'absolute'
    ? 'Bars: probability out of 100% (a full bar would be a certain guess).'
    : 'Bars: scaled to the top guess, whose bar is full whatever its probability; read the percentages.';
}

/** The bar scale in a few words, for an export's settings ("bars: out of 100%"). */
export function barScaleName(scale: BarScale): string {
  return scale === 'absolute' ? 'out of 100%' : 'scaled to the top guess';
}
