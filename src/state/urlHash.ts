// The URL hash holds what a shared link must reproduce: the text, the masked words, the model and
// the open views, e.g. "#text=the%20cat%20sat&mask=1&model=exlm-en-small&views=predictions,dag".
// Decoding never throws: a field that is malformed falls back to its default and adds a problem in
// words, which the page shows.
import { isValidModelName } from '../core/catalog';
import { splitWords } from '../core/words';
import { type ViewId, VIEW_IDS, isViewId } from './viewIds';

export interface HashState {
  text: string;
  /** Indices of masked words (see words.ts), sorted, unique. */
  masks: number[];
  /** Model folder name, or null for the default model. */
  model: string | null;
  views: ViewId[];
}

export interface DecodedHash {
  /** Only the fields present and valid in the hash. */
  state: Partial<HashState>;
  /** One sentence per field that was malformed and ignored. */
  problems: string[];
}

/** Text longer than this in a hash is not a link anyone made by hand or by sharing. */
export const MAX_HASH_TEXT_CHARS = 2000;

export function encodeHash(state: HashState): string {
  const params = new URLSearchParams();
  params.set('text', state.text);
  params.set('mask', state.masks.join(','));
  if (state.model !== null) params.set('model', state.model);
  params.set('views', state.views.join(','));
  // URLSearchParams writes spaces as "+"; %20 reads better in a shared link and decodes the same.
  return '#' + params.toString().replace(/\+/g, '%20');
}

function decodeMasks(raw: string, text: string | undefined, problems: string[]): number[] | null {
  const parts = raw === '' ? [] : raw.split(',');
  if (!parts.every((p) => /^\d{1,4}$/.test(p))) {
    problems.push(
      `The link's "mask" field (${JSON.stringify(raw)}) is not a list of word numbers; no words are masked.`,
    );
    return null;
  }
  const masks = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  const wordCount = text === undefined ? Infinity : splitWords(text).length;
  if (masks.some((m) => m >= wordCount)) {
    problems.push(
      `The link masks word ${masks[masks.length - 1]}, but the text has only ${wordCount} words; no words are masked.`,
    );
    return null;
  }
  return masks;
}

function decodeViews(raw: string, problems: string[]): ViewId[] | null {
  const parts = raw === '' ? [] : raw.split(',');
  const unknown = parts.filter((p) => !isViewId(p));
  if (unknown.length > 0) {
    problems.push(
      `The link names unknown views (${unknown.join(', ')}); valid views are ${VIEW_IDS.join(', ')}. The default views are open.`,
    );
    return null;
  }
  return VIEW_IDS.filter((id) => parts.includes(id));
}

export function decodeHash(hash: string): DecodedHash {
  const problems: string[] = [];
  const state: Partial<HashState> = {};
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.trim() === '') return { state, problems };
  let params: URLSearchParams;
  try {
    // decodeURIComponent first only to detect broken escapes ("%E0%A4%A"), which URLSearchParams
    // would silently turn into replacement characters.
    decodeURIComponent(body);
    params = new URLSearchParams(body);
  } catch {
    return {
      state,
      problems: [
        'The link after "#" is not valid URL encoding; the page starts with its defaults.',
      ],
    };
  }
  const known = new Set(['text', 'mask', 'model', 'views']);
  const unknownKeys = [...params.keys()].filter((k) => !known.has(k));
  if (unknownKeys.length > 0) {
    problems.push(
      `The link has fields this page does not know (${unknownKeys.join(', ')}); they were ignored.`,
    );
  }

  const text = params.get('text');
  if (text !== null) {
    if (text.length > MAX_HASH_TEXT_CHARS) {
      problems.push(
        `The link's text is ${text.length} characters long (at most ${MAX_HASH_TEXT_CHARS}); the default text is shown.`,
      );
    } else {
      state.text = text;
    }
  }
  const mask = params.get('mask');
  if (mask !== null) {
    const masks = decodeMasks(mask, state.text, problems);
    if (masks !== null) state.masks = masks;
  }
  const model = params.get('model');
  if (model !== null) {
    if (isValidModelName(model)) state.model = model;
    else
      problems.push(
        `The link's model name ${JSON.stringify(model)} is not a model folder name; the default model is used.`,
      );
  }
  const views = params.get('views');
  if (views !== null) {
    const decoded = decodeViews(views, problems);
    if (decoded !== null) state.views = decoded;
  }
  return { state, problems };
}
