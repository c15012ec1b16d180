// What every exported file says about itself: the sentence, the model, the view's settings and
// when it was made, and a file name built from the sentence and the time, so that a folder of
// exports from one lesson can be told apart and each file still makes sense when it is pasted
// into slides or opened in a spreadsheet alone. Pure: pinned by unit tests.
import type { InputMode } from '../../core/inputMode';
import type { CsvValue } from './csv';

/** One setting of the view, as "name: value" ("layer: 2 of 4"). */
export interface ExportSetting {
  name: string;
  value: string;
}

export interface ExportInfo {
  /** The view's title ("Attention"). */
  title: string;
  /** The masked text the model read ([MASK] where a word is masked): a sentence, or a molecule
   *  model's SMILES. */
  sentence: string;
  /** What the model reads: the caption and the CSV name the input a sentence or a SMILES. */
  domain: InputMode;
  /** The model or models shown ("exlm-en-small", or both names in Compare). */
  model: string;
  settings: readonly ExportSetting[];
  when: Date;
}

/** The longest sentence part of a file name, in characters. */
const SLUG_MAX = 40;

/** The sentence as a file-name part: lower-case ASCII words joined by hyphens ("[MASK]" becomes
 *  "mask", accents are dropped), cut at a word boundary to at most `max` characters. */
export function sentenceSlug(sentence: string, max = SLUG_MAX): string {
  const words = sentence
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > max) {
      // A first word longer than the cap is cut rather than dropped.
      if (slug === '') slug = word.slice(0, max);
      break;
    }
    slug = next;
  }
  return slug;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Local date and time to the minute, for file names: "2026-12-07-1812". */
export function fileStamp(when: Date): string {
  return (
    `${when.getFullYear()}-${two(when.getMonth() + 1)}-${two(when.getDate())}-` +
    `${two(when.getHours())}${two(when.getMinutes())}`
  );
}

/** Local date and time to the minute, for reading: "2026-12-07 18:12". */
export function readableStamp(when: Date): string {
  return (
    `${when.getFullYear()}-${two(when.getMonth() + 1)}-${two(when.getDate())} ` +
    `${two(when.getHours())}:${two(when.getMinutes())}`
  );
}

/** A download's name: "exlm-attention-the-capital-of-france-is-mask-2026-12-07-1812.png". Only
 *  lower-case letters, digits and hyphens before the extension, whatever the sentence holds. */
export function exportFileName(
  what: string,
  sentence: string,
  when: Date,
  extension: string,
): string {
  const part = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const parts = ['exlm', part(what), sentenceSlug(sentence), fileStamp(when)].filter(
    (p) => p !== '',
  );
  return `${parts.join('-')}.${part(extension) || 'txt'}`;
}

/** The settings on one line: "layer: 2 of 4 · head: mean over 4 heads". */
export function settingsLine(settings: readonly ExportSetting[]): string {
  return settings.map((s) => `${s.name}: ${s.value}`).join(' · ');
}

/** How the caption names the input of each domain. */
const INPUT_LABELS: Readonly<Record<InputMode, string>> = { text: 'Sentence', molecules: 'SMILES' };

/** The lines a figure's caption prints under its title. */
export function captionLines(info: ExportInfo): string[] {
  const lines = [`${INPUT_LABELS[info.domain]}: ${info.sentence}`, `Model: ${info.model}`];
  if (info.settings.length > 0) lines.push(settingsLine(info.settings));
  lines.push(`Exported ${readableStamp(info.when)} from the ExLM Playground`);
  return lines;
}

/** The rows a CSV starts with: one "# name", value row per fact, then an empty row. The "#" keeps
 *  them apart from the table: a spreadsheet shows them as two plain cells, and readers with a
 *  comment character (pandas' comment="#", R's comment.char) skip them. */
export function csvMetadataRows(info: ExportInfo): CsvValue[][] {
  return [
    ['# ExLM Playground', info.title],
    [`# ${INPUT_LABELS[info.domain].toLowerCase()}`, info.sentence],
    ['# model', info.model],
    ...info.settings.map((s): CsvValue[] => [`# ${s.name}`, s.value]),
    ['# exported', readableStamp(info.when)],
    [],
  ];
}
