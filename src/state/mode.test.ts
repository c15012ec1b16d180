// Molecule mode in the store and the link: switching modes, each mode's own input, the SMILES tokens
// as the units the masks count, the checks that keep a SMILES from the model, the link round trip.
import { beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_SMILES, DEFAULT_TEXT } from '../core/defaults';
import type { ModelInfo } from '../model/types';
import {
  selectAnalysisPlan,
  selectInputProblem,
  selectModelInput,
  selectSmilesChecks,
  selectWords,
} from './selectors';
import { type PlaygroundStore, createPlaygroundStore } from './store';
import { applyHash, hashStateOf } from './urlSync';
import { encodeHash } from './urlHash';

let store: PlaygroundStore;
const state = () => store.getState();

/** A loaded ExLM that reads up to `maxPositions` tokens ([CLS] and [SEP] included). */
function loadModel(maxPositions = 128): void {
  const info = { config: { architecture: 'exlm', max_positions: maxPositions } };
  state().setModelNames({ exlm: 'exlm-smiles-small', mlm: 'mlm-smiles-small' });
  state().setModelLoad('exlm', { phase: 'ready', info: info as unknown as ModelInfo, loadMs: 1 });
}

beforeEach(() => {
  store = createPlaygroundStore();
});

describe('setMode', () => {
  it('opens molecule mode on aspirin with its last O masked', () => {
    state().setMode('molecules');
    expect(state().mode).toBe('molecules');
    expect(state().text).toBe(DEFAULT_SMILES);
    expect(selectModelInput(state())).toBe('CC(=O)Oc1ccccc1C(=O)[MASK]');
    expect(selectWords(state())).toHaveLength(21);
  });

  it("keeps each mode's input to come back to", () => {
    state().setDocument('the cat sat', [1]);
    state().setMode('molecules');
    state().setDocument('CCO', [2]);
    state().setMode('text');
    expect([state().text, state().masks]).toEqual(['the cat sat', [1]]);
    state().setMode('molecules');
    expect([state().text, state().masks]).toEqual(['CCO', [2]]);
    // Switching to the mode the page is in changes nothing.
    state().setMode('molecules');
    expect(state().text).toBe('CCO');
  });

  it("asks for the mode's default models, and on coming back for the model it had", () => {
    state().requestModel('tiny-random');
    state().setMode('molecules');
    expect(state().requestedModel).toBeNull();
    state().setMode('text');
    expect(state().requestedModel).toBe('tiny-random');
  });

  it('closes what works on English text only, and keeps it closed', () => {
    state().setOpenViews(['predictions', 'quiz', 'experiment', 'dag']);
    state().setLessonStep(2);
    state().setMode('molecules');
    expect(state().openViews).toEqual(['predictions', 'dag']);
    expect(state().lessonStep).toBeNull();
    state().toggleView('quiz');
    state().setOpenViews(['experiment', 'states']);
    expect(state().openViews).toEqual(['states']);
    state().setMode('text');
    state().toggleView('quiz');
    expect(state().openViews).toEqual(['states', 'quiz']);
  });

  it("switches to a lesson step's own mode, and closes the lesson on a switch by hand", () => {
    state().setLessonStep(3);
    state().setLessonStep(9, 'molecules');
    expect([state().mode, state().lessonStep]).toEqual(['molecules', 9]);
    state().setMode('text');
    expect([state().mode, state().lessonStep]).toEqual(['text', null]);
  });

  it('goes back to Text when a lesson step opens in molecule mode (a presenter view asks)', () => {
    state().setMode('molecules');
    state().setDocument('CCO', [2]);
    state().setLessonStep(1);
    expect([state().mode, state().lessonStep]).toEqual(['text', 1]);
    state().setMode('molecules');
    expect([state().text, state().masks, state().lessonStep]).toEqual(['CCO', [2], null]);
  });
});

describe('molecule input', () => {
  beforeEach(() => state().setMode('molecules'));

  it('masks SMILES tokens by click, keeps them across edits, and counts typed [MASK]s', () => {
    state().setDocument('CCO', []);
    state().toggleMask(1);
    expect(selectModelInput(state())).toBe('C[MASK]O');
    state().setText('NCCO');
    expect(selectModelInput(state())).toBe('NC[MASK]O');
    state().setDocument('c1cccc[MASK]', []);
    expect(selectModelInput(state())).toBe('c1cccc[MASK]');
    expect(selectInputProblem(state())).toBeNull();
  });

  it('sends a SMILES to the model only when no check blocks it', () => {
    loadModel(8);
    state().setDocument('CC(=O', [0]);
    expect(selectSmilesChecks(state()).map((c) => c.id)).toEqual(['open-branch']);
    expect(selectAnalysisPlan(state())?.input).toBe('[MASK]C(=O');
    for (const blocked of ['the cat sat', 'CCCCCCC', '']) {
      state().setDocument(blocked, [0]);
      expect(selectAnalysisPlan(state()), blocked).toBeNull();
    }
    expect(selectSmilesChecks(state()).map((c) => c.id)).toEqual(['empty']);
  });

  it('names the tokens the model read as [UNK] once its analysis of this input is in', () => {
    loadModel();
    state().setDocument('C[Xe]C', [0]);
    const seq = state().beginAnalysis();
    const exlm = { tokens: ['[CLS]', '[MASK]', '[UNK]', 'C', '[SEP]'] };
    state().acceptResult({
      seq,
      input: selectModelInput(state()),
      exlm: exlm as never,
      mlm: null,
      truncation: null,
      roundTripMs: 1,
    });
    expect(selectSmilesChecks(state()).map((c) => [c.id, c.tokens])).toEqual([
      ['unknown-token', [1]],
    ]);
  });

  it('runs no SMILES checks in text mode', () => {
    state().setMode('text');
    state().setDocument('the cat (sat', [1]);
    expect(selectSmilesChecks(state())).toEqual([]);
  });
});

describe('the link', () => {
  it('holds the mode and the SMILES, and opens the same state', () => {
    state().setMode('molecules');
    state().setDocument('CC(=O)Oc1ccccc1C(=O)O', [8, 20]);
    const hash = encodeHash(hashStateOf(state()));
    expect(hash).toMatch(/^#mode=molecules&text=CC\(%3DO\)Oc1ccccc1C\(%3DO\)O&mask=8%2C20&/);
    const other = createPlaygroundStore();
    applyHash(other, hash);
    expect(other.getState().mode).toBe('molecules');
    expect(selectModelInput(other.getState())).toBe('CC(=O)Oc[MASK]ccccc1C(=O)[MASK]');
    expect(other.getState().notices).toEqual([]);
  });

  it('opens an old link without a mode as text, over a page in molecule mode', () => {
    state().setMode('molecules');
    applyHash(store, '#text=the%20cat%20sat&mask=1');
    expect(state().mode).toBe('text');
    expect(selectModelInput(state())).toBe('the [MASK] sat');
  });

  it("opens molecule mode's default input from a link with only the mode", () => {
    applyHash(store, '#mode=molecules');
    expect([state().mode, state().text]).toEqual(['molecules', DEFAULT_SMILES]);
    applyHash(store, '#mode=text');
    expect(state().text).toBe(DEFAULT_TEXT);
  });

  it('says what a molecule link asks for that works on text only, and opens its lesson step there', () => {
    applyHash(store, '#mode=molecules&text=CCO&mask=2&views=predictions,quiz,experiment&step=10');
    expect(state().openViews).toEqual(['predictions']);
    expect([state().mode, state().text, state().lessonStep]).toEqual(['molecules', 'CCO', 9]);
    expect(
      state()
        .notices.map((n) => n.text)
        .join(' '),
    ).toMatch(/opens Class quiz and Mask-ratio experiment in Molecules mode.*left closed\.$/);
  });
});
