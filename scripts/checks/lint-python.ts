// Lint and format check of training/ with Ruff's WebAssembly build and the settings in ruff.toml.
//
//   tsx scripts/checks/lint-python.ts        report problems and files the formatter would change
//                                            (exit 1 if any)
//   tsx scripts/checks/lint-python.ts --fix  apply Ruff's fixes and its formatting, then report
//                                            what is left
//
// The WebAssembly build works on text handed to it: it reads no ruff.toml and walks no folders itself,
// so this script does both (the files of training/, as ruff.toml's `include` says for a native ruff).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { parse } from 'smol-toml';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PYTHON_DIR = 'training';

/** A position as Ruff reports it: 1-based row, 1-based column in UTF-16 code units. */
interface Location {
  row: number;
  column: number;
}

interface Edit {
  content: string | null;
  location: Location;
  end_location: Location;
}

export interface RuffDiagnostic {
  code: string | null;
  message: string;
  start_location: Location;
  fix: { message: string | null; edits: Edit[] } | null;
}

/** A Ruff workspace with the settings of ruff.toml's text (the same keys, read as TOML). */
export function openWorkspace(toml: string): Workspace {
  return new Workspace(parse(toml), PositionEncoding.Utf16);
}

export function check(ws: Workspace, source: string): RuffDiagnostic[] {
  return ws.check(source) as RuffDiagnostic[];
}

function offsetOf(lineStarts: readonly number[], at: Location): number {
  return (lineStarts[at.row - 1] ?? lineStarts[lineStarts.length - 1] ?? 0) + at.column - 1;
}

/**
 * `source` with the diagnostics' fixes applied, last first so earlier offsets stay valid; a fix that
 * overlaps one already applied waits for the next round (the caller checks again).
 */
export function applyFixes(source: string, diagnostics: readonly RuffDiagnostic[]): string {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const fixes = diagnostics
    .flatMap((d) => (d.fix ? [d.fix.edits] : []))
    .map((edits) =>
      edits
        .map((e) => ({
          start: offsetOf(lineStarts, e.location),
          end: offsetOf(lineStarts, e.end_location),
          text: e.content ?? '',
        }))
        .sort((a, b) => b.start - a.start),
    )
    .filter((edits) => edits.length > 0)
    .sort((a, b) => (b[0]?.start ?? 0) - (a[0]?.start ?? 0));
  let out = source;
  let floor = Infinity; // start of the leftmost edit applied so far
  for (const edits of fixes) {
    const last = edits[0];
    const first = edits[edits.length - 1];
    if (!last || !first || last.end > floor) continue;
    for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    floor = first.start;
  }
  return out;
}

/** `source` after rounds of fixes until nothing fixable is left (at most 10 rounds). */
export function fixAll(ws: Workspace, source: string): string {
  let current = source;
  for (let round = 0; round < 10; round++) {
    const next = applyFixes(current, check(ws, current));
    if (next === current) break;
    current = next;
  }
  return current;
}

function pythonFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === '__pycache__' ? [] : pythonFiles(rel);
      return entry.name.endsWith('.py') ? [rel] : [];
    })
    .sort();
}

function main(): void {
  const { values } = parseArgs({ options: { fix: { type: 'boolean', default: false } } });
  const ws = openWorkspace(readFileSync(path.join(ROOT, 'ruff.toml'), 'utf8'));
  const problems: string[] = [];
  const files = pythonFiles(PYTHON_DIR);
  for (const file of files) {
    const full = path.join(ROOT, file);
    const source = readFileSync(full, 'utf8');
    let current = source;
    if (values.fix) {
      current = ws.format(fixAll(ws, current));
      if (current !== source) writeFileSync(full, current);
    }
    for (const d of check(ws, current)) {
      const where = `${file}:${d.start_location.row}:${d.start_location.column}`;
      problems.push(
        `${where}: ${d.code ?? 'syntax'} ${d.message}${d.fix ? ' (fixable: --fix)' : ''}`,
      );
    }
    if (ws.format(current) !== current) problems.push(`${file}: not formatted (fix: --fix)`);
  }
  for (const line of problems) console.log(line);
  console.log(
    `ruff ${Workspace.version()}: ${files.length} Python files, ${problems.length} problems`,
  );
  if (problems.length > 0) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
