// Checkboxes that open and close the views; the set is part of the shareable link. In molecule
// mode the views that work on English text only are disabled, with a line that says why.
import { usePlayground } from '../../state/store';
import { TEXT_ONLY_REASONS, VIEW_IDS, VIEW_TITLES } from '../../state/viewIds';
import { CopyLink } from './CopyLink';

export function ViewToggles() {
  const open = usePlayground((s) => s.openViews);
  const toggle = usePlayground((s) => s.toggleView);
  const topK = usePlayground((s) => s.topK);
  const setTopK = usePlayground((s) => s.setTopK);
  const barScale = usePlayground((s) => s.barScale);
  const setBarScale = usePlayground((s) => s.setBarScale);
  const molecules = usePlayground((s) => s.mode === 'molecules');
  return (
    <fieldset className="view-toggles">
      <legend>Views</legend>
      {VIEW_IDS.map((id) => {
        const reason = molecules ? (TEXT_ONLY_REASONS[id] ?? null) : null;
        const reasonId = `view-toggle-why-${id}`;
        return (
          <label key={id} className="view-toggles__item">
            <input
              type="checkbox"
              checked={open.includes(id)}
              disabled={reason !== null}
              aria-describedby={reason === null ? undefined : reasonId}
              onChange={() => toggle(id)}
              data-view-toggle={id}
            />
            {VIEW_TITLES[id]}
            {reason === null ? null : (
              <span id={reasonId} className="view-toggles__why">
                {reason}
              </span>
            )}
          </label>
        );
      })}
      <label className="view-toggles__item">
        top-k{' '}
        <input
          type="number"
          min={1}
          max={10}
          value={topK}
          onChange={(event) => setTopK(Number(event.target.value) || 1)}
          className="view-toggles__k"
        />
      </label>
      <label className="view-toggles__item">
        <input
          type="checkbox"
          checked={barScale === 'relative'}
          onChange={(event) => setBarScale(event.target.checked ? 'relative' : 'absolute')}
          data-testid="bar-scale-relative"
        />
        Scale bars to the top guess
      </label>
      <CopyLink />
    </fieldset>
  );
}
