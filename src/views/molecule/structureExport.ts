// The structure view's export figure, as the page shows it: the original, the best joint fill and,
// when a later one of the N best fills is the first valid molecule, that best valid fill with its
// rank and relative probability (or, under the best fill, the line that says it is valid already
// or that none of the N is); then a row per mask of its candidates, each with its SMILES,
// probability and verdict in words (structureFigure.ts lays them out). Pure.
import type { SvgImage } from '../common/exportImage';
import { formatPercent } from '../common/format';
import type { Drawn, DrawnContent } from './drawContent';
import { LARGE, SMALL } from './drawContent';
import type { StructureContent } from './structureContent';
import { type FigureRow, type FigureTile, structureFigure } from './structureFigure';
import {
  bestValidHeading,
  bestValidLineText,
  maskName,
  relativeText,
  verdictText,
} from './structureWords';

function tile(drawn: Drawn, size: { width: number; height: number }, lines: string[]): FigureTile {
  return {
    svg: drawn.svg,
    width: drawn.svg?.width ?? size.width,
    height: drawn.svg?.height ?? size.height,
    lines,
    missing: verdictText(drawn.verdict),
  };
}

export function structureExport(content: StructureContent, drawn: DrawnContent): SvgImage {
  const top: FigureTile[] = [];
  if (drawn.original !== null) {
    top.push(
      tile(drawn.original, LARGE, [
        `Your molecule: ${drawn.original.plan.smiles}`,
        ...content.notes.map((note) => `${maskName(note, note.slot)}: ${note.shows}`),
      ]),
    );
  }
  const { bestValid } = drawn;
  if (drawn.fill !== null) {
    const line = bestValid === null ? null : bestValidLineText(bestValid);
    top.push(
      tile(drawn.fill, LARGE, [
        `Best joint fill: ${drawn.fill.plan.smiles}`,
        verdictText(drawn.fill.verdict),
        ...(line === null ? [] : [line]),
      ]),
    );
  }
  if (bestValid?.kind === 'later') {
    top.push(
      tile(bestValid.drawn, LARGE, [
        bestValidHeading(bestValid.fill.rank),
        bestValid.fill.smiles,
        verdictText(bestValid.drawn.verdict),
        relativeText(bestValid.fill.relative),
      ]),
    );
  }
  const heading =
    bestValid?.kind === 'later'
      ? 'Your molecule, the best joint fill and the best valid fill'
      : 'Your molecule and the best joint fill';
  const rows: FigureRow[] = [{ heading, tiles: top }];
  content.candidates.forEach((slot, slotIndex) => {
    rows.push({
      heading: `${maskName(content.notes[slotIndex], slotIndex)}: its candidates`,
      tiles: slot.flatMap((candidate, rank) => {
        const drawing = drawn.candidates[slotIndex]?.[rank];
        if (drawing === undefined) return [];
        return [
          tile(drawing, SMALL, [
            `${candidate.token}  ${formatPercent(candidate.prob)}`,
            verdictText(drawing.verdict),
          ]),
        ];
      }),
    });
  });
  return structureFigure(rows);
}
