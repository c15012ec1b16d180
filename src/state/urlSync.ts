// Keeps the URL hash and the store in step: the hash is read once at start (and whenever the user
// edits it by hand), and rewritten with replaceState as the document changes, so the back button
// is not flooded with one entry per keystroke.
import { decodeHash, encodeHash, type HashState } from './urlHash';
import type { PlaygroundStore } from './store';

function hashStateOf(store: PlaygroundStore): HashState {
  const s = store.getState();
  // The model shown once it is known; until then the one asked for, so a link survives loading.
  const model = s.modelNames.exlm ?? s.requestedModel;
  return { text: s.text, masks: s.masks, model, views: s.openViews };
}

/** Applies a hash to the store; problems become one warning notice. */
export function applyHash(store: PlaygroundStore, hash: string): void {
  const { state, problems } = decodeHash(hash);
  const s = store.getState();
  if (state.text !== undefined) s.setDocument(state.text, state.masks ?? []);
  else if (state.masks !== undefined) s.setDocument(s.text, state.masks);
  if (state.views !== undefined) s.setOpenViews(state.views);
  if (state.model !== undefined) s.requestModel(state.model);
  if (problems.length > 0) s.addNotice('warning', problems.join(' '));
}

/** Starts syncing; returns a function that stops it. */
export function startUrlSync(store: PlaygroundStore, win: Window = window): () => void {
  let lastWritten = '';
  const writeHash = () => {
    const hash = encodeHash(hashStateOf(store));
    if (hash === lastWritten) return;
    lastWritten = hash;
    win.history.replaceState(null, '', hash);
  };
  const onHashChange = () => {
    if (win.location.hash === lastWritten) return;
    applyHash(store, win.location.hash);
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (
      s.text !== prev.text ||
      s.masks !== prev.masks ||
      s.openViews !== prev.openViews ||
      s.modelNames !== prev.modelNames ||
      s.requestedModel !== prev.requestedModel
    ) {
      writeHash();
    }
  });
  win.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    win.removeEventListener('hashchange', onHashChange);
  };
}
