// Each view's export menu: its figure as SVG and PNG, and the current results as JSON and CSV. The
// figure comes from the view (its <svg>, the attention canvas under its labels, or markup it composes
// itself: the molecule structures) or, for the HTML views (predictions, compare), is drawn from the
// same numbers (slotsFigure.ts). The results are
// the store's current analysis, read when the button is pressed (exportResults.ts). Every file
// says what it shows: figures carry a caption (sentence, model, the view's settings, a colour
// scale where the view has one; figureCaption.ts), CSVs leading rows with the same, and all are
// named after the sentence and the time (exportMetadata.ts).
import { useEffect, useRef, useState } from 'react';

import { selectCurrentResult } from '../../state/selectors';
import { playgroundStore } from '../../state/store';
import { slotsFigure } from '../predictions/slotsFigure';
import {
  type SvgImage,
  FIGURE_BACKGROUND,
  canvasUnderSvg,
  canvasUnderSvgToPng,
  downloadBlob,
  standaloneSvg,
  svgBlob,
  svgToPng,
} from './exportImage';
import {
  type ExportInfo,
  type ExportSetting,
  captionLines,
  csvMetadataRows,
  exportFileName,
} from './exportMetadata';
import { type ResultsInput, resultsCsv, resultsJsonText } from './exportResults';
import { type CaptionScale, type FigureCaption, captionSvg, withCaption } from './figureCaption';
import { modelDomain } from './domainWords';
import { hiddenWordsOf } from './hiddenWords';
import './ExportMenu.css';

export type ExportViewId = 'predictions' | 'states' | 'dag' | 'attention' | 'compare' | 'structure';

/** Where a view's figure comes from. */
export type FigureSource =
  /** Drawn from the current analysis: the ExLM's slots (predictions), or both models' (compare). */
  | { kind: 'slots' }
  /** The view's own <svg>. */
  | { kind: 'svg'; svg: () => SVGSVGElement | null }
  /** A canvas under an <svg> layer (the attention heatmap and its labels). */
  | { kind: 'canvas'; svg: () => SVGSVGElement | null; canvas: () => HTMLCanvasElement | null }
  /** Standalone SVG the view composes itself (the molecule structures, drawn by RDKit). */
  | { kind: 'image'; image: () => SvgImage | null };

/** What a view adds to its exports, read when a button is pressed. */
export interface ViewExportSettings {
  /** The view's settings that shape the figure ("layer: 2 of 4"). */
  settings: ExportSetting[];
  /** The colour scale of a figure that colours by value. */
  scale?: CaptionScale;
  /** Further caption lines, such as a key to the figure's short labels. */
  notes?: string[];
}

export interface ExportMenuProps {
  view: ExportViewId;
  /** The view's title, for the menu's name and the figure's heading. */
  title: string;
  figure: FigureSource;
  describe?: () => ViewExportSettings;
}

/** The facts every file of this view carries, as of now; null with no analysis yet. */
function exportInfo(
  view: ExportViewId,
  title: string,
  settings: readonly ExportSetting[],
): ExportInfo | null {
  const s = playgroundStore.getState();
  const result = selectCurrentResult(s);
  if (result === null) return null;
  const model =
    view === 'compare' && result.mlm !== null
      ? `${result.exlm.model} and its MLM twin ${result.mlm.model}`
      : result.exlm.model;
  const domain = modelDomain(s.catalog, result.exlm.model, s.mode);
  return { title, sentence: result.exlm.text, domain, model, settings, when: new Date() };
}

/** The settings the results files depend on, then the view's own (names not repeated). */
function resultsSettings(own: readonly ExportSetting[]): ExportSetting[] {
  const s = playgroundStore.getState();
  const shared = [
    { name: 'top-k', value: String(s.topK) },
    { name: 'DAG threshold', value: String(s.dagThreshold) },
  ];
  return [...shared, ...own.filter((o) => !shared.some((x) => x.name === o.name))];
}

function figureCaption(info: ExportInfo, extra: ViewExportSettings): FigureCaption {
  return {
    title: `ExLM Playground · ${info.title}`,
    lines: [...captionLines(info), ...(extra.notes ?? [])],
    ...(extra.scale ? { scale: extra.scale } : {}),
  };
}

function currentResults(): ResultsInput | null {
  const s = playgroundStore.getState();
  const result = selectCurrentResult(s);
  if (result === null) return null;
  return {
    analyses: result.mlm === null ? [result.exlm] : [result.exlm, result.mlm],
    hiddenWords: hiddenWordsOf(s),
    topK: s.topK,
    dagThreshold: s.dagThreshold,
  };
}

/** The figure as standalone SVG, or null when the view has nothing drawn. */
function figureSvg(view: ExportViewId, title: string, figure: FigureSource): SvgImage | null {
  if (figure.kind === 'image') return figure.image();
  if (figure.kind === 'svg') {
    const svg = figure.svg();
    return svg === null ? null : standaloneSvg(svg);
  }
  if (figure.kind === 'canvas') {
    const svg = figure.svg();
    const canvas = figure.canvas();
    return svg === null || canvas === null ? null : canvasUnderSvg(svg, canvas);
  }
  const s = playgroundStore.getState();
  const result = selectCurrentResult(s);
  if (result === null) return null;
  const both = view === 'compare';
  const columns = [{ title: 'ExLM', analysis: result.exlm }];
  if (both && result.mlm !== null) columns.push({ title: 'MLM', analysis: result.mlm });
  return slotsFigure({
    heading: title,
    columns,
    hiddenWords: hiddenWordsOf(s),
    topK: s.topK,
    barScale: s.barScale,
    domain: modelDomain(s.catalog, result.exlm.model, s.mode),
    note: both && result.mlm === null ? 'The MLM twin has no result for this input.' : null,
  });
}

async function figurePng(
  view: ExportViewId,
  title: string,
  figure: FigureSource,
  caption: FigureCaption,
): Promise<Blob | null> {
  if (figure.kind === 'canvas') {
    const svg = figure.svg();
    const canvas = figure.canvas();
    if (svg === null || canvas === null) return null;
    return canvasUnderSvgToPng(svg, canvas, captionSvg(caption, 0, FIGURE_BACKGROUND));
  }
  const image = figureSvg(view, title, figure);
  return image === null ? null : svgToPng(withCaption(image, caption, FIGURE_BACKGROUND));
}

type Format = 'svg' | 'png' | 'json' | 'csv';

/** How long the line that says what was saved stays up (it covers the view's first lines). */
const STATUS_MS = 6000;

const LABELS: Record<Format, string> = {
  svg: 'SVG',
  png: 'PNG',
  json: 'Results as JSON',
  csv: 'Results as CSV',
};

export function ExportMenu({ view, title, figure, describe }: ExportMenuProps) {
  const menu = useRef<HTMLDetailsElement>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');

  useEffect(() => {
    if (status === '') return;
    const timer = setTimeout(() => setStatus(''), STATUS_MS);
    return () => clearTimeout(timer);
  }, [status]);

  const save = async (format: Format) => {
    if (menu.current) menu.current.open = false;
    const extra = describe?.() ?? { settings: [] };
    const isResults = format === 'json' || format === 'csv';
    const info = exportInfo(
      view,
      isResults ? `${title}: results` : title,
      isResults ? resultsSettings(extra.settings) : extra.settings,
    );
    const results = isResults ? currentResults() : null;
    let blob: Blob | null = null;
    let name = '';
    setBusy(true);
    try {
      if (info === null) {
        blob = null;
      } else if (format === 'svg') {
        const image = figureSvg(view, title, figure);
        blob =
          image === null
            ? null
            : svgBlob(withCaption(image, figureCaption(info, extra), FIGURE_BACKGROUND));
        name = exportFileName(view, info.sentence, info.when, 'svg');
      } else if (format === 'png') {
        blob = await figurePng(view, title, figure, figureCaption(info, extra));
        name = exportFileName(view, info.sentence, info.when, 'png');
      } else if (results !== null) {
        blob =
          format === 'json'
            ? new Blob([resultsJsonText(results)], { type: 'application/json' })
            : new Blob([resultsCsv(results, csvMetadataRows(info))], {
                type: 'text/csv;charset=utf-8',
              });
        name = exportFileName('results', info.sentence, info.when, format);
      }
      if (blob === null) {
        setStatus(`There is nothing to export yet: wait for the analysis.`);
        return;
      }
      downloadBlob(blob, name);
      setStatus(`Saved ${name}.`);
    } catch (error) {
      setStatus(
        `The ${LABELS[format]} could not be made: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-menu" data-testid={`export-${view}`}>
      <details ref={menu} className="export-menu__details">
        <summary className="export-menu__summary" aria-label={`Export ${title}`}>
          Export
        </summary>
        <div className="export-menu__items" role="group" aria-label={`Export ${title}`}>
          {(Object.keys(LABELS) as Format[]).map((format) => (
            <button
              key={format}
              type="button"
              className="export-menu__item"
              disabled={busy}
              data-export={format}
              onClick={() => void save(format)}
            >
              {LABELS[format]}
            </button>
          ))}
        </div>
      </details>
      <span className="export-menu__status" role="status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
