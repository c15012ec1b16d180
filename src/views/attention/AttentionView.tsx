import type { KeyboardEvent, PointerEvent } from 'react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Analysis } from '../../model/types';
import { usePlayground } from '../../state/store';
import {
  expandedLabels,
  groupExpandedPositions,
  stateIndexByExpanded,
} from '../common/expandedGroups';
import { DOMAIN_WORDS } from '../common/domainWords';
import { ExportMenu } from '../common/ExportMenu';
import { LayoutError } from '../common/LayoutError';
import { Term } from '../common/Term';
import { ViewIntro } from '../common/ViewIntro';
import { formatWeight } from '../common/format';
import { attentionColor } from '../common/scales';
import { formatPosition } from '../common/labels';
import { tryLayout } from '../common/tryLayout';
import { useFigureFit } from '../common/useFigureFit';
import { useModelDomain } from '../common/useModelDomain';
import type { InsideViewProps } from '../common/viewProps';
import type { HeadChoice } from './attentionData';
import { cellAt, headCount, mapMax, selectMap } from './attentionData';
import { AttentionLegend } from './AttentionLegend';
import { drawAttentionAxes, highlightAttention } from './drawAttentionAxes';
import { drawHeatmap } from './drawHeatmap';
import { HEATMAP_MAX_SIDE, heatmapGeometry } from './heatmapGeometry';
import '../common/insideView.css';
import './AttentionView.css';

type Cell = { row: number; col: number };

/** The key to the compact axis labels, printed under an exported map. */
const ATTENTION_LABEL_KEY =
  'Axis labels: m2·c3 is mask 2 · copy 3 (the second [MASK], its third copy); CLS·c1 and SEP·c1 ' +
  'are copies of [CLS] and [SEP]. Rows attend to columns.';

const ARROW_STEPS: Record<string, Cell> = {
  ArrowUp: { row: -1, col: 0 },
  ArrowDown: { row: 1, col: 0 },
  ArrowLeft: { row: 0, col: -1 },
  ArrowRight: { row: 0, col: 1 },
};

/** Attention over the T expanded positions: a heatmap per layer and head (or the mean over
 *  heads), token labels on both axes, copies of one token bracketed, read-out under the pointer. */
export function AttentionView(props: InsideViewProps) {
  if (props.analysis.attention.length === 0) {
    return (
      <section className="inside-view attention-view" aria-label="Attention">
        <h2 className="inside-view__title">Attention</h2>
        <p className="inside-view__note" role="note">
          This analysis carries no attention maps (they were not read back), so there is nothing to
          draw.
        </p>
      </section>
    );
  }
  return <AttentionHeatmap {...props} />;
}

function positionText(analysis: Analysis, index: number): string {
  return formatPosition(analysis.expanded.pos1[index] ?? 0, analysis.expanded.pos2[index] ?? 0);
}

function AttentionHeatmap({ analysis, hoveredState, onHoverState }: InsideViewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const layerId = useId();
  const headId = useId();
  const readoutId = useId();
  // The choice lives in the store (the link carries it); shown clamped to this model's sizes.
  const layerChoice = usePlayground((s) => s.attentionLayer);
  const headChoice: HeadChoice = usePlayground((s) => s.attentionHead);
  const setLayerChoice = usePlayground((s) => s.setAttentionLayer);
  const setHeadChoice = usePlayground((s) => s.setAttentionHead);
  const [cursor, setCursor] = useState<Cell | null>(null);
  // The square fits the panel's width; on a projector its labels stay at 20 px.
  const presenting = usePlayground((s) => s.presentation);
  const { ref: scrollRef, fit } = useFigureFit();
  const domain = useModelDomain(analysis.model);

  const T = analysis.expanded.pos1.length;
  const layers = analysis.attention.length;
  const layer = Math.min(layerChoice, layers - 1);
  const figure = useMemo(
    () =>
      tryLayout(() => {
        const groups = groupExpandedPositions(analysis.expanded, analysis.tokens);
        const labels = expandedLabels(groups, analysis.masks);
        return {
          groups,
          labels,
          geometry: heatmapGeometry(
            labels.map((name) => name.compact),
            HEATMAP_MAX_SIDE,
            { maxWidth: fit.maxWidth, presenting },
          ),
          stateAt: stateIndexByExpanded(analysis.states, T),
          heads: headCount(analysis.attention[0] ?? new Float32Array(0), T),
        };
      }),
    [analysis, T, fit.maxWidth, presenting],
  );
  const heads = figure.ok ? figure.value.heads : 0;
  const head: HeadChoice = headChoice !== 'mean' && headChoice < heads ? headChoice : 'mean';
  const map = useMemo(
    () => tryLayout(() => selectMap(analysis.attention[layer] ?? new Float32Array(0), head, T)),
    [analysis, layer, head, T],
  );
  const max = map.ok ? mapMax(map.value) : 0;
  const shownCursor = cursor && cursor.row < T && cursor.col < T ? cursor : null;
  const hoveredExpanded = hoveredState === null ? null : (analysis.states[hoveredState] ?? null);

  useEffect(() => {
    if (canvasRef.current && figure.ok && map.ok) {
      drawHeatmap(canvasRef.current, map.value, T, figure.value.geometry.cell, max);
    }
  }, [figure, map, max, T]);

  useEffect(() => {
    if (svgRef.current && figure.ok) {
      drawAttentionAxes(
        svgRef.current,
        figure.value.labels,
        figure.value.groups,
        figure.value.geometry,
      );
    }
  }, [figure]);

  useEffect(() => {
    if (svgRef.current && figure.ok) {
      highlightAttention(svgRef.current, figure.value.geometry, hoveredExpanded, shownCursor);
    }
  }, [figure, hoveredExpanded, shownCursor]);

  if (!figure.ok || !map.ok) {
    return (
      <section className="inside-view attention-view" aria-label="Attention">
        <h2 className="inside-view__title">Attention</h2>
        <LayoutError
          view="attention map"
          message={figure.ok ? (map.ok ? '' : map.message) : figure.message}
        />
      </section>
    );
  }
  const { labels, geometry, stateAt } = figure.value;

  /** Moves the cursor and, when its row is a state, hovers that state in every view. */
  const pointAt = (cell: Cell | null) => {
    setCursor(cell);
    const state = cell ? (stateAt[cell.row] ?? -1) : -1;
    const next = state >= 0 ? state : null;
    if (next !== hoveredState) onHoverState(next);
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    pointAt(cellAt(event.clientX - box.left, event.clientY - box.top, geometry.cell, T));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (event.key === 'Escape') return pointAt(null);
    const step = ARROW_STEPS[event.key];
    if (!step) return;
    event.preventDefault();
    const from = shownCursor ?? { row: 0, col: 0 };
    const clampIndex = (i: number) => Math.max(0, Math.min(T - 1, i));
    pointAt(
      shownCursor
        ? { row: clampIndex(from.row + step.row), col: clampIndex(from.col + step.col) }
        : from,
    );
  };

  const readout = shownCursor
    ? `${labels[shownCursor.row]?.full ?? ''} ${positionText(analysis, shownCursor.row)} attends to ` +
      `${labels[shownCursor.col]?.full ?? ''} ${positionText(analysis, shownCursor.col)} with weight ` +
      `${formatWeight(map.value[shownCursor.row * T + shownCursor.col] ?? Number.NaN)}`
    : 'Point at a cell, or focus the map and use the arrow keys, to read a weight. Rows attend to columns.';
  const mapName = head === 'mean' ? `mean over ${heads} heads` : `head ${head + 1}`;

  return (
    <section className="inside-view attention-view" aria-label="Attention">
      <h2 className="inside-view__title">Attention</h2>
      <ExportMenu
        view="attention"
        title="Attention"
        figure={{ kind: 'canvas', svg: () => svgRef.current, canvas: () => canvasRef.current }}
        describe={() => ({
          settings: [
            { name: 'layer', value: `${layer + 1} of ${layers}` },
            { name: 'head', value: mapName },
          ],
          scale: {
            max: formatWeight(max),
            colour: (t) => attentionColor(t, 1),
            label: 'the largest weight on this map (colours are relative to it)',
          },
          notes: [ATTENTION_LABEL_KEY],
        })}
      />
      <ViewIntro className="inside-view__note">
        <Term id="attention">Attention</Term> in one <Term id="layer">layer</Term>, for one{' '}
        <Term id="head">head</Term> or the mean over heads: how much each position (a row) looks at
        every position (a column). Positions read <Term id="position">(i, j)</Term>: place in the
        {DOMAIN_WORDS[domain].input}, then copy.
      </ViewIntro>
      <div className="inside-view__controls">
        <label htmlFor={layerId}>Layer</label>
        <select
          id={layerId}
          value={layer}
          onChange={(event) => setLayerChoice(Number(event.target.value))}
        >
          {analysis.attention.map((_, i) => (
            <option key={i} value={i}>
              {i + 1} of {layers}
            </option>
          ))}
        </select>
        <label htmlFor={headId}>Head</label>
        <select
          id={headId}
          value={String(head)}
          onChange={(event) =>
            setHeadChoice(event.target.value === 'mean' ? 'mean' : Number(event.target.value))
          }
        >
          <option value="mean">mean over heads</option>
          {Array.from({ length: heads }, (_, i) => (
            <option key={i} value={i}>
              head {i + 1}
            </option>
          ))}
        </select>
        <AttentionLegend max={max} />
      </div>
      <p className="inside-view__note attention-view__readout" id={readoutId} aria-live="polite">
        {readout}
      </p>
      <div className="inside-view__scroll" ref={scrollRef}>
        <div
          className="attention-view__figure"
          style={{ width: geometry.width, height: geometry.height }}
        >
          <canvas
            ref={canvasRef}
            className="attention-view__canvas"
            style={{ left: geometry.left, top: geometry.top }}
            tabIndex={0}
            role="img"
            aria-label={`Attention heatmap, layer ${layer + 1}, ${mapName}, over ${T} expanded positions. Use the arrow keys to read weights.`}
            aria-describedby={readoutId}
            onPointerMove={onPointerMove}
            onPointerLeave={() => pointAt(null)}
            onKeyDown={onKeyDown}
          />
          <svg ref={svgRef} className="attention-view__axes" aria-hidden="true" />
        </div>
      </div>
    </section>
  );
}
