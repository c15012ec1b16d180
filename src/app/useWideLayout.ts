// Whether the page lays the editor and the views side by side: from 1,100 CSS px wide, and never
// while presenting (a projector gets one column of large type). App.tsx builds the page's order
// from it, so that on one column the step's text, the editor and the views come first.
import { useSyncExternalStore } from 'react';

/** The width from which the editor and the views sit side by side. */
export const WIDE_LAYOUT_QUERY = '(min-width: 1100px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE_LAYOUT_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const isWide = (): boolean => window.matchMedia(WIDE_LAYOUT_QUERY).matches;

export function useWideLayout(presenting: boolean): boolean {
  const wide = useSyncExternalStore(subscribe, isWide, () => false);
  return wide && !presenting;
}
