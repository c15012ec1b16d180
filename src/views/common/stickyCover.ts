// How much of the top of the screen the sticky editor covers over `target` (app.css: the editor
// sticks to the top on tall screens): its height where it sits in the same column, else 0.
// Measured from the page as it is now, so it holds in the same frame as a change of layout.

export function stickyEditorCover(target: Element): number {
  const editor = document.querySelector<HTMLElement>('.app__body .editor');
  if (editor === null || getComputedStyle(editor).position !== 'sticky') return 0;
  const e = editor.getBoundingClientRect();
  const t = target.getBoundingClientRect();
  const sameColumn = e.right > t.left && e.left < t.right;
  return sameColumn ? Math.ceil(e.height) : 0;
}
