// Reads an --input file: one {"text": "..."} JSON object per line. Lines are parsed one at a time so
// that a bad line becomes an error with its line number while the other lines still run.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { InputError, UsageError } from './errors';

export type InputLine =
  { lineNumber: number; text: string } | { lineNumber: number; error: InputError };

/** Parses one line; `lineNumber` counts from 1 as editors do. */
export function parseInputLine(line: string, lineNumber: number): InputLine {
  const fail = (why: string): InputLine => ({
    lineNumber,
    error: new InputError(`line ${lineNumber}: ${why}`),
  });
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(`not valid JSON (${detail}); expected {"text": "..."}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(`expected a JSON object like {"text": "..."}, got ${JSON.stringify(value)}`);
  }
  const text: unknown = (value as Record<string, unknown>).text;
  if (typeof text !== 'string') {
    return fail(`the object has no string field "text"`);
  }
  return { lineNumber, text };
}

/** Streams the lines of `file`, skipping blank ones (a trailing newline is not an input). */
export async function* readInputLines(file: string): AsyncGenerator<InputLine> {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new UsageError(`--input file not found: ${file}`);
  }
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    yield parseInputLine(line, lineNumber);
  }
}
