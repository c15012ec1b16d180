// Attention maps as the heatmap needs them: one T*T map for a layer and a head (or the mean over
// heads), its largest weight, and which cell is under the pointer. Pure functions over arrays.

/** Heads stored in one layer's H*T*T array; throws when the size does not divide evenly. */
export function headCount(layerMaps: Float32Array, expandedLength: number): number {
  const cells = expandedLength * expandedLength;
  if (cells === 0 || layerMaps.length % cells !== 0 || layerMaps.length === 0) {
    throw new Error(
      `An attention layer holds ${layerMaps.length} weights, not a whole number of ` +
        `${expandedLength}×${expandedLength} maps; the analysis is malformed.`,
    );
  }
  return layerMaps.length / cells;
}

/** The T*T map of one head (a view into the layer's array, no copy). */
export function headMap(
  layerMaps: Float32Array,
  head: number,
  expandedLength: number,
): Float32Array {
  const heads = headCount(layerMaps, expandedLength);
  if (!Number.isInteger(head) || head < 0 || head >= heads) {
    throw new Error(`Head ${head} does not exist: this layer has heads 0..${heads - 1}.`);
  }
  const cells = expandedLength * expandedLength;
  return layerMaps.subarray(head * cells, (head + 1) * cells);
}

/** Mean over the heads of one layer, cell by cell: T*T. Rows still sum to 1. */
export function meanOverHeads(layerMaps: Float32Array, expandedLength: number): Float32Array {
  const heads = headCount(layerMaps, expandedLength);
  const cells = expandedLength * expandedLength;
  const mean = new Float32Array(cells);
  for (let h = 0; h < heads; h++) {
    const offset = h * cells;
    for (let c = 0; c < cells; c++) mean[c] = (mean[c] ?? 0) + (layerMaps[offset + c] ?? 0);
  }
  for (let c = 0; c < cells; c++) mean[c] = (mean[c] ?? 0) / heads;
  return mean;
}

/** Which map to show: one head or the mean over all heads. */
export type HeadChoice = number | 'mean';

export function selectMap(
  layerMaps: Float32Array,
  head: HeadChoice,
  expandedLength: number,
): Float32Array {
  return head === 'mean'
    ? meanOverHeads(layerMaps, expandedLength)
    : headMap(layerMaps, head, expandedLength);
}

/** Largest weight of a map (0 for an empty one). */
export function mapMax(map: Float32Array): number {
  let max = 0;
  for (const w of map) if (w > max) max = w;
  return max;
}

/** Side of one heatmap cell in CSS pixels: as large as fits `maxSide` pixels, never below 3 px
 *  (T about 200) nor above 28 px (short sentences stay compact on a projector). */
export function cellSize(expandedLength: number, maxSide: number): number {
  if (expandedLength <= 0) return 0;
  return Math.max(3, Math.min(28, Math.floor(maxSide / expandedLength)));
}

/** Show one axis label every `stride` cells so that labels are at least `minSpacing` px apart. */
export function labelStride(cell: number, minSpacing: number): number {
  return cell >= minSpacing ? 1 : Math.ceil(minSpacing / Math.max(cell, 1));
}

/** The cell under a point in heatmap coordinates, or null outside the map. Rows are the
 *  attending (query) positions, columns the attended (key) positions. */
export function cellAt(
  x: number,
  y: number,
  cell: number,
  expandedLength: number,
): { row: number; col: number } | null {
  if (cell <= 0 || x < 0 || y < 0) return null;
  const col = Math.floor(x / cell);
  const row = Math.floor(y / cell);
  return row < expandedLength && col < expandedLength ? { row, col } : null;
}
