// Where the page stands when a lesson step opens: the lesson panel at the top of the screen, or
// just below the editor where the editor sticks to the top there, so that the step's short text
// and, right below it, the step's view share the first screen (the panel sits just above the
// views in every layout, App.tsx). The editor's cover is measured now: a step can change whether
// it sticks (presentation mode lets it scroll away during the lesson) in the same frame.
import { stickyEditorCover } from '../common/stickyCover';

/** Room left above the panel, in CSS pixels. */
const GAP_ABOVE = 8;

/** Scrolls the window so that `panel` starts at the top of what the page leaves visible. */
export function scrollLessonIntoPlace(panel: HTMLElement): void {
  const top = panel.getBoundingClientRect().top + window.scrollY;
  const target = top - stickyEditorCover(panel) - GAP_ABOVE;
  window.scrollTo({ top: Math.max(0, target), behavior: 'instant' });
}
