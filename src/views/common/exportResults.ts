// The current analysis as a file: "Results as JSON" and "Results as CSV" in each view's export
// menu. Pure functions from plain analyses to text, so the shapes are pinned by unit tests.
//
// JSON (`ExportedResults`, format "exlm-playground-results", version 1):
//   { format, version, input, topK, dagThreshold, analyses: [ExportedAnalysis, ...] }
// one analysis per model shown (the ExLM first, then its MLM twin when Compare has it), each
//   { model, architecture, tokens, slots, fill, states, links }
// - tokens: the source tokens the model read, [CLS] first and [SEP] last;
// - slots: per [MASK], left to right: { slot (1-based), position (index into tokens), hiddenWord
//   (the word that was masked, or null: a typed [MASK], or a quiz round is open), entropy (nats),
//   top: [{ rank (1-based), token, prob }] } with the page's top-k candidates;
// - fill: the best joint fill { tokens (one per slot), text, path (state indices) };
// - states: per expanded state { state, position (source position), copy (1..k), token (the source
//   token, e.g. "[MASK]"), entropy, onPath, top: [{ rank, token, prob }] };
// - links: the transitions the DAG shows at the page's threshold, { from, to, prob, onPath }, by
//   state: every link with probability >= dagThreshold, and the path's links whatever theirs
//   (empty for the MLM twin, which has none).
// Numbers are plain JSON numbers (the float32 values as read), never typed arrays.
//
// CSV: leading "# name",value rows saying what the file holds (sentence, model, settings, when;
// exportMetadata.ts) and an empty row, then a header, then one row per slot and candidate of every
// analysis:
//   slot,position,hidden_word,rank,token,probability,model
// Written by ./csv.ts: RFC 4180 quoting, CRLF line ends, a cell that a spreadsheet would run as a
// formula (longer than one character and starting with =, +, -, @, tab or CR) defused with a
// leading apostrophe.
import type { Analysis, TopToken } from '../../model/types';
import { hasTransitions, visibleEdges } from '../dag/dagLayout';
import { type CsvValue, csvText } from './csv';

export const RESULTS_FORMAT = 'exlm-playground-results';
export const RESULTS_VERSION = 1;

export interface ExportedCandidate {
  rank: number;
  token: string;
  prob: number;
}

export interface ExportedSlot {
  slot: number;
  position: number;
  hiddenWord: string | null;
  entropy: number;
  top: ExportedCandidate[];
}

export interface ExportedState {
  state: number;
  position: number;
  copy: number;
  token: string;
  entropy: number;
  onPath: boolean;
  top: ExportedCandidate[];
}

export interface ExportedLink {
  from: number;
  to: number;
  prob: number;
  onPath: boolean;
}

export interface ExportedAnalysis {
  model: string;
  architecture: Analysis['architecture'];
  tokens: string[];
  slots: ExportedSlot[];
  fill: { tokens: string[]; text: string; path: number[] };
  states: ExportedState[];
  links: ExportedLink[];
}

export interface ExportedResults {
  format: typeof RESULTS_FORMAT;
  version: typeof RESULTS_VERSION;
  /** The masked text the models read ([MASK] where a word is masked). */
  input: string;
  topK: number;
  dagThreshold: number;
  analyses: ExportedAnalysis[];
}

/** What the page shows, as the serialisers take it. */
export interface ResultsInput {
  /** The ExLM's analysis, then the twin's when the page has it. */
  analyses: readonly Analysis[];
  /** Per mask, left to right: the word that was masked, or null when unknown or not to be shown. */
  hiddenWords: readonly (string | null)[];
  topK: number;
  dagThreshold: number;
}

function candidates(top: readonly TopToken[], topK: number): ExportedCandidate[] {
  return top
    .slice(0, Math.max(0, topK))
    .map((t, i) => ({ rank: i + 1, token: t.token, prob: t.prob }));
}

function exportAnalysis(
  analysis: Analysis,
  hiddenWords: readonly (string | null)[],
  topK: number,
  threshold: number,
): ExportedAnalysis {
  const path = Array.from(analysis.fill.path);
  const onPath = new Set(path);
  const L = analysis.states.length;
  const links =
    analysis.links.length === L * L && hasTransitions(analysis.links)
      ? visibleEdges(analysis.links, L, threshold, analysis.fill.path)
          .map(({ from, to, prob, onPath: isPath }) => ({ from, to, prob, onPath: isPath }))
          .sort((a, b) => a.from - b.from || a.to - b.to)
      : [];
  return {
    model: analysis.model,
    architecture: analysis.architecture,
    tokens: [...analysis.tokens],
    slots: analysis.masks.map((slot, i) => ({
      slot: i + 1,
      position: slot.position,
      hiddenWord: hiddenWords[i] ?? null,
      entropy: slot.entropy,
      top: candidates(slot.top, topK),
    })),
    fill: { tokens: [...analysis.fill.tokens], text: analysis.fill.text, path },
    states: Array.from(analysis.states, (expanded, state) => {
      const position = analysis.expanded.pos1[expanded] ?? 0;
      return {
        state,
        position,
        copy: analysis.expanded.pos2[expanded] ?? 0,
        token: analysis.tokens[position] ?? '',
        entropy: analysis.stateEntropy[state] ?? Number.NaN,
        onPath: onPath.has(state),
        top: candidates(analysis.stateTop[state] ?? [], topK),
      };
    }),
    links,
  };
}

/** The documented JSON shape of what the page shows (see the top of this file). */
export function resultsJson(input: ResultsInput): ExportedResults {
  return {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    input: input.analyses[0]?.text ?? '',
    topK: input.topK,
    dagThreshold: input.dagThreshold,
    analyses: input.analyses.map((a) =>
      exportAnalysis(a, input.hiddenWords, input.topK, input.dagThreshold),
    ),
  };
}

/** The JSON file's text: two-space indented, a final newline. */
export function resultsJsonText(input: ResultsInput): string {
  return `${JSON.stringify(resultsJson(input), null, 2)}\n`;
}

export const CSV_HEADER = [
  'slot',
  'position',
  'hidden_word',
  'rank',
  'token',
  'probability',
  'model',
] as const;

/** The CSV file's text: the `leading` rows (what the file holds), the header, then a row per
 *  slot and candidate, CRLF line ends. */
export function resultsCsv(input: ResultsInput, leading: readonly CsvValue[][] = []): string {
  const rows: CsvValue[][] = [...leading, [...CSV_HEADER]];
  for (const analysis of resultsJson(input).analyses) {
    for (const slot of analysis.slots) {
      for (const candidate of slot.top) {
        rows.push([
          slot.slot,
          slot.position,
          slot.hiddenWord,
          candidate.rank,
          candidate.token,
          candidate.prob,
          analysis.model,
        ]);
      }
    }
  }
  return csvText(rows);
}
