// Whether the page lays the editor and the views side by side: from 1,100 CSS px wide, and never
// while presenting (a projector gets one column of large type). App.tsx builds the page's order
// from it, so that on one column the editor, the lesson's text and the views come first.
import { useEffect, useState } from 'react';

/** The width from which the editor and the views sit side by side. */
const WIDE_LAYOUT_QUERY = '(min-width: 1100px)';

/** How long a new width must hold before the page changes its layout: a change of layout builds
 *  the page's body anew (the focus is lost), and a screenshot of the whole page resizes it for a
 *  moment. */
const SETTLE_MS = 250;

export function useWideLayout(presenting: boolean): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE_LAYOUT_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(WIDE_LAYOUT_QUERY);
    let timer: number | undefined;
    const onChange = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setWide(query.matches), SETTLE_MS);
    };
    query.addEventListener('change', onChange);
    return () => {
      query.removeEventListener('change', onChange);
      window.clearTimeout(timer);
    };
  }, []);
  return wide && !presenting;
}
