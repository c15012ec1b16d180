// The URL hash holds what a shared link must reproduce: the mode, the text, the masked words, the
// model, the open views and everything else the page shows (top-k, the DAG's edge threshold, the
// attention layer and head, the lesson step, presentation mode, the bar scale), e.g.
// "#text=the%20cat%20sat&mask=1&model=exlm-en-small&views=predictions,dag&k=3&step=2", or in
// molecule mode "#mode=molecules&text=CCO&mask=2" (mask numbers count SMILES tokens there). The
// mode and the view options are written only when they differ from their defaults, so short links
// stay short, and a link without one means its default: a link without a mode is text.
// Decoding never throws: the body is split on "&" and "=" here and every key and value decoded
// with decodeURIComponent ("+" read as a space); a field that is malformed in any way falls back
// to its default and adds a problem in words, which the page shows. Writer and reader agree: the
// page never writes a link this reader would refuse (shareProblem, urlSync.ts).
import { isValidModelName } from '../core/catalog';
import {
  DEFAULT_MODE,
  INPUT_MODES,
  type InputMode,
  isInputMode,
  splitterFor,
} from '../core/inputMode';
import {
  type AttentionHead,
  type BarScale,
  BAR_SCALES,
  DEFAULT_ATTENTION_HEAD,
  DEFAULT_ATTENTION_LAYER,
  DEFAULT_BAR_SCALE,
  DEFAULT_DAG_THRESHOLD,
  DEFAULT_TOP_K,
  MAX_TOP_K,
} from '../core/defaults';
import { showHidden } from '../core/words';
import { type ViewId, VIEW_IDS, isViewId } from './viewIds';

/** The fields a link may hold, in the order the encoder writes them: the one list of them. */
export const HASH_FIELDS = [
  'mode',
  'text',
  'mask',
  'model',
  'views',
  'k',
  'edges',
  'layer',
  'head',
  'step',
  'present',
  'scale',
] as const;

export type HashField = (typeof HASH_FIELDS)[number];

export interface HashState {
  /** Text or molecules ("mode=molecules" when not text). */
  mode: InputMode;
  text: string;
  /** Indices of masked words (see words.ts), or SMILES tokens in molecule mode, sorted, unique. */
  masks: number[];
  /** Model folder name, or null for the default model. */
  model: string | null;
  views: ViewId[];
  /** Candidates listed per slot, 1..MAX_TOP_K ("k", written unless DEFAULT_TOP_K). */
  topK: number;
  /** The DAG hides edges below this probability, 0..1 ("edges", unless DEFAULT_DAG_THRESHOLD). */
  dagThreshold: number;
  /** The attention view's layer, 0-based (1-based "layer" in the link, unless the first). */
  attentionLayer: number;
  /** The attention view's head, 0-based, or the mean over heads (1-based "head", unless 'mean'). */
  attentionHead: AttentionHead;
  /** The guided lesson's step, 0-based (1-based "step" in the link), or null: no "step". */
  lessonStep: number | null;
  /** Presentation mode ("present=1" when on). */
  presentation: boolean;
  /** Probability bars ("scale=relative" when not the default). */
  barScale: BarScale;
}

/** The view options a link may leave out: each is its default when it does. */
export const HASH_DEFAULTS: Readonly<
  Pick<
    HashState,
    | 'mode'
    | 'topK'
    | 'dagThreshold'
    | 'attentionLayer'
    | 'attentionHead'
    | 'lessonStep'
    | 'presentation'
    | 'barScale'
  >
> = {
  mode: DEFAULT_MODE,
  topK: DEFAULT_TOP_K,
  dagThreshold: DEFAULT_DAG_THRESHOLD,
  attentionLayer: DEFAULT_ATTENTION_LAYER,
  attentionHead: DEFAULT_ATTENTION_HEAD,
  lessonStep: null,
  presentation: false,
  barScale: DEFAULT_BAR_SCALE,
};

export interface DecodedHash {
  /** Only the fields present and valid in the hash. */
  state: Partial<HashState>;
  /** One sentence per field that was malformed and ignored. */
  problems: string[];
}

/** Text longer than this in a hash is not a link anyone made by hand or by sharing. */
export const MAX_HASH_TEXT_CHARS = 2000;

/** Layer, head and lesson step numbers in a link run from 1 to this: the page clamps them to the
 *  model and the lesson it shows, so the bound only keeps out numbers no one meant. */
export const MAX_HASH_INDEX = 999;

/** What the page does instead of a field that is malformed. */
const FALLBACK: Readonly<Record<HashField, string>> = {
  mode: 'the page opens in Text mode',
  text: 'the default text is shown',
  mask: 'the masks in the link were ignored',
  model: 'the default model is used',
  views: 'the default views are open',
  k: `the default top-k (${DEFAULT_TOP_K}) is used`,
  edges: `the default edge threshold (${DEFAULT_DAG_THRESHOLD}) is used`,
  layer: 'the first layer is shown',
  head: 'the mean over heads is shown',
  step: 'the lesson stays closed',
  present: 'presentation mode is off',
  scale: `bars use the ${DEFAULT_BAR_SCALE} scale`,
};

function isHashField(key: string): key is HashField {
  return (HASH_FIELDS as readonly string[]).includes(key);
}

const count = (n: number): string => n.toLocaleString('en-US');

/** A piece of the link inside a message: quoted, cut short, invisible characters made visible. */
function quote(raw: string, max = 40): string {
  const chars = [...raw];
  const short = chars.length > max ? `${chars.slice(0, max).join('')}…` : raw;
  return `"${showHidden(short)}"`;
}

/** Lone surrogates cannot be %-encoded; the link carries U+FFFD instead (the model ignores both). */
const wellFormed = (text: string): string => text.replace(/\p{Cs}/gu, '\uFFFD');

/** The value of a view option in the link, or null (left out) when it is its default. */
function unlessDefault<T>(value: T, fallback: T, write: (value: T) => string): string | null {
  return Object.is(value, fallback) ? null : write(value);
}

export function encodeHash(state: HashState): string {
  const d = HASH_DEFAULTS;
  const values: Record<HashField, string | null> = {
    mode: unlessDefault(state.mode, d.mode, (mode) => mode),
    text: wellFormed(state.text),
    mask: state.masks.join(','),
    model: state.model,
    views: state.views.join(','),
    k: unlessDefault(state.topK, d.topK, String),
    edges: unlessDefault(state.dagThreshold, d.dagThreshold, String),
    layer: unlessDefault(state.attentionLayer, d.attentionLayer, (l) => String(l + 1)),
    head: unlessDefault(state.attentionHead, d.attentionHead, (h) =>
      h === 'mean' ? h : String(h + 1),
    ),
    step: unlessDefault(state.lessonStep, d.lessonStep, (step) => String((step ?? 0) + 1)),
    present: state.presentation ? '1' : null,
    scale: unlessDefault(state.barScale, d.barScale, (scale) => scale),
  };
  const parts = HASH_FIELDS.flatMap((field) => {
    const value = values[field];
    return value === null ? [] : [`${field}=${encodeURIComponent(value)}`];
  });
  return '#' + parts.join('&');
}

type Decoded = { ok: true; value: string } | { ok: false; escape: string };

/** Escapes in a row ("%E0%A4%A"), or a "%" that starts none. */
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+(?:%[0-9A-Fa-f]?)?|%[0-9A-Fa-f]?/g;

/** One key or value of the link, decoded; on a broken escape, the escape at fault. */
function decodePart(raw: string): Decoded {
  try {
    return { ok: true, value: decodeURIComponent(raw.replace(/\+/g, ' ')) };
  } catch {
    for (const match of raw.matchAll(ESCAPE_RUN)) {
      try {
        decodeURIComponent(match[0]);
      } catch {
        return { ok: false, escape: match[0] };
      }
    }
    return { ok: false, escape: raw };
  }
}

function decodeMasks(
  raw: string,
  text: string | undefined,
  mode: InputMode,
  problems: string[],
): number[] | null {
  const [unit, units] = mode === 'molecules' ? ['token', 'tokens'] : ['word', 'words'];
  const parts = raw === '' ? [] : raw.split(',');
  if (!parts.every((p) => /^\d{1,4}$/.test(p))) {
    problems.push(
      `The link's "mask" field (${quote(raw)}) is not a list of ${unit} numbers; no ${units} are masked.`,
    );
    return null;
  }
  const masks = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  if (text === undefined) return masks;
  const words = splitterFor(mode)(text);
  const outside = masks.find((m) => m >= words.length);
  if (outside !== undefined) {
    const what = mode === 'molecules' ? 'SMILES' : 'text';
    problems.push(
      `The link masks ${unit} ${masks[masks.length - 1]}, but the ${what} has only ${words.length} ${units}; no ${units} are masked.`,
    );
    return null;
  }
  const unseen = masks.find((m) => words[m]?.ignored === true);
  if (unseen !== undefined) {
    problems.push(
      `The link masks word ${unseen}, ${quote(words[unseen]?.text ?? '')}, which holds only characters the model does not see; no words are masked.`,
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
      `The link names unknown views (${unknown
        .slice(0, 5)
        .map((v) => showHidden(v.slice(0, 40)))
        .join(
          ', ',
        )}${unknown.length > 5 ? ', …' : ''}); valid views are ${VIEW_IDS.join(', ')}. The default views are open.`,
    );
    return null;
  }
  return VIEW_IDS.filter((id) => parts.includes(id));
}

/** A whole number from 1 to `max`, written plainly (no sign, no leading zero), or null. */
function oneBased(raw: string, max: number): number | null {
  if (!/^[1-9]\d{0,3}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= max ? n : null;
}

/** A plain decimal number ("0.05", "1", ".5", "1e-7": what String(number) writes for 0..1) from 0
 *  to 1, or null. No sign, no hex, no "Infinity" or "NaN". */
function unitInterval(raw: string): number | null {
  if (raw.length > 32 || !/^(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d{1,3})?$/i.test(raw)) return null;
  const p = Number(raw);
  return p >= 0 && p <= 1 ? p : null;
}

/** The raw values of each known field, in the link's order; the rest become problems. */
function readFields(body: string, problems: string[]): Map<HashField, (string | null)[]> {
  const fields = new Map<HashField, (string | null)[]>();
  const unknown: string[] = [];
  let empty = 0;
  for (const segment of body.split('&')) {
    if (segment === '') {
      empty += 1;
      continue;
    }
    const eq = segment.indexOf('=');
    const rawKey = eq < 0 ? segment : segment.slice(0, eq);
    const key = decodePart(rawKey);
    if (!key.ok) {
      problems.push(
        `A field name in the link has a broken %-escape (${quote(key.escape)}); that field was ignored.`,
      );
      continue;
    }
    if (key.value === '') {
      problems.push(`The link has a field with no name (${quote(segment)}); it was ignored.`);
      continue;
    }
    if (!isHashField(key.value)) {
      if (!unknown.includes(key.value)) unknown.push(key.value);
      continue;
    }
    const values = fields.get(key.value) ?? [];
    values.push(eq < 0 ? null : segment.slice(eq + 1));
    fields.set(key.value, values);
  }
  if (unknown.length > 0) {
    const names = unknown.slice(0, 5).map((k) => quote(k));
    if (unknown.length > 5) names.push(`and ${unknown.length - 5} more`);
    problems.push(
      `The link has fields this page does not know (${names.join(', ')}); they were ignored. It knows ${HASH_FIELDS.join(', ')}.`,
    );
  }
  if (empty > 0) {
    problems.push(
      `The link has ${empty === 1 ? 'an empty field' : `${empty} empty fields`} (an "&" with nothing before or after it); ignored.`,
    );
  }
  return fields;
}

export function decodeHash(hash: string): DecodedHash {
  const problems: string[] = [];
  const state: Partial<HashState> = {};
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.trim() === '') return { state, problems };
  const fields = readFields(body, problems);

  /** The decoded value of one field, or null (with a problem) when it cannot be used. */
  const valueOf = (field: HashField): string | null => {
    const raws = fields.get(field);
    if (raws === undefined) return null;
    if (raws.length > 1) {
      problems.push(
        `The link gives the "${field}" field ${raws.length} times; ${FALLBACK[field]}.`,
      );
      return null;
    }
    const raw = raws[0] ?? null;
    if (raw === null) {
      problems.push(`The link's "${field}" field has no "=" and no value; ${FALLBACK[field]}.`);
      return null;
    }
    const decoded = decodePart(raw);
    if (!decoded.ok) {
      problems.push(
        `The link's "${field}" field has a broken %-escape (${quote(decoded.escape)}); ${FALLBACK[field]}.`,
      );
      return null;
    }
    return decoded.value;
  };

  const mode = valueOf('mode');
  if (mode !== null) {
    if (isInputMode(mode)) state.mode = mode;
    else
      problems.push(
        `The link's "mode" field (${quote(mode)}) is not one of ${INPUT_MODES.join(', ')}; ${FALLBACK.mode}.`,
      );
  }
  const text = valueOf('text');
  if (text !== null) {
    if (text.length > MAX_HASH_TEXT_CHARS) {
      problems.push(
        `The link's text is ${count(text.length)} characters long (at most ${count(MAX_HASH_TEXT_CHARS)}); the default text is shown.`,
      );
    } else {
      state.text = text;
    }
  }
  const mask = valueOf('mask');
  if (mask !== null) {
    if (fields.has('text') && state.text === undefined) {
      problems.push(`The link's "mask" field was ignored: the text it refers to was not used.`);
    } else {
      const masks = decodeMasks(mask, state.text, state.mode ?? DEFAULT_MODE, problems);
      if (masks !== null) state.masks = masks;
    }
  }
  const model = valueOf('model');
  if (model !== null) {
    if (isValidModelName(model)) state.model = model;
    else
      problems.push(
        `The link's model name ${quote(model)} is not a model folder name; the default model is used.`,
      );
  }
  const views = valueOf('views');
  if (views !== null) {
    const decoded = decodeViews(views, problems);
    if (decoded !== null) state.views = decoded;
  }

  /** Reads one view option: its value, or a problem that names the field and what it must be. */
  const option = <T>(field: HashField, what: string, read: (raw: string) => T | null): T | null => {
    const raw = valueOf(field);
    if (raw === null) return null;
    const value = read(raw);
    if (value === null) {
      problems.push(
        `The link's "${field}" field (${quote(raw)}) is not ${what}; ${FALLBACK[field]}.`,
      );
    }
    return value;
  };
  const topK = option('k', `a number of candidates from 1 to ${MAX_TOP_K}`, (raw) =>
    oneBased(raw, MAX_TOP_K),
  );
  if (topK !== null) state.topK = topK;
  const edges = option('edges', 'an edge threshold from 0 to 1', unitInterval);
  if (edges !== null) state.dagThreshold = edges;
  const layer = option('layer', `a layer number from 1 to ${MAX_HASH_INDEX}`, (raw) =>
    oneBased(raw, MAX_HASH_INDEX),
  );
  if (layer !== null) state.attentionLayer = layer - 1;
  const head = option<AttentionHead>(
    'head',
    `a head number from 1 to ${MAX_HASH_INDEX}, or "mean"`,
    (raw) => {
      if (raw === 'mean') return raw;
      const n = oneBased(raw, MAX_HASH_INDEX);
      return n === null ? null : n - 1;
    },
  );
  if (head !== null) state.attentionHead = head;
  const step = option('step', `a lesson step from 1 to ${MAX_HASH_INDEX}`, (raw) =>
    oneBased(raw, MAX_HASH_INDEX),
  );
  if (step !== null) state.lessonStep = step - 1;
  const present = option('present', '1 (on) or 0 (off)', (raw) =>
    raw === '1' ? true : raw === '0' ? false : null,
  );
  if (present !== null) state.presentation = present;
  const scale = option('scale', `one of ${BAR_SCALES.join(', ')}`, (raw) =>
    (BAR_SCALES as readonly string[]).includes(raw) ? (raw as BarScale) : null,
  );
  if (scale !== null) state.barScale = scale;
  return { state, problems };
}

/**
 * Why `state` cannot be written as a link (the reader would refuse it), in words for the page;
 * null when it can. The text limit is the one that happens: a long text pasted in.
 */
export function shareProblem(state: HashState): string | null {
  if (state.text.length > MAX_HASH_TEXT_CHARS) {
    return `This text is ${count(state.text.length)} characters long; links hold at most ${count(MAX_HASH_TEXT_CHARS)}, so the address no longer follows the page. Shorten the text to share it.`;
  }
  const { problems } = decodeHash(encodeHash(state));
  if (problems.length > 0) {
    return `The address no longer follows the page, because a link to it would not open as it is: ${problems.join(' ')}`;
  }
  return null;
}
