import { describe, expect, it } from 'vitest';

import { isValidModelName } from '../core/catalog';
import { BAR_SCALES, DEFAULT_DAG_THRESHOLD, MAX_TOP_K } from '../core/defaults';
import { splitterFor } from '../core/inputMode';
import { seededRandom } from '../model/seededRandom';
import {
  type HashState,
  HASH_DEFAULTS,
  HASH_FIELDS,
  MAX_HASH_INDEX,
  MAX_HASH_TEXT_CHARS,
  decodeHash,
  encodeHash,
  shareProblem,
} from './urlHash';
import { VIEW_IDS, type ViewId } from './viewIds';

/** A page state: the document fields given, the view options at their defaults unless given. */
function hashState(
  fields: Pick<HashState, 'text' | 'masks' | 'model' | 'views'> & Partial<HashState>,
): HashState {
  return { ...HASH_DEFAULTS, ...fields };
}

/** What decoding the link of `state` gives: the fields the link writes (no model when there is
 *  none, no view option at its default). */
function linked(state: HashState): Partial<HashState> {
  const out: Partial<HashState> = { text: state.text, masks: state.masks, views: state.views };
  if (state.model !== null) out.model = state.model;
  for (const key of Object.keys(HASH_DEFAULTS) as (keyof typeof HASH_DEFAULTS)[]) {
    if (!Object.is(state[key], HASH_DEFAULTS[key])) Object.assign(out, { [key]: state[key] });
  }
  return out;
}

describe('URL hash codec', () => {
  it('round-trips text, masks, model and views', () => {
    const state = {
      text: 'a café & <b>bold</b> #1, 100%',
      masks: [1, 4],
      model: 'exlm-en-small',
      views: ['predictions' as const, 'attention' as const],
    };
    const hash = encodeHash(hashState(state));
    expect(hash.startsWith('#text=')).toBe(true);
    expect(decodeHash(hash)).toEqual({ state, problems: [] });
  });
  it('round-trips a molecule: the mode, the SMILES and masks that count its tokens', () => {
    const state = hashState({
      mode: 'molecules',
      text: 'CC(=O)Oc1ccccc1C(=O)O',
      masks: [8, 20],
      model: 'exlm-smiles-small',
      views: ['predictions'],
    });
    const hash = encodeHash(state);
    expect(hash).toBe(
      '#mode=molecules&text=CC(%3DO)Oc1ccccc1C(%3DO)O&mask=8%2C20&model=exlm-smiles-small&views=predictions',
    );
    expect(decodeHash(hash)).toEqual({ state: linked(state), problems: [] });
  });
  it('reads a link without a mode as text, and says so for a mode it does not know', () => {
    expect(decodeHash('#text=a%20b&mask=1').state).not.toHaveProperty('mode');
    expect(encodeHash(hashState({ text: 'a', masks: [], model: null, views: [] }))).toBe(
      '#text=a&mask=&views=',
    );
    const { state, problems } = decodeHash('#mode=proteins&text=a%20b&mask=1');
    expect(state).toEqual({ text: 'a b', masks: [1] });
    expect(problems).toEqual([
      'The link\'s "mode" field ("proteins") is not one of text, molecules; the page opens in Text mode.',
    ]);
  });
  it('counts the masks of a molecule link in SMILES tokens', () => {
    // "CCO" is one word but three tokens.
    expect(decodeHash('#mode=molecules&text=CCO&mask=2').state.masks).toEqual([2]);
    expect(decodeHash('#text=CCO&mask=2').problems).toEqual([
      'The link masks word 2, but the text has only 1 words; no words are masked.',
    ]);
    expect(decodeHash('#mode=molecules&text=CCO&mask=3').problems).toEqual([
      'The link masks token 3, but the SMILES has only 3 tokens; no tokens are masked.',
    ]);
  });
  it('round-trips no masks and no views', () => {
    const state = hashState({ text: 'x', masks: [], model: null, views: [] });
    expect(decodeHash(encodeHash(state)).state).toEqual({ text: 'x', masks: [], views: [] });
  });
  it('writes the known fields in their order, and no others', () => {
    const hash = encodeHash({
      mode: 'molecules',
      text: 'a b',
      masks: [0],
      model: 'm',
      views: ['dag'],
      topK: 3,
      dagThreshold: 0.2,
      attentionLayer: 1,
      attentionHead: 0,
      lessonStep: 0,
      presentation: true,
      barScale: 'relative',
    });
    expect(hash).toBe(
      '#mode=molecules&text=a%20b&mask=0&model=m&views=dag&k=3&edges=0.2&layer=2&head=1&step=1&present=1&scale=relative',
    );
    expect(
      hash
        .slice(1)
        .split('&')
        .map((part) => part.split('=')[0]),
    ).toEqual([...HASH_FIELDS]);
  });
  it('leaves the view options out at their defaults, so short links stay short', () => {
    const hash = encodeHash(hashState({ text: 'a b', masks: [1], model: null, views: ['dag'] }));
    expect(hash).toBe('#text=a%20b&mask=1&views=dag');
    expect(decodeHash(hash)).toEqual({
      state: { text: 'a b', masks: [1], views: ['dag'] },
      problems: [],
    });
  });
  it('reads the view options, 1-based where the page counts from 1', () => {
    expect(
      decodeHash('#k=10&edges=1&layer=3&head=2&step=4&present=1&scale=relative').state,
    ).toEqual({
      topK: 10,
      dagThreshold: 1,
      attentionLayer: 2,
      attentionHead: 1,
      lessonStep: 3,
      presentation: true,
      barScale: 'relative',
    });
    // Defaults written by hand are read as well.
    expect(decodeHash('#k=5&edges=0.05&head=mean&present=0&scale=absolute').state).toEqual({
      topK: 5,
      dagThreshold: DEFAULT_DAG_THRESHOLD,
      attentionHead: 'mean',
      presentation: false,
      barScale: 'absolute',
    });
    expect(decodeHash('#edges=0').state.dagThreshold).toBe(0);
    expect(decodeHash('#edges=.5').state.dagThreshold).toBe(0.5);
    expect(decodeHash('#edges=1e-7').state.dagThreshold).toBe(1e-7);
  });
  it('returns nothing for an empty hash', () => {
    expect(decodeHash('')).toEqual({ state: {}, problems: [] });
    expect(decodeHash('#')).toEqual({ state: {}, problems: [] });
  });
  it('reads "+" as a space and "%2B" as a plus, like a form', () => {
    expect(decodeHash('#text=1+1%2B1').state.text).toBe('1 1+1');
  });
  it('falls back per field and says why', () => {
    const { state, problems } = decodeHash(
      '#text=the%20cat&mask=1,x&model=../etc&views=predictions,bogus&zz=1',
    );
    expect(state).toEqual({ text: 'the cat' });
    expect(problems).toHaveLength(4);
    expect(problems.join(' ')).toMatch(/zz/);
    expect(problems.join(' ')).toMatch(/"mask" field/);
    expect(problems.join(' ')).toMatch(/model name/);
    expect(problems.join(' ')).toMatch(/unknown views \(bogus\)/);
  });
  it('rejects masks past the end of the text', () => {
    const { state, problems } = decodeHash('#text=one%20two&mask=5');
    expect(state.masks).toBeUndefined();
    expect(problems[0]).toMatch(/word 5.*only 2 words/);
  });
  it('rejects a mask on a word the model does not see', () => {
    const { state, problems } = decodeHash('#text=a%20%E2%80%8B%20b&mask=1');
    expect(state).toEqual({ text: 'a \u200b b' });
    expect(problems).toEqual([
      'The link masks word 1, "⟨U+200B⟩", which holds only characters the model does not see; no words are masked.',
    ]);
  });
  it('ignores the masks of a text it did not use', () => {
    const { state, problems } = decodeHash(`#text=${'a'.repeat(MAX_HASH_TEXT_CHARS + 1)}&mask=0`);
    expect(state).toEqual({});
    expect(problems).toEqual([
      `The link's text is 2,001 characters long (at most 2,000); the default text is shown.`,
      `The link's "mask" field was ignored: the text it refers to was not used.`,
    ]);
  });
});

describe('a broken %-escape', () => {
  it('is named with its field, and only that field falls back', () => {
    const { state, problems } = decodeHash('#text=%E0%A4%A&views=dag');
    expect(state).toEqual({ views: ['dag'] });
    expect(problems).toEqual([
      `The link's "text" field has a broken %-escape ("%E0%A4%A"); the default text is shown.`,
    ]);
  });
  it('is found in every field and in field names', () => {
    const cases: [string, RegExp][] = [
      ['#text=100%', /"text" field has a broken %-escape \("%"\)/],
      ['#text=a%4', /"text" field .*\("%4"\)/],
      ['#text=%zz', /"text" field .*\("%"\)/],
      ['#text=%ED%A0%80', /"text" field .*\("%ED%A0%80"\)/],
      ['#mask=%', /"mask" field .*\("%"\); the masks in the link were ignored/],
      ['#model=exlm%E2', /"model" field .*\("%E2"\); the default model is used/],
      ['#views=dag%C3%28', /"views" field .*\("%C3%28"\); the default views are open/],
      ['#te%Fxt=a', /A field name in the link has a broken %-escape \("%F"\)/],
    ];
    for (const [hash, message] of cases) {
      const { state, problems } = decodeHash(hash);
      expect(state, hash).toEqual({});
      expect(problems, hash).toHaveLength(1);
      expect(problems[0], hash).toMatch(message);
    }
  });
});

describe('malformed fields', () => {
  it('names unknown fields, with the ones the page knows', () => {
    expect(decodeHash('#text=a&Text=b&zz=1&zz=2&K=3').problems).toEqual([
      'The link has fields this page does not know ("Text", "zz", "K"); they were ignored. It knows mode, text, mask, model, views, k, edges, layer, head, step, present, scale.',
    ]);
  });
  it('names duplicate fields and uses neither value', () => {
    const { state, problems } = decodeHash('#text=good&text=evil&views=dag&views=states');
    expect(state).toEqual({});
    expect(problems).toEqual([
      'The link gives the "text" field 2 times; the default text is shown.',
      'The link gives the "views" field 2 times; the default views are open.',
    ]);
  });
  it('names fields without a name, without "=", and empty ones', () => {
    expect(decodeHash('#=x&text&&mask=').problems).toEqual([
      'The link has a field with no name ("=x"); it was ignored.',
      'The link has an empty field (an "&" with nothing before or after it); ignored.',
      'The link\'s "text" field has no "=" and no value; the default text is shown.',
      'The link\'s "mask" field was ignored: the text it refers to was not used.',
    ]);
    expect(decodeHash('#&&').problems).toEqual([
      'The link has 3 empty fields (an "&" with nothing before or after it); ignored.',
    ]);
  });
  it('names bad masks, views and model names', () => {
    for (const [hash, message] of [
      ['#mask=1,,2', /"mask" field \("1,,2"\) is not a list of word numbers/],
      ['#mask=-1', /not a list of word numbers/],
      ['#mask=99999', /not a list of word numbers/],
      ['#mask=1.5', /not a list of word numbers/],
      ['#views=dag,', /unknown views \(\)/],
      ['#views=DAG', /unknown views \(DAG\)/],
      ['#model=', /model name "" is not a model folder name/],
      ['#model=..%2Fsecret', /model name "..\/secret"/],
      ['#model=a%2Fb', /model name "a\/b"/],
    ] as const) {
      const { state, problems } = decodeHash(hash);
      expect(state, hash).toEqual({});
      expect(problems[0], hash).toMatch(message);
    }
  });
  it('names each malformed view option, and only that option falls back', () => {
    const cases: [string, string][] = [
      [
        'k=0',
        `"k" field ("0") is not a number of candidates from 1 to ${MAX_TOP_K}; the default top-k (5) is used.`,
      ],
      ['k=11', '"k" field ("11") is not a number of candidates'],
      ['k=05', '"k" field ("05") is not'],
      ['k=-1', '"k" field ("-1") is not'],
      ['k=2.5', '"k" field ("2.5") is not'],
      ['k=', '"k" field ("") is not'],
      ['k=%20', '"k" field (" ") is not'],
      ['k', '"k" field has no "=" and no value; the default top-k (5) is used.'],
      ['k=1&k=2', 'gives the "k" field 2 times; the default top-k (5) is used.'],
      ['k=%E2', '"k" field has a broken %-escape ("%E2"); the default top-k (5) is used.'],
      [
        'edges=1.5',
        '"edges" field ("1.5") is not an edge threshold from 0 to 1; the default edge threshold (0.05) is used.',
      ],
      ['edges=-0.1', '"edges" field ("-0.1") is not an edge threshold'],
      ['edges=NaN', '"edges" field ("NaN") is not'],
      ['edges=Infinity', '"edges" field ("Infinity") is not'],
      ['edges=0x1', '"edges" field ("0x1") is not'],
      ['edges=1e5', '"edges" field ("1e5") is not'],
      ['edges=.', '"edges" field (".") is not'],
      ['edges=', '"edges" field ("") is not'],
      [
        'layer=0',
        `"layer" field ("0") is not a layer number from 1 to ${MAX_HASH_INDEX}; the first layer is shown.`,
      ],
      ['layer=1000', '"layer" field ("1000") is not a layer number'],
      ['layer=two', '"layer" field ("two") is not'],
      [
        'head=0',
        `"head" field ("0") is not a head number from 1 to ${MAX_HASH_INDEX}, or "mean"; the mean over heads is shown.`,
      ],
      ['head=Mean', '"head" field ("Mean") is not'],
      ['head=1,2', '"head" field ("1,2") is not'],
      [
        'step=0',
        `"step" field ("0") is not a lesson step from 1 to ${MAX_HASH_INDEX}; the lesson stays closed.`,
      ],
      ['step=%2B1', '"step" field ("+1") is not'],
      [
        'present=yes',
        '"present" field ("yes") is not 1 (on) or 0 (off); presentation mode is off.',
      ],
      ['present=', '"present" field ("") is not'],
      ['present=true', '"present" field ("true") is not'],
      [
        'scale=log',
        `"scale" field ("log") is not one of ${BAR_SCALES.join(', ')}; bars use the absolute scale.`,
      ],
      ['scale=Relative', '"scale" field ("Relative") is not'],
    ];
    for (const [field, message] of cases) {
      const hash = `#text=a%20b&${field}&views=dag`;
      const { state, problems } = decodeHash(hash);
      expect(state, hash).toEqual({ text: 'a b', views: ['dag'] });
      expect(problems, hash).toHaveLength(1);
      expect(problems[0], hash).toContain(message);
    }
  });
  it('shows a hostile view option safely', () => {
    const { problems } = decodeHash(`#scale=%E2%80%AE${'x'.repeat(100)}`);
    expect(problems[0]).toContain(`"⟨U+202E⟩${'x'.repeat(39)}…"`);
    expect(problems[0]).not.toContain('\u202e');
  });
  it('shows hostile names safely: invisible characters as markers, long ones cut', () => {
    const { problems } = decodeHash(`#%E2%80%AEevil=1&${'k'.repeat(300)}=1`);
    expect(problems[0]).toContain('"⟨U+202E⟩evil"');
    expect(problems[0]).toContain(`"${'k'.repeat(40)}…"`);
    expect(problems[0]).not.toContain('\u202e');
  });
  it('refuses text over the limit, saying both lengths', () => {
    const { state, problems } = decodeHash(`#text=${'a'.repeat(5000)}`);
    expect(state).toEqual({});
    expect(problems).toEqual([
      "The link's text is 5,000 characters long (at most 2,000); the default text is shown.",
    ]);
  });
});

describe('what cannot be written as is', () => {
  it('writes a lone surrogate as U+FFFD, which the model ignores as well', () => {
    const hash = encodeHash(hashState({ text: 'a\ud800b c', masks: [1], model: null, views: [] }));
    expect(decodeHash(hash)).toEqual({
      state: { text: 'a\ufffdb c', masks: [1], views: [] },
      problems: [],
    });
  });
  it('says when a state cannot be shared, exactly when the reader would refuse its link', () => {
    for (const length of [0, 1, MAX_HASH_TEXT_CHARS - 1, MAX_HASH_TEXT_CHARS]) {
      const state = hashState({ text: 'a'.repeat(length), masks: [], model: null, views: [] });
      expect(shareProblem(state)).toBeNull();
      expect(decodeHash(encodeHash(state)).problems).toEqual([]);
    }
    for (const length of [MAX_HASH_TEXT_CHARS + 1, 5000]) {
      const state = hashState({ text: 'a'.repeat(length), masks: [], model: null, views: [] });
      expect(shareProblem(state)).toMatch(/links hold at most 2,000/);
      expect(decodeHash(encodeHash(state)).problems).not.toEqual([]);
    }
    expect(shareProblem(hashState({ text: 'a b', masks: [7], model: null, views: [] }))).toMatch(
      /address no longer follows the page.*word 7/,
    );
    // A view option the reader would refuse (no control sets one: the guard is the same).
    expect(
      shareProblem(
        hashState({ text: 'a b', masks: [], model: null, views: [], dagThreshold: Number.NaN }),
      ),
    ).toMatch(/address no longer follows the page.*"edges" field \("NaN"\)/);
    expect(
      shareProblem(
        hashState({ text: 'a b', masks: [], model: null, views: [], attentionLayer: 5000 }),
      ),
    ).toMatch(/"layer" field \("5001"\)/);
  });
});

// ---- Properties over random states and random hashes ----------------------------------------

/** Pieces of text a link must carry unchanged: URL syntax, escapes, unicode, [MASK]. */
const PIECES = [
  'the',
  'cat',
  'é',
  'naïve',
  '日本語',
  'مرحبا',
  'שלום',
  '😀',
  '👨\u200d👩\u200d👧',
  '🏳\ufe0f\u200d🌈',
  '[MASK]',
  '[mask]',
  '&',
  '=',
  '#',
  '%',
  '%20',
  '%E0%A4%A',
  '+',
  '?',
  '/',
  '\\',
  '"',
  "'",
  '<b>',
  ',',
  '.',
  ' ',
  ' ',
  '  ',
  '\n',
  '\t',
  '\r\n',
  'e\u0301',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\u00ad',
  '\u0000',
  '1,3',
  'text=x',
  'mask=1',
  '&views=dag',
  '\u{1F600}',
  '𝔘',
  '\u3000',
  '~',
  '*',
  '()',
  '!',
];
const MODELS = ['exlm-en-small', 'tiny-random', 'A', 'x.y_z-1', 'mlm-en-small'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomText(random: () => number): string {
  const n = Math.floor(random() * 40);
  let text = '';
  for (let i = 0; i < n; i++) text += pick(random, PIECES);
  return text;
}

/** SMILES pieces: tokens, a typed [MASK], characters SMILES cannot read, the link's own signs. */
const SMILES_PIECES = [
  'C',
  'c1',
  'Cl',
  '[nH]',
  '(',
  ')',
  '=',
  '#',
  '%12',
  '[MASK]',
  'X',
  ' ',
  '&',
  '+',
];

function randomSmiles(random: () => number): string {
  const n = Math.floor(random() * 40);
  let text = '';
  for (let i = 0; i < n; i++) text += pick(random, SMILES_PIECES);
  return text;
}

/** An index the page may hold: often the default or small, sometimes the largest a link holds. */
function randomIndex(random: () => number): number {
  const r = random();
  if (r < 0.4) return 0;
  if (r < 0.9) return Math.floor(random() * 12);
  return MAX_HASH_INDEX - 1;
}

/** A threshold the page may hold: the slider's steps, its ends, the default, any double in 0..1
 *  (String() writes some in exponent form: "1e-7"). */
function randomThreshold(random: () => number): number {
  const r = random();
  if (r < 0.3) return DEFAULT_DAG_THRESHOLD;
  if (r < 0.55) return Math.round(random() * 100) / 100;
  if (r < 0.65) return pick(random, [0, 1, 1e-7, 5e-324, 1 - Number.EPSILON / 2]);
  return random();
}

function randomState(random: () => number): HashState {
  const mode = random() < 0.3 ? 'molecules' : 'text';
  const text = mode === 'molecules' ? randomSmiles(random) : randomText(random);
  const maskable = splitterFor(mode)(text).flatMap((w, i) => (w.ignored ? [] : [i]));
  const masks = maskable.filter(() => random() < 0.3);
  const views = VIEW_IDS.filter(() => random() < 0.5);
  const model = random() < 0.3 ? null : pick(random, MODELS);
  return {
    mode,
    text,
    masks,
    model,
    views,
    topK: 1 + Math.floor(random() * MAX_TOP_K),
    dagThreshold: randomThreshold(random),
    attentionLayer: randomIndex(random),
    attentionHead: random() < 0.4 ? 'mean' : randomIndex(random),
    lessonStep: random() < 0.4 ? null : randomIndex(random),
    presentation: random() < 0.3,
    barScale: pick(random, BAR_SCALES),
  };
}

describe('properties', () => {
  it('decode(encode(state)) gives the state back with no problems, for 3,000 random states', () => {
    const random = seededRandom(20240601);
    for (let i = 0; i < 3000; i++) {
      const state = randomState(random);
      const hash = encodeHash(state);
      expect(decodeHash(hash), JSON.stringify(state)).toEqual({
        state: linked(state),
        problems: [],
      });
      // What the page does with the link (urlSync.applyHash): a left-out option is its default.
      const decoded = decodeHash(hash).state;
      expect({ ...HASH_DEFAULTS, ...decoded, model: decoded.model ?? null }).toEqual(state);
      expect(shareProblem(state)).toBeNull();
    }
  });

  /** Characters a hand-made or damaged link is made of. */
  const HASH_PIECES = [
    ...HASH_FIELDS,
    'molecules',
    'zz',
    'TEXT',
    '=',
    '=',
    '&',
    '&',
    '%',
    '%2',
    '%20',
    '%E0',
    '%A4',
    '%ED%A0%80',
    '%C3%A9',
    '%2C',
    '%26',
    '%3D',
    '+',
    ',',
    '1',
    '0',
    '9999',
    '-1',
    'dag',
    'states',
    'bogus',
    'tiny-random',
    '..',
    '0.5',
    '.05',
    '1e-3',
    '2',
    '10',
    'mean',
    'relative',
    'absolute',
    'NaN',
    '/',
    '#',
    '#',
    ' ',
    'é',
    '😀',
    '\ud800',
    '\u202e',
    '[MASK]',
    'x',
  ];

  it('decodes 3,000 random hashes without throwing, each field valid or named in a problem', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 3000; i++) {
      const n = Math.floor(random() * 30);
      let hash = random() < 0.8 ? '#' : '';
      for (let j = 0; j < n; j++) hash += pick(random, HASH_PIECES);
      let decoded: ReturnType<typeof decodeHash> = { state: {}, problems: [] };
      expect(() => (decoded = decodeHash(hash)), hash).not.toThrow();
      const { state, problems } = decoded;
      for (const problem of problems) expect(problem, hash).toMatch(/^The link|^A field/);
      if (state.text !== undefined)
        expect(state.text.length).toBeLessThanOrEqual(MAX_HASH_TEXT_CHARS);
      if (state.masks !== undefined) {
        expect(state.masks).toEqual([...new Set(state.masks)].sort((a, b) => a - b));
        if (state.text !== undefined) {
          const words = splitterFor(state.mode ?? 'text')(state.text);
          for (const m of state.masks) expect(words[m]?.ignored, hash).toBe(false);
        }
      }
      if (state.model !== undefined) expect(isValidModelName(state.model ?? '')).toBe(true);
      if (state.views !== undefined) {
        expect(state.views).toEqual(VIEW_IDS.filter((v: ViewId) => state.views?.includes(v)));
      }
      const within = (n: number | undefined, max: number) =>
        n === undefined || (Number.isInteger(n) && n >= 0 && n < max);
      expect(within(state.topK === undefined ? undefined : state.topK - 1, MAX_TOP_K), hash).toBe(
        true,
      );
      if (state.dagThreshold !== undefined) {
        expect(state.dagThreshold >= 0 && state.dagThreshold <= 1, hash).toBe(true);
      }
      expect(within(state.attentionLayer, MAX_HASH_INDEX), hash).toBe(true);
      const head = state.attentionHead;
      expect(head === 'mean' || within(head, MAX_HASH_INDEX), hash).toBe(true);
      expect(within(state.lessonStep ?? undefined, MAX_HASH_INDEX), hash).toBe(true);
      if (state.barScale !== undefined) expect(BAR_SCALES).toContain(state.barScale);
      if (problems.length === 0) {
        // Nothing was dropped in silence: every field of the link is in the state.
        const body = hash.startsWith('#') ? hash.slice(1) : hash;
        const keys = body.trim() === '' ? [] : body.split('&').map((s) => s.split('=')[0]);
        const named: Record<(typeof HASH_FIELDS)[number], keyof HashState> = {
          mode: 'mode',
          text: 'text',
          mask: 'masks',
          model: 'model',
          views: 'views',
          k: 'topK',
          edges: 'dagThreshold',
          layer: 'attentionLayer',
          head: 'attentionHead',
          step: 'lessonStep',
          present: 'presentation',
          scale: 'barScale',
        };
        expect(Object.keys(state).sort(), hash).toEqual(
          keys.map((k) => named[k as keyof typeof named]).sort(),
        );
      }
    }
  });
});
