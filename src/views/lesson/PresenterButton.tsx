// "Presenter view": opens the lesson's speaker notes (PresenterView) in a second window, for the
// teacher's own screen, while this window goes on the projector.
import { presenterUrl } from './presenterChannel';

/** The presenter window's name: a second click brings the same window back instead of another. */
const PRESENTER_WINDOW = 'exlm-presenter';

export function PresenterButton() {
  return (
    <button
      type="button"
      className="lesson__presenter"
      title="Opens the notes, the next step and a timer in another window, for your own screen"
      onClick={() => {
        const opened = window.open(
          presenterUrl(window.location),
          PRESENTER_WINDOW,
          'popup,width=1000,height=760',
        );
        opened?.focus();
      }}
      data-testid="lesson-presenter"
    >
      Presenter view
    </button>
  );
}
