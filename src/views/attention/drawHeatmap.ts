// Paints one T*T attention map onto a canvas, one filled square per weight. A canvas rather than
// SVG because T can reach ~200 (40,000 cells).
import { attentionColor } from '../shared/scales';

export function drawHeatmap(
  canvas: HTMLCanvasElement,
  map: Float32Array,
  expandedLength: number,
  cell: number,
  max: number,
): void {
  const side = expandedLength * cell;
  // Sharp squares on high-density screens: draw at device resolution, display at CSS size.
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(side * ratio);
  canvas.height = Math.round(side * ratio);
  canvas.style.width = `${side}px`;
  canvas.style.height = `${side}px`;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, side, side);
  for (let row = 0; row < expandedLength; row++) {
    for (let col = 0; col < expandedLength; col++) {
      context.fillStyle = attentionColor(map[row * expandedLength + col] ?? 0, max);
      context.fillRect(col * cell, row * cell, cell, cell);
    }
  }
}
