// Paints one T*T attention map onto a canvas. A canvas rather than SVG because T can reach ~200
// (40,000 cells): the weights become a T*T image (heatmapPixels) that is scaled up to the cells'
// size without smoothing, so each weight stays a sharp square.
import { attentionColorTable, heatmapPixels } from './heatmapPixels';

let colorTable: Uint8ClampedArray | null = null;

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
  if (!context || expandedLength === 0) return;
  colorTable ??= attentionColorTable();
  const image = new ImageData(heatmapPixels(map, max, colorTable), expandedLength, expandedLength);
  const source = document.createElement('canvas');
  source.width = expandedLength;
  source.height = expandedLength;
  source.getContext('2d')?.putImageData(image, 0, 0);
  context.imageSmoothingEnabled = false;
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
}
