// Keeps the URL hash and the store in step: the hash is read once at start (and whenever the user
// edits it by hand), and rewritten with replaceState as the document changes, so the back button
// is not flooded with one entry per keystroke. The page never writes a link it would refuse to
// open: while the state cannot be shared (a text over the link limit), the address keeps the last
// link that could, and one notice says why; it goes once the state can be shared again. While a
// class quiz round is open, the link leaves the hidden words out (selectQuizCover) and holds them
// again from the reveal on.
import { isValidModelName } from '../core/catalog';
import { selectQuizCover } from './quizCover';
import { selectHideAnswers } from './quizSelectors';
import { HASH_DEFAULTS, decodeHash, encodeHash, type HashState, shareProblem } from './urlHash';
import { TEXT_ONLY_VIEWS, VIEW_TITLES } from './viewIds';
import type { PlaygroundState, PlaygroundStore } from './store';

/** What the link of this page state holds. */
export function hashStateOf(s: PlaygroundState): HashState {
  // The model shown once it is known; until then the one asked for, so a link survives loading.
  const shown = s.modelNames.exlm ?? s.requestedModel;
  // One a link cannot name (a folder opened from disk) is left out: the link opens the default.
  const model = shown !== null && isValidModelName(shown) ? shown : null;
  const { text, masks } = selectQuizCover(s);
  return {
    mode: s.mode,
    text,
    masks,
    model,
    views: s.openViews,
    topK: s.topK,
    dagThreshold: s.dagThreshold,
    attentionLayer: s.attentionLayer,
    attentionHead: s.attentionHead,
    lessonStep: s.lessonStep,
    presentation: s.presentation,
    barScale: s.barScale,
  };
}

/** Why the address does not hold this page state (see shareProblem), or null when it does: a
 *  "copy link" control warns with it instead of copying a link to another state. */
export function selectShareProblem(s: PlaygroundState): string | null {
  return shareProblem(hashStateOf(s));
}

/** True when one of the fields a link holds differs between two states of the store. */
function linkedFieldsChanged(s: PlaygroundState, prev: PlaygroundState): boolean {
  return (
    s.mode !== prev.mode ||
    s.text !== prev.text ||
    s.masks !== prev.masks ||
    s.openViews !== prev.openViews ||
    s.modelNames !== prev.modelNames ||
    s.requestedModel !== prev.requestedModel ||
    s.topK !== prev.topK ||
    s.dagThreshold !== prev.dagThreshold ||
    s.attentionLayer !== prev.attentionLayer ||
    s.attentionHead !== prev.attentionHead ||
    s.lessonStep !== prev.lessonStep ||
    s.presentation !== prev.presentation ||
    s.barScale !== prev.barScale ||
    selectHideAnswers(s) !== selectHideAnswers(prev)
  );
}

/** What a molecule-mode link asks for that works on English text only (the page leaves it out). */
function textOnlyProblems(state: Partial<HashState>): string[] {
  const views = (state.views ?? []).filter((id) => TEXT_ONLY_VIEWS.includes(id));
  if (views.length === 0) return [];
  const titles = views.map((id) => VIEW_TITLES[id]).join(' and ');
  return [
    `The link opens ${titles} in Molecules mode, where ${views.length > 1 ? 'they work' : 'it works'} on English text only; left closed.`,
  ];
}

/** Applies a hash to the store; problems become one warning notice. The view options a link
 *  leaves out (it writes none at its default) or gets wrong are set to their defaults, so a link
 *  opened over a page that had others shows what it says. */
export function applyHash(store: PlaygroundStore, hash: string): void {
  const { state, problems } = decodeHash(hash);
  const s = store.getState();
  const options = { ...HASH_DEFAULTS, ...state };
  // The mode first: it says how the text splits into the units the masks count.
  s.setMode(options.mode);
  if (options.mode !== 'text') problems.push(...textOnlyProblems(state));
  if (state.text !== undefined) s.setDocument(state.text, state.masks ?? []);
  else if (state.masks !== undefined) s.setDocument(s.text, state.masks);
  if (state.views !== undefined) s.setOpenViews(state.views);
  if (state.model !== undefined) s.requestModel(state.model);
  s.setTopK(options.topK);
  s.setDagThreshold(options.dagThreshold);
  s.setAttentionLayer(options.attentionLayer);
  s.setAttentionHead(options.attentionHead);
  // The step opens in the link's mode: the page writes a step with the mode it is about.
  s.setLessonStep(options.lessonStep, options.mode);
  s.setPresentation(options.presentation);
  s.setBarScale(options.barScale);
  if (problems.length > 0) s.addNotice('warning', problems.join(' '));
}

/** Starts syncing; returns a function that stops it. */
export function startUrlSync(store: PlaygroundStore, win: Window = window): () => void {
  let lastWritten = '';
  /** The notice shown while the state cannot be shared, or null. */
  let refusalNotice: number | null = null;
  const writeHash = () => {
    const state = hashStateOf(store.getState());
    const problem = shareProblem(state);
    if (problem !== null) {
      // Once per crossing: further edits over the limit add nothing.
      if (refusalNotice === null) {
        refusalNotice = store.getState().nextNoticeId;
        store.getState().addNotice('warning', problem);
      }
      return;
    }
    if (refusalNotice !== null) {
      store.getState().dismissNotice(refusalNotice);
      refusalNotice = null;
    }
    const hash = encodeHash(state);
    // Against the address itself: after a hand-edited link, the page's own link replaces it.
    if (hash === win.location.hash) return;
    lastWritten = hash;
    win.history.replaceState(null, '', hash);
  };
  const onHashChange = () => {
    if (win.location.hash === lastWritten) return;
    applyHash(store, win.location.hash);
    writeHash();
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (linkedFieldsChanged(s, prev)) writeHash();
  });
  win.addEventListener('hashchange', onHashChange);
  writeHash();
  return () => {
    unsubscribe();
    win.removeEventListener('hashchange', onHashChange);
  };
}
