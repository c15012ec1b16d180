import { useEffect, useMemo, useRef } from 'react';
import type { BarScale } from '../../core/defaults';
import { usePlayground } from '../../state/store';
import { ExportMenu } from '../common/ExportMenu';
import { LayoutError } from '../common/LayoutError';
import { pathRoles } from '../common/pathRoles';
import { barScaleName, barScaleNote } from '../common/scales';
import { Term } from '../common/Term';
import { ViewIntro } from '../common/ViewIntro';
import { tryLayout } from '../common/tryLayout';
import { useFigureFit } from '../common/useFigureFit';
import { useLatest } from '../common/useLatest';
import type { InsideViewProps } from '../common/viewProps';
import { drawStates, highlightState } from './drawStates';
import {
  DEFAULT_STATES_GEOMETRY,
  PRESENTATION_STATES_GEOMETRY,
  layoutStates,
} from './statesLayout';
import '../common/insideView.css';
import './StatesView.css';

/** Top tokens printed on each state card (the DAG's details panel shows all). */
const TOKENS_PER_CARD = 3;

export interface StatesViewProps extends InsideViewProps {
  /** How the cards' probability bars are drawn: out of 100% or relative to the top token. */
  barScale: BarScale;
}

/** The expanded [MASK] states: every [CLS]/[SEP]/[MASK] as its k state cards (2D position, top
 *  tokens, entropy), ordinary tokens as single boxes between them, the Viterbi path marked. */
export function StatesView({ analysis, hoveredState, onHoverState, barScale }: StatesViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const onHover = useLatest(onHoverState);
  // The sentence wraps into lines as wide as the panel allows.
  const { ref: scrollRef, fit } = useFigureFit();
  const presenting = usePlayground((s) => s.presentation);
  const geometry = presenting ? PRESENTATION_STATES_GEOMETRY : DEFAULT_STATES_GEOMETRY;
  const layout = useMemo(
    () => tryLayout(() => layoutStates(analysis, TOKENS_PER_CARD, geometry, fit.maxWidth)),
    [analysis, geometry, fit.maxWidth],
  );
  const roles = useMemo(() => pathRoles(analysis.fill.path), [analysis]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !layout.ok) return;
    drawStates(svg, {
      analysis,
      layout: layout.value,
      geometry,
      topN: TOKENS_PER_CARD,
      roles,
      barScale,
      onHover: (state) => onHover.current(state),
    });
  }, [analysis, layout, geometry, roles, barScale, onHover]);

  useEffect(() => {
    if (svgRef.current && layout.ok) highlightState(svgRef.current, hoveredState);
  }, [hoveredState, layout]);

  const k = layout.ok ? layout.value.rows : 0;
  return (
    <section className="inside-view states-view" aria-labelledby="states-view-title">
      <h2 className="inside-view__title" id="states-view-title">
        Expanded states
      </h2>
      <ExportMenu
        view="states"
        title="Expanded states"
        figure={{ kind: 'svg', svg: () => svgRef.current }}
        describe={() => ({
          settings: [
            { name: 'top tokens per state', value: String(TOKENS_PER_CARD) },
            { name: 'bars', value: barScaleName(barScale) },
          ],
        })}
      />
      <ViewIntro className="inside-view__note">
        {k > 1 ? (
          <>
            Each <Term id="mask">[MASK]</Term>, [CLS] and [SEP] becomes k = {k}{' '}
            <Term id="expanded-state">states</Term>, told apart by their 2D{' '}
            <Term id="position">position</Term> (source position, <Term id="copy">copy</Term>
            ).{' '}
          </>
        ) : (
          <>
            The <Term id="mlm-twin">MLM twin</Term> keeps one <Term id="expanded-state">state</Term>{' '}
            per <Term id="mask">[MASK]</Term>, [CLS] and [SEP] (k = 1).{' '}
          </>
        )}
        Each card shows the state&apos;s top tokens and its <Term id="entropy">entropy</Term> H in{' '}
        <Term id="nats">nats</Term>. {barScaleNote(barScale)}
      </ViewIntro>
      <p className="inside-view__legend">
        <span>
          <span className="inside-view__swatch inside-view__swatch--path" />
          {k > 1 ? (
            <>
              on the <Term id="joint-fill">best joint fill</Term> (Viterbi{' '}
              <Term id="path">path</Term>)
            </>
          ) : (
            <>
              used by the <Term id="joint-fill">fill</Term> (most likely token per mask)
            </>
          )}
        </span>
        <span>
          <span className="inside-view__swatch inside-view__swatch--hover" />
          hovered
        </span>
      </p>
      {layout.ok ? (
        <div className="inside-view__scroll" ref={scrollRef}>
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
