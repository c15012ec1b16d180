// One RDKit drawing on the page, and its valid / not valid mark. The drawing's markup comes from
// safeSvg.ts (RDKit's SVG rebuilt with presentation attributes only), so setting it as innerHTML
// is safe and the page's style policy leaves its colours alone.
import type { CSSProperties } from 'react';

import type { SmilesVerdict } from './chemistry';
import type { Drawn } from './drawContent';
import { verdictText } from './structureWords';

export interface StructureProps {
  drawn: Drawn;
  /** What the drawing shows, for screen readers ("the best joint fill: CC(=O)O"). */
  label: string;
  /** Inside a button, whose own label says it all: the drawing is then hidden from readers. */
  decorative?: boolean;
}

export function Structure({ drawn, label, decorative = false }: StructureProps) {
  const { svg, verdict } = drawn;
  if (svg === null) {
    return (
      <div
        className="structure__missing"
        role={decorative ? undefined : 'img'}
        aria-label={decorative ? undefined : `${label}: no drawing`}
        aria-hidden={decorative || undefined}
      >
        {verdict.valid ? 'RDKit reads it but could not draw it.' : 'Not a molecule: no drawing.'}
      </div>
    );
  }
  // The drawing's own width, scaled by --figure-scale like every drawing of the page.
  const size = { '--drawing-width': `${svg.width}px` } as CSSProperties;
  return (
    <svg
      className="structure__drawing"
      viewBox={svg.viewBox}
      width={svg.width}
      height={svg.height}
      style={size}
      role={decorative ? undefined : 'img'}
      aria-label={decorative ? undefined : label}
      aria-hidden={decorative || undefined}
      focusable="false"
    >
      <g dangerouslySetInnerHTML={{ __html: svg.body }} />
    </svg>
  );
}

/** The verdict as a mark that does not rest on colour: a symbol and words. */
export function Verdict({ verdict }: { verdict: SmilesVerdict }) {
  return (
    <span
      className={`structure__verdict structure__verdict--${verdict.valid ? 'valid' : 'invalid'}`}
      data-valid={verdict.valid ? 'true' : 'false'}
    >
      <span aria-hidden="true">{verdict.valid ? '✓ ' : '✗ '}</span>
      {verdictText(verdict)}
    </span>
  );
}
