// `exlm predict --input FILE`: one model load for the whole file, one result per line, and a bad
// line reported by its number while the other lines still run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as ModelNode from '../node';
import type { PredictResult } from './result';
import { FIXTURE_DIR, jsonLines, runCaptured, scratchDir } from './testing';

// Count model loads without changing what they do.
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../node', async (importOriginal) => {
  const original = await importOriginal<typeof ModelNode>();
  return {
    ...original,
    loadModelFromFolder: (...args: Parameters<typeof original.loadModelFromFolder>) => {
      loads.count += 1;
      return original.loadModelFromFolder(...args);
    },
  };
});

const scratch = scratchDir();
afterAll(scratch.cleanup);

function inputFile(name: string, lines: string[]): string {
  const file = join(scratch.dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('exlm predict --input', () => {
  it('loads the model once and writes one JSON result per line, in order', async () => {
    const texts = ['the [MASK] sat .', 'a [MASK] [MASK] b', 'no mask here', '[MASK]'];
    const file = inputFile(
      'good.jsonl',
      texts.map((text) => JSON.stringify({ text })),
    );
    loads.count = 0;
    const run = await runCaptured(['predict', '--json', '--model', FIXTURE_DIR, '--input', file]);
    expect(run.code).toBe(0);
    expect(loads.count).toBe(1);
    const results = jsonLines(run.stdout) as PredictResult[];
    expect(results.map((r) => r.masks.length)).toEqual([1, 2, 0, 1]);
    // Each line gives exactly what predicting its text alone gives.
    for (const [i, text] of texts.entries()) {
      const alone = await runCaptured(['predict', '--json', '--model', FIXTURE_DIR, text]);
      expect(results[i]).toEqual(jsonLines(alone.stdout)[0]);
    }
    // The hint for the line without [MASK] says which line it is.
    expect(run.stderr).toMatch(/^line 3: hint: the text has no \[MASK\]/m);
  });

  it('reports bad lines by number and still processes the others', async () => {
    const file = inputFile('mixed.jsonl', [
      JSON.stringify({ text: 'the [MASK] sat .' }),
      '{"text": "unterminated',
      JSON.stringify({ sentence: 'wrong field [MASK]' }),
      '',
      JSON.stringify({ text: '' }),
      JSON.stringify(['not', 'an', 'object']),
      JSON.stringify({ text: 'a [MASK] b' }),
    ]);
    const run = await runCaptured(['predict', '--json', '--model', FIXTURE_DIR, '--input', file]);
    expect(run.code).toBe(1);
    const out = jsonLines(run.stdout) as ({ line: number; error: string } | PredictResult)[];
    // Line 4 is blank and skipped; every other line has exactly one output line, in order.
    expect(out).toHaveLength(6);
    expect(out.map((o) => ('error' in o ? `error ${o.line}` : 'ok'))).toEqual([
      'ok',
      'error 2',
      'error 3',
      'error 5',
      'error 6',
      'ok',
    ]);
    expect(run.stderr).toMatch(/line 2: not valid JSON/);
    expect(run.stderr).toMatch(/line 3: the object has no string field "text"/);
    expect(run.stderr).toMatch(/line 5: .*empty/);
    expect(run.stderr).toMatch(/line 6: expected a JSON object/);
    expect(run.stderr).toContain('4 of 6 lines failed');
  });

  it('prints a table per line without --json', async () => {
    const file = inputFile('table.jsonl', [
      JSON.stringify({ text: 'the [MASK] sat .' }),
      'oops',
      JSON.stringify({ text: 'a [MASK] b' }),
    ]);
    const run = await runCaptured(['predict', '--model', FIXTURE_DIR, '--input', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('line 1: the [MASK] sat .');
    expect(run.stdout).toContain('line 3: a [MASK] b');
    expect(run.stdout).not.toContain('line 2');
    expect(run.stderr).toMatch(/line 2: not valid JSON/);
  });

  it('treats a missing input file as an unusable argument', async () => {
    const missing = join(scratch.dir, 'absent.jsonl');
    const run = await runCaptured(['predict', '--model', FIXTURE_DIR, '--input', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--input file not found: ${missing}`);
  });
});
