// The editor sticks to the top of the viewport (app.css). Where it sits above the views (one
// column) it covers their top, so the page keeps --sticky-top on the root at the height it covers
// (0 beside the views or when it does not stick); scroll-padding-top follows it, so a view scrolled
// to, or a control reached with Tab, is not left under the editor.
import { stickyEditorCover } from '../views/common/stickyCover';

function coveredHeight(): number {
  const views = document.querySelector<HTMLElement>('.app__main');
  return views === null ? 0 : stickyEditorCover(views);
}

/** Starts keeping --sticky-top up to date; returns the function that stops it. */
export function watchStickyEditor(root: HTMLElement = document.documentElement): () => void {
  let last = '';
  const update = () => {
    const value = `${coveredHeight()}px`;
    if (value === last) return;
    last = value;
    root.style.setProperty('--sticky-top', value);
  };
  const observer = new ResizeObserver(update);
  observer.observe(root);
  const editor = document.querySelector('.app__body .editor');
  if (editor !== null) observer.observe(editor);
  window.addEventListener('resize', update);
  update();
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', update);
  };
}
