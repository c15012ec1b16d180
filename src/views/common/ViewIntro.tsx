// A view's opening paragraph: what the view shows and how to read it. On a projector during the
// guided lesson the step's own text says what to look at, so the paragraph folds into one line
// ("About this view", open on a click) and the view's figure moves up onto the first screen.
import type { ReactNode } from 'react';

import { usePlayground } from '../../state/store';
import './ViewIntro.css';

export function ViewIntro({ className, children }: { className: string; children: ReactNode }) {
  const folded = usePlayground((s) => s.presentation && s.lessonStep !== null);
  if (!folded) return <p className={className}>{children}</p>;
  return (
    <details className="view-intro" data-testid="view-intro">
      <summary>About this view</summary>
      <p className={className}>{children}</p>
    </details>
  );
}
