// One RGBA pixel per attention weight, coloured through a precomputed table: the canvas then
// scales the T*T image up to the cells' size in one drawImage. For T = 200 that is 40,000 table
// look-ups instead of 40,000 colour interpolations and fillRect calls on the main thread.
import { rgb } from 'd3';
import { attentionColor } from '../common/scales';

/** Colour steps in the table: more than the eye tells apart on a ramp. */
export const COLOR_STEPS = 256;

/** RGB triples of the attention ramp from weight 0 to the map maximum, COLOR_STEPS entries. */
export function attentionColorTable(steps = COLOR_STEPS): Uint8ClampedArray {
  const table = new Uint8ClampedArray(steps * 3);
  for (let i = 0; i < steps; i++) {
    const color = rgb(attentionColor(i / (steps - 1), 1));
    table[3 * i] = color.r;
    table[3 * i + 1] = color.g;
    table[3 * i + 2] = color.b;
  }
  return table;
}

/** RGBA bytes (T*T*4) of a map whose largest weight is `max`, one opaque pixel per cell. */
export function heatmapPixels(
  map: Float32Array,
  max: number,
  table: Uint8ClampedArray,
): Uint8ClampedArray<ArrayBuffer> {
  const steps = table.length / 3;
  const pixels = new Uint8ClampedArray(new ArrayBuffer(map.length * 4));
  for (let c = 0; c < map.length; c++) {
    const t = max > 0 ? Math.min(1, Math.max(0, (map[c] ?? 0) / max)) : 0;
    const step = Math.round(t * (steps - 1));
    pixels[4 * c] = table[3 * step] ?? 0;
    pixels[4 * c + 1] = table[3 * step + 1] ?? 0;
    pixels[4 * c + 2] = table[3 * step + 2] ?? 0;
    pixels[4 * c + 3] = 255;
  }
  return pixels;
}
