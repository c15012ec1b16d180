import { describe, expect, it } from 'vitest';

import { smilesGraph, smilesTokenKind } from './smilesGraph';

/** The tokens of a SMILES written with spaces between them. */
const tokens = (spaced: string) => spaced.split(' ');

describe('smilesTokenKind', () => {
  it.each([
    ['C', 'atom'],
    ['c', 'atom'],
    ['Cl', 'atom'],
    ['Br', 'atom'],
    ['[nH]', 'atom'],
    ['[C@@H]', 'atom'],
    ['[Na+]', 'atom'],
    ['*', 'atom'],
    ['=', 'bond'],
    ['#', 'bond'],
    ['/', 'bond'],
    ['\\', 'bond'],
    ['1', 'ring-closure'],
    ['%12', 'ring-closure'],
    ['(', 'branch-open'],
    [')', 'branch-close'],
    ['.', 'dot'],
    ['[MASK]', 'other'],
    ['[UNK]', 'other'],
    ['@', 'other'],
  ])('%j is %s', (token, kind) => {
    expect(smilesTokenKind(token)).toBe(kind);
  });
});

describe('smilesGraph', () => {
  it('numbers the atom tokens in order and leaves the others without an atom', () => {
    const graph = smilesGraph(tokens('C C ( = O ) O c 1 c c c c c 1 C ( = O ) O'));
    expect(graph.atomOf).toEqual([
      0,
      1,
      null,
      null,
      2,
      null,
      3,
      4,
      null,
      5,
      6,
      7,
      8,
      9,
      null,
      10,
      null,
      null,
      11,
      null,
      12,
    ]);
    expect(graph.atomCount).toBe(13);
  });

  it('gives a bond symbol and the branch opening before it the bond they set', () => {
    const graph = smilesGraph(tokens('C C ( = O ) O'));
    expect(graph.bondOf[2]).toEqual([1, 2]); // "(": the bond into the branch
    expect(graph.bondOf[3]).toEqual([1, 2]); // "="
    expect(graph.bondOf[5]).toEqual([1, 3]); // ")": the next bond from the branch point
  });

  it('gives both ring-closure digits, and a bond symbol before either, the closing bond', () => {
    const graph = smilesGraph(tokens('C = 1 C C C C C 1'));
    expect(graph.bondOf[1]).toEqual([0, 5]);
    expect(graph.bondOf[2]).toEqual([0, 5]);
    expect(graph.bondOf[8]).toEqual([0, 5]);
    // The atom after the opening digit bonds to the ring's first atom by a plain bond.
    expect(graph.bondOf[3]).toBeNull();
    expect(graph.atomOf[3]).toBe(1);
  });

  it('handles two-digit ring closures, nested branches and a closing ")" before another "("', () => {
    const nested = smilesGraph(tokens('C ( C ( = O ) O ) N'));
    expect(nested.bondOf[3]).toEqual([1, 2]);
    expect(nested.bondOf[6]).toEqual([1, 3]);
    expect(nested.bondOf[8]).toEqual([0, 4]);
    const twoBranches = smilesGraph(tokens('C ( C ) ( C ) C'));
    expect(twoBranches.bondOf[3]).toEqual([0, 2]);
    expect(twoBranches.bondOf[4]).toEqual([0, 2]);
    expect(twoBranches.bondOf[6]).toEqual([0, 3]);
    const percent = smilesGraph(tokens('C %10 C C %10'));
    expect(percent.bondOf[1]).toEqual([0, 2]);
    expect(percent.bondOf[4]).toEqual([0, 2]);
  });

  it('starts afresh after a dot and leaves an unclosed ring without a bond', () => {
    const salt = smilesGraph(tokens('[Na+] . [Cl-]'));
    expect(salt.atomOf).toEqual([0, null, 1]);
    expect(salt.bondOf).toEqual([null, null, null]);
    const unclosed = smilesGraph(tokens('C 1 C C'));
    expect(unclosed.bondOf[1]).toBeNull();
  });
});
