import { formatWeight } from '../common/format';
import { attentionColor } from '../common/scales';

/** Stops of the CSS gradient that mirrors the heatmap's colour scale. */
const LEGEND_STOPS = [0, 0.25, 0.5, 0.75, 1];

/** Colour ramp from 0 to the largest weight on the map shown (colours are relative to it). */
export function AttentionLegend({ max }: { max: number }) {
  const gradient = `linear-gradient(to right, ${LEGEND_STOPS.map((t) => attentionColor(t, 1)).join(', ')})`;
  return (
    <span className="attention-legend" aria-label={`Colour scale from 0 to ${formatWeight(max)}`}>
      <span>0</span>
      <span className="attention-legend__ramp" style={{ background: gradient }} />
      <span>{formatWeight(max)} (largest weight on this map)</span>
    </span>
  );
}
