// The one CSV writer of the page's exports (results, the mask-ratio experiment): RFC 4180 (a cell
// is quoted when it holds a comma, a quote or a line break; CRLF line ends), with d3-dsv's quoting,
// and safe to open in a spreadsheet: a text cell that a spreadsheet would run as a formula (longer
// than one character and starting with =, +, -, @, tab or CR) gets a leading apostrophe.
import { csvFormatRow } from 'd3';

export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell's text before quoting: empty for null, a would-be formula defused. */
function cellText(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return value.length > 1 && FORMULA_START.test(value) ? `'${value}` : value;
}

/** A CSV file's text: one line per row, each ended by CRLF; null is an empty cell. */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => csvFormatRow(row.map(cellText))).join('\r\n') + '\r\n';
}
