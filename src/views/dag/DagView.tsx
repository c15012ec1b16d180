import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { BarScale } from '../../core/defaults';
import type { Analysis } from '../../model/types';
import { usePlayground } from '../../state/store';
import { ExportMenu } from '../common/ExportMenu';
import { formatFixed } from '../common/format';
import { LayoutError } from '../common/LayoutError';
import { pathRoles } from '../common/pathRoles';
import { Term } from '../common/Term';
import { ViewIntro } from '../common/ViewIntro';
import { tryLayout } from '../common/tryLayout';
import { useFigureFit } from '../common/useFigureFit';
import { useLatest } from '../common/useLatest';
import { useModelDomain } from '../common/useModelDomain';
import type { InsideViewProps } from '../common/viewProps';
import { DagDetails } from './DagDetails';
import { DagLegend } from './DagLegend';
import {
  DEFAULT_DAG_STYLE,
  type DagFlow,
  fitDag,
  hasTransitions,
  MAX_DRAWN_EDGES,
  PRESENTATION_DAG_STYLE,
  strongestEdges,
  visibleEdges,
} from './dagLayout';
import { drawDag, drawDagEdges, highlightDag } from './drawDag';
import '../common/insideView.css';
import './DagView.css';

export interface DagViewProps extends InsideViewProps {
  /** The links drawn are those at least this probable (the store's, in the link as `edges`). */
  threshold: number;
  onThresholdChange: (threshold: number) => void;
  /** How the details panel draws its probability bars. */
  barScale: BarScale;
}

/** The transition DAG: states as nodes (a column per source position with its copies stacked, or
 *  a row per source position with its copies side by side where the columns do not fit), edges
 *  weighted by exp(links), the Viterbi path highlighted; a click opens a state's full top-k. */
export function DagView(props: DagViewProps) {
  const { analysis } = props;
  if (!hasTransitions(analysis.links)) {
    return (
      <section className="inside-view dag-view" aria-label="Transition DAG">
        <h2 className="inside-view__title">Transition DAG</h2>
        <p className="inside-view__note dag-view__no-transitions" role="note">
          {analysis.architecture === 'mlm'
            ? 'The MLM twin has no transition head: each [MASK] is a single state predicted on its own, so there is no DAG to draw. Switch to the ExLM model to see transitions between expanded states.'
            : 'This analysis has no transitions between its states (every link is -∞), so there is no DAG to draw.'}
        </p>
      </section>
    );
  }
  return <DagDrawing {...props} />;
}

/** How the words around the drawing name its lines, whichever way it runs. */
const FLOW_WORDS: Record<DagFlow, { lines: string; copies: string; direction: string }> = {
  across: { lines: 'columns', copies: 'rows', direction: 'left to right' },
  down: { lines: 'rows', copies: 'columns', direction: 'top to bottom' },
};

/** The selected state belongs to one input: an analysis of other text (or of another model)
 *  clears it without an effect, while a fresh analysis of the same input (the twin finished
 *  loading, another backend, another top-k) keeps the details open with the new numbers. */
interface Selection {
  input: string;
  state: number;
}

function inputKey(analysis: Analysis): string {
  return `${analysis.model}\n${analysis.states.length}\n${analysis.text}`;
}

function DagDrawing({
  analysis,
  hoveredState,
  onHoverState,
  threshold,
  onThresholdChange,
  barScale,
}: DagViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const sliderId = useId();
  const onHover = useLatest(onHoverState);
  const [selection, setSelection] = useState<Selection | null>(null);
  const selectedState = selection?.input === inputKey(analysis) ? selection.state : null;

  // On a projector: its own 20-px type. Columns drawn closer where the panel is narrow, rows where
  // the columns still do not fit: never a smaller type.
  const presenting = usePlayground((s) => s.presentation);
  const domain = useModelDomain(analysis.model);
  const { ref: scrollRef, fit } = useFigureFit();
  const layout = useMemo(
    () =>
      tryLayout(() => {
        const style = presenting ? PRESENTATION_DAG_STYLE : DEFAULT_DAG_STYLE;
        const { geometry, layout: dag } = fitDag(analysis, style, fit.maxWidth);
        return { geometry, dag };
      }),
    [analysis, presenting, fit.maxWidth],
  );
  const roles = useMemo(() => pathRoles(analysis.fill.path), [analysis]);
  const edges = useMemo(
    () =>
      tryLayout(() => {
        const L = analysis.states.length;
        const above = visibleEdges(analysis.links, L, threshold, analysis.fill.path);
        return { aboveThreshold: above.length, drawn: strongestEdges(above) };
      }),
    [analysis, threshold],
  );
  const totalEdges = useMemo(() => analysis.links.filter((l) => l > -Infinity).length, [analysis]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !layout.ok) return;
    drawDag(svg, {
      analysis,
      layout: layout.value.dag,
      geometry: layout.value.geometry,
      roles,
      onHover: (state) => onHover.current(state),
      onSelect: (state) => setSelection({ input: inputKey(analysis), state }),
    });
  }, [analysis, layout, roles, onHover]);

  useEffect(() => {
    if (svgRef.current && layout.ok && edges.ok) {
      const { dag, geometry } = layout.value;
      drawDagEdges(svgRef.current, analysis, dag, geometry, edges.value.drawn);
    }
  }, [analysis, layout, edges]);

  useEffect(() => {
    if (svgRef.current) highlightDag(svgRef.current, hoveredState, selectedState);
  }, [hoveredState, selectedState, layout, edges]);

  if (!layout.ok || !edges.ok) {
    const message = layout.ok ? (edges.ok ? '' : edges.message) : layout.message;
    return (
      <section className="inside-view dag-view" aria-label="Transition DAG">
        <h2 className="inside-view__title">Transition DAG</h2>
        <LayoutError view="transition DAG" message={message} />
      </section>
    );
  }
  const { flow } = layout.value.dag;
  return (
    <section className="inside-view dag-view" aria-label="Transition DAG">
      <h2 className="inside-view__title">Transition DAG</h2>
      <ExportMenu
        view="dag"
        title="Transition DAG"
        figure={{ kind: 'svg', svg: () => svgRef.current }}
        describe={() => ({
          settings: [
            { name: 'threshold', value: `edges below p = ${formatFixed(threshold, 2)} hidden` },
            { name: 'edges shown', value: `${edges.value.drawn.length} of ${totalEdges}` },
          ],
          notes: [
            `Boxes are states (${FLOW_WORDS[flow].lines}: [CLS], each mask, [SEP]; ` +
              `${FLOW_WORDS[flow].copies}: copies) with their most likely token. Wider, darker ` +
              'edges are likelier links; the thick dashed ones are the best path, the fill.',
          ],
        })}
      />
      <ViewIntro className="inside-view__note">
        The <Term id="dag">transition DAG</Term>: edges (<Term id="link">links</Term>) go{' '}
        {FLOW_WORDS[flow].direction} between <Term id="expanded-state">states</Term>; their width is
        the transition probability. The best <Term id="path">path</Term> is always drawn. Each node
        shows its most likely token and that token&apos;s probability; click a state to see all its
        top tokens.
      </ViewIntro>
      <div className="inside-view__controls">
        <label htmlFor={sliderId}>Hide edges below p =</label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={threshold}
          onChange={(event) => onThresholdChange(Number(event.target.value))}
        />
        <output htmlFor={sliderId} className="dag-view__threshold">
          {formatFixed(threshold, 2)}
        </output>
        <span className="inside-view__note" aria-live="polite">
          {edges.value.drawn.length} of {totalEdges} edges shown
          {edges.value.drawn.length < edges.value.aboveThreshold
            ? ` (the strongest ${MAX_DRAWN_EDGES} and the path: raise the threshold to see fewer)`
            : ''}
        </span>
      </div>
      <DagLegend threshold={threshold} maxDrawn={MAX_DRAWN_EDGES} flow={flow} domain={domain} />
      <div className="dag-view__body">
        <div className="inside-view__scroll" ref={scrollRef}>
          <svg
            ref={svgRef}
            className="dag-view__svg"
            role="group"
            aria-label={`Transition DAG over ${analysis.states.length} states`}
          />
        </div>
        {selectedState !== null && (
          <DagDetails
            analysis={analysis}
            state={selectedState}
            copies={layout.value.dag.copies}
            role={roles.get(selectedState)}
            onClose={() => setSelection(null)}
            barScale={barScale}
          />
        )}
      </div>
    </section>
  );
}
