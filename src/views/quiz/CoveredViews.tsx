// While a class quiz round is open, the views that show the models' guesses stay closed (their top
// guess may be the hidden word): one line in their place says which and that they open at Reveal.
import type { ViewId } from '../../state/viewIds';
import { VIEW_TITLES } from '../../state/viewIds';

/** "A", "A and B", "A, B and C". */
function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function CoveredViews({ views }: { views: readonly ViewId[] }) {
  if (views.length === 0) return null;
  return (
    <section
      className="panel"
      aria-label="Views closed until the reveal"
      data-testid="views-covered"
    >
      <p className="message message--info">
        {listed(views.map((id) => VIEW_TITLES[id]))} open at Reveal: the models’ guesses would give
        the answers away.
      </p>
    </section>
  );
}
