// How wide a drawing may be laid out: the width of its scroll box (.inside-view__scroll) in CSS
// pixels, divided by the scale the page shows drawings at (--figure-scale in app.css: 1, larger in
// presentation mode). Layouts wrap or tighten to that width instead of running past the panel's
// edge; a drawing that still cannot fit is shrunk by the CSS (insideView.css).
import { type RefCallback, useCallback, useEffect, useRef, useState } from 'react';

import { usePlayground } from '../../state/store';

export interface FigureFit {
  /** Widest layout, in the drawing's own units (CSS pixels at scale 1); Infinity until measured. */
  maxWidth: number;
  /** The CSS scale the drawing is shown at. */
  scale: number;
}

const UNMEASURED: FigureFit = { maxWidth: Number.POSITIVE_INFINITY, scale: 1 };

/** The fit for a box `width` CSS pixels wide, shown at `scale` (a pixel spare for rounding). */
export function figureFit(width: number, scale: number): FigureFit {
  const safeScale = Number.isFinite(scale) && scale > 0 ? scale : 1;
  if (!Number.isFinite(width) || width <= 0) return { ...UNMEASURED, scale: safeScale };
  return { maxWidth: Math.floor((width - 1) / safeScale), scale: safeScale };
}

function measure(element: HTMLElement): FigureFit {
  const scale = parseFloat(getComputedStyle(element).getPropertyValue('--figure-scale'));
  return figureFit(element.clientWidth, scale);
}

/** A ref for the drawing's scroll box and the fit it allows, kept up to date as it resizes. */
export function useFigureFit(): { ref: RefCallback<HTMLElement>; fit: FigureFit } {
  const [fit, setFit] = useState<FigureFit>(UNMEASURED);
  const element = useRef<HTMLElement | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  // Presentation mode changes the scale, which no resize may announce.
  const presenting = usePlayground((s) => s.presentation);

  const update = useCallback(() => {
    if (element.current === null) return;
    const next = measure(element.current);
    setFit((last) => (last.maxWidth === next.maxWidth && last.scale === next.scale ? last : next));
  }, []);

  const ref = useCallback<RefCallback<HTMLElement>>(
    (node) => {
      observer.current?.disconnect();
      observer.current = null;
      element.current = node;
      if (node === null) return;
      observer.current = new ResizeObserver(update);
      observer.current.observe(node);
      update();
    },
    [update],
  );

  useEffect(update, [presenting, update]);
  useEffect(() => () => observer.current?.disconnect(), []);
  return { ref, fit };
}
