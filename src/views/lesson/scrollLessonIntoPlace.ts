// Where the page stands when a lesson step opens: the lesson panel at the top of the screen, or
// just below the editor where the editor sticks to the top (app.css, stickyEditor.ts: the root's
// scroll-padding-top), so that the step's short text and, right below it, the step's view share
// the first screen (the panel sits just above the views in every layout, App.tsx).

/** Scrolls the window so that `panel` starts at the top of what the page leaves visible. */
export function scrollLessonIntoPlace(panel: HTMLElement): void {
  panel.scrollIntoView({ block: 'start', inline: 'nearest', behavior: 'instant' });
}
