import { describe, expect, it } from 'vitest';
import {
  cellAt,
  cellSize,
  headCount,
  headMap,
  labelStride,
  mapMax,
  meanOverHeads,
  selectMap,
} from './attentionData';

// Two heads over T = 2: head 0 attends to itself, head 1 to the other position.
const LAYER = Float32Array.from([1, 0, 0, 1, 0, 1, 1, 0]);

describe('attention maps', () => {
  it('counts heads and rejects sizes that do not divide', () => {
    expect(headCount(LAYER, 2)).toBe(2);
    expect(() => headCount(new Float32Array(7), 2)).toThrow(/not a whole number of 2×2 maps/);
    expect(() => headCount(new Float32Array(0), 2)).toThrow(/malformed/);
  });

  it('slices one head', () => {
    expect(Array.from(headMap(LAYER, 1, 2))).toEqual([0, 1, 1, 0]);
    expect(() => headMap(LAYER, 2, 2)).toThrow(/heads 0..1/);
  });

  it('averages over heads', () => {
    expect(Array.from(meanOverHeads(LAYER, 2))).toEqual([0.5, 0.5, 0.5, 0.5]);
    const uneven = Float32Array.from([0.2, 0.8, 0.6, 0.4, 0.4, 0.6, 0.2, 0.8, 0.9, 0.1, 0.1, 0.9]);
    const mean = Array.from(meanOverHeads(uneven, 2));
    [0.5, 0.5, 0.3, 0.7].forEach((v, i) => expect(mean[i]).toBeCloseTo(v, 6));
    expect(Array.from(selectMap(LAYER, 'mean', 2))).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(selectMap(LAYER, 0, 2))).toEqual([1, 0, 0, 1]);
  });

  it('finds the largest weight', () => {
    expect(mapMax(Float32Array.from([0.1, 0.7, 0.2]))).toBeCloseTo(0.7, 6);
    expect(mapMax(new Float32Array(0))).toBe(0);
  });
});

describe('heatmap geometry', () => {
  it('sizes cells between 3 and 28 px', () => {
    expect(cellSize(10, 600)).toBe(28);
    expect(cellSize(40, 600)).toBe(15);
    expect(cellSize(200, 600)).toBe(3);
    expect(cellSize(0, 600)).toBe(0);
  });

  it('thins labels when cells are small', () => {
    expect(labelStride(16, 14)).toBe(1);
    expect(labelStride(3, 14)).toBe(5);
  });

  it('finds the cell under a point', () => {
    expect(cellAt(25, 5, 10, 3)).toEqual({ row: 0, col: 2 });
    expect(cellAt(35, 5, 10, 3)).toBeNull();
    expect(cellAt(-1, 5, 10, 3)).toBeNull();
  });
});
