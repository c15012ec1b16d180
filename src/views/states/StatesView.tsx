import { useEffect, useMemo, useRef } from 'react';
import { LayoutError } from '../shared/LayoutError';
import { pathRoles } from '../shared/pathRoles';
import { tryLayout } from '../shared/tryLayout';
import { useLatest } from '../shared/useLatest';
import type { InsideViewProps } from '../shared/viewProps';
import { drawStates, highlightState } from './drawStates';
import { DEFAULT_STATES_GEOMETRY, layoutStates } from './statesLayout';
import '../shared/insideView.css';
import './StatesView.css';

export interface StatesViewProps extends InsideViewProps {
  /** Top tokens printed on each state card (default 3; the DAG's details panel shows all). */
  topN?: number;
}

/** The expanded [MASK] states: every [CLS]/[SEP]/[MASK] as its k state cards (2D position, top
 *  tokens, entropy), ordinary tokens as single boxes between them, the Viterbi path marked. */
export function StatesView({ analysis, hoveredState, onHoverState, topN = 3 }: StatesViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const onHover = useLatest(onHoverState);
  const layout = useMemo(
    () => tryLayout(() => layoutStates(analysis, topN, DEFAULT_STATES_GEOMETRY)),
    [analysis, topN],
  );
  const roles = useMemo(() => pathRoles(analysis.fill.path), [analysis]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !layout.ok) return;
    drawStates(svg, {
      analysis,
      layout: layout.value,
      geometry: DEFAULT_STATES_GEOMETRY,
      topN,
      roles,
      onHover: (state) => onHover.current(state),
    });
  }, [analysis, layout, topN, roles, onHover]);

  useEffect(() => {
    if (svgRef.current && layout.ok) highlightState(svgRef.current, hoveredState);
  }, [hoveredState, layout]);

  const k = layout.ok ? layout.value.rows : 0;
  return (
    <section className="inside-view states-view" aria-labelledby="states-view-title">
      <h2 className="inside-view__title" id="states-view-title">
        Expanded states
      </h2>
      <p className="inside-view__note">
        {k > 1
          ? `Each [MASK], [CLS] and [SEP] becomes k = ${k} states, told apart by their 2D position (source position, copy). `
          : 'The MLM twin keeps one state per [MASK], [CLS] and [SEP] (k = 1). '}
        Each card shows the state&apos;s top tokens and its entropy H.
      </p>
      <p className="inside-view__legend">
        <span>
          <span className="inside-view__swatch inside-view__swatch--path" />
          {k > 1
            ? 'on the best joint fill (Viterbi path)'
            : 'used by the fill (most likely token per mask)'}
        </span>
        <span>
          <span className="inside-view__swatch inside-view__swatch--hover" />
          hovered
        </span>
      </p>
      {layout.ok ? (
        <div className="inside-view__scroll">
          <svg
            ref={svgRef}
            className="states-view__svg"
            role="group"
            aria-label={`${analysis.states.length} expanded states of "${analysis.text}"`}
          />
        </div>
      ) : (
        <LayoutError view="expanded states view" message={layout.message} />
      )}
    </section>
  );
}
