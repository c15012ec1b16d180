import { rgb } from 'd3';
import { describe, expect, it } from 'vitest';
import { attentionColor } from '../common/scales';
import { attentionColorTable, heatmapPixels } from './heatmapPixels';

describe('heatmap pixels', () => {
  const table = attentionColorTable();

  it('tabulates the attention ramp from its lightest to its darkest colour', () => {
    const first = rgb(attentionColor(0, 1));
    const last = rgb(attentionColor(1, 1));
    expect(Array.from(table.subarray(0, 3))).toEqual([first.r, first.g, first.b]);
    expect(Array.from(table.subarray(table.length - 3))).toEqual([last.r, last.g, last.b]);
  });

  it('colours each weight relative to the maximum, fully opaque', () => {
    const pixels = heatmapPixels(Float32Array.from([0, 0.5, 0.25]), 0.5, table);
    expect(pixels.length).toBe(12);
    expect(Array.from(pixels.subarray(0, 4))).toEqual([...table.subarray(0, 3), 255]);
    expect(Array.from(pixels.subarray(4, 8))).toEqual([...table.subarray(table.length - 3), 255]);
    // 0.25 / 0.5 = half way: step round(0.5 * 255) = 128.
    expect(Array.from(pixels.subarray(8, 12))).toEqual([
      ...table.subarray(3 * 128, 3 * 128 + 3),
      255,
    ]);
  });

  it('paints an all-zero map in the lightest colour', () => {
    const pixels = heatmapPixels(new Float32Array(2), 0, table);
    expect(Array.from(pixels.subarray(4, 8))).toEqual([...table.subarray(0, 3), 255]);
  });
});
