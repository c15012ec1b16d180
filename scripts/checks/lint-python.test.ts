import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes, check, fixAll, openWorkspace } from './lint-python';

const TOML = readFileSync(path.resolve(import.meta.dirname, '../..', 'ruff.toml'), 'utf8');
const ws = openWorkspace(TOML);

describe('Python lint through Ruff', () => {
  it('takes its settings from ruff.toml (the line length, ignored rules)', () => {
    const long = `x = "${'a'.repeat(130)}"\n`;
    expect(check(ws, long)).toEqual([]); // E501 is ignored
    expect(
      ws
        .format(`f(${'a, '.repeat(50)}b)\n`)
        .split('\n')
        .every((l) => l.length <= 120),
    ).toBe(true);
  });

  it('reports an unused import and an undefined name', () => {
    const codes = check(ws, 'import math\n\n\ndef f():\n    return lines\n').map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['F401', 'F821']));
  });

  it('counts first-party imports (training) apart from third-party ones', () => {
    const sorted =
      'import json\n\nimport torch\n\nfrom training.model import ExLM\n\nprint(json, torch, ExLM)\n';
    expect(check(ws, sorted)).toEqual([]);
  });

  it('applies fixes at the right offsets, lines of different lengths before them', () => {
    const source = 'import os\nimport sys\nimport math\n\nprint(sys.argv)\n';
    const fixed = fixAll(ws, source);
    expect(fixed).toBe('import sys\n\nprint(sys.argv)\n');
    expect(check(ws, fixed)).toEqual([]);
  });

  it('leaves a source without fixable problems as it is', () => {
    const source = 'x = 1\n';
    expect(applyFixes(source, check(ws, source))).toBe(source);
  });

  it('finds unformatted code', () => {
    expect(ws.format('x=[1,2]\n')).toBe('x = [1, 2]\n');
  });
});
