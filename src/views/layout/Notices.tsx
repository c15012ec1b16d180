// Page-wide messages (a malformed link, a model that was not found), each dismissable.
import { usePlayground } from '../../state/store';

export function Notices() {
  const notices = usePlayground((s) => s.notices);
  const dismiss = usePlayground((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <p key={notice.id} className={`message message--${notice.kind}`} data-testid="notice">
          {notice.text}{' '}
          <button
            type="button"
            className="notices__close"
            onClick={() => dismiss(notice.id)}
            aria-label="Dismiss this message"
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
