// Test helper: stores an analysis of the editor's current text, as the controller would, with only
// what the class quiz reads of one (the model name and the slots' top tokens), so a round can be
// revealed without a model.
import type { Analysis, SlotPrediction } from '../model/types';
import { selectModelInput } from './selectors';
import type { PlaygroundStore } from './store';

function analysis(model: string, slots: string[][]): Analysis {
  const masks: SlotPrediction[] = slots.map((tokens, i) => ({
    position: i + 1,
    top: tokens.map((token, id) => ({ id, token, prob: 1 / (id + 2) })),
    entropy: 1,
  }));
  return { model, masks } as unknown as Analysis;
}

/** Per slot, the tokens each model lists first; null: no twin answered. */
export function answerQuiz(store: PlaygroundStore, exlm: string[][], mlm: string[][] | null): void {
  const s = store.getState();
  const seq = s.beginAnalysis();
  s.acceptResult({
    seq,
    input: selectModelInput(store.getState()),
    exlm: analysis('exlm-x', exlm),
    mlm: mlm === null ? null : analysis('mlm-x', mlm),
    truncation: null,
    roundTripMs: 1,
  });
}
