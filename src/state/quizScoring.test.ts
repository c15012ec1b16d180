import { describe, expect, it } from 'vitest';

import type { SlotPrediction } from '../model/types';
import {
  EMPTY_TOTALS,
  addTotals,
  isMaskGuess,
  modelOutcome,
  normaliseWord,
  parseGuesses,
  roundScore,
  sameWord,
  scoreSlot,
} from './quizScoring';

function slot(...tokens: [string, number][]): SlotPrediction {
  return {
    position: 1,
    top: tokens.map(([token, prob], id) => ({ id, token, prob })),
    entropy: 1,
  };
}

describe('normaliseWord', () => {
  it('ignores case, accents, invisible characters and surrounding punctuation', () => {
    expect(normaliseWord('Bank')).toBe('bank');
    expect(normaliseWord('  "Bank!" ')).toBe('bank');
    expect(normaliseWord('(bank).')).toBe('bank');
    expect(normaliseWord('Café')).toBe('cafe');
    expect(normaliseWord('ba\u200bnk')).toBe('bank');
    expect(normaliseWord('$5')).toBe('5');
  });
  it('keeps punctuation inside a word and a word made only of punctuation', () => {
    expect(normaliseWord("don't")).toBe("don't");
    expect(normaliseWord('.')).toBe('.');
    expect(normaliseWord(' , ')).toBe(',');
  });
  it('collapses inner spaces', () => {
    expect(normaliseWord('New   York')).toBe('new york');
  });
});

describe('parseGuesses', () => {
  it('splits on commas and semicolons, keeps the order and drops blanks', () => {
    expect(parseGuesses('bank, store ;office,, ')).toEqual(['bank', 'store', 'office']);
    expect(parseGuesses('   ')).toEqual([]);
  });
  it('never counts a typed [MASK] as a guess, in any case or spacing', () => {
    expect(parseGuesses('[MASK]')).toEqual([]);
    expect(parseGuesses('[mask], bank')).toEqual(['bank']);
    expect(parseGuesses('[ Mask ].')).toEqual([]);
    expect(isMaskGuess('[MASK]')).toBe(true);
    expect(isMaskGuess('mask')).toBe(false);
    expect(parseGuesses('mask')).toEqual(['mask']);
  });
  it('takes a field of punctuation alone as one guess of that mark', () => {
    expect(parseGuesses(',')).toEqual([',']);
    expect(parseGuesses(' . ')).toEqual(['.']);
  });
  it('keeps a punctuation mark typed among words as a guess of that mark', () => {
    expect(parseGuesses('bank, !, store')).toEqual(['bank', '!', 'store']);
    expect(parseGuesses('bank, "", store')).toEqual(['bank', '""', 'store']);
  });
});

describe('sameWord', () => {
  it('matches up to case and surrounding punctuation', () => {
    expect(sameWord('BANK!', 'bank')).toBe(true);
    expect(sameWord('bank', 'Bank')).toBe(true);
    expect(sameWord('banks', 'bank')).toBe(false);
    expect(sameWord('.', '.')).toBe(true);
    expect(sameWord('[MASK]', '[MASK]')).toBe(false);
  });
});

describe('modelOutcome', () => {
  const s = slot(['money', 0.5], ['bank', 0.2], ['store', 0.1]);
  it('ranks the hidden word among the listed tokens (1-based) with its probability', () => {
    expect(modelOutcome(s, 'Bank')).toEqual({
      rank: 2,
      prob: 0.2,
      listed: 3,
      top: { token: 'money', prob: 0.5 },
      right: false,
    });
  });
  it('is right only when the first guess is the hidden word', () => {
    expect(modelOutcome(s, 'money').right).toBe(true);
    expect(modelOutcome(s, 'money').rank).toBe(1);
  });
  it('says when the hidden word is not among the listed tokens', () => {
    const outcome = modelOutcome(s, 'office');
    expect(outcome.rank).toBeNull();
    expect(outcome.prob).toBeNull();
    expect(outcome.listed).toBe(3);
    expect(outcome.right).toBe(false);
  });
  it('copes with a slot that lists nothing', () => {
    expect(modelOutcome(slot(), 'bank')).toEqual({
      rank: null,
      prob: null,
      listed: 0,
      top: null,
      right: false,
    });
  });
});

describe('scoreSlot and roundScore', () => {
  const exlm = slot(['bank', 0.6], ['store', 0.3]);
  const mlm = slot(['store', 0.5], ['bank', 0.4]);
  it('counts only the first guess for the class, and notes a later right guess', () => {
    const right = scoreSlot({ wordIndex: 3, hidden: 'bank', typed: 'Bank!' }, exlm, mlm);
    expect(right.classRight).toBe(true);
    expect(right.rightGuess).toBe(1);
    const later = scoreSlot({ wordIndex: 3, hidden: 'bank', typed: 'store, bank' }, exlm, mlm);
    expect(later.classRight).toBe(false);
    expect(later.rightGuess).toBe(2);
    expect(later.guesses).toEqual(['store', 'bank']);
    const masked = scoreSlot({ wordIndex: 3, hidden: 'bank', typed: '[MASK], bank' }, exlm, mlm);
    expect(masked.classRight).toBe(true);
    const none = scoreSlot({ wordIndex: 3, hidden: 'bank', typed: '' }, exlm, mlm);
    expect(none.classRight).toBe(false);
    expect(none.rightGuess).toBeNull();
  });
  it('does not score a typed [MASK] (nothing hidden)', () => {
    const typed = scoreSlot({ wordIndex: 1, hidden: null, typed: 'bank' }, exlm, mlm);
    expect(typed.classRight).toBeNull();
    expect(typed.exlm).toBeNull();
    expect(roundScore([typed])).toEqual(EMPTY_TOTALS);
  });
  it('scores the twin only where it answered', () => {
    const slots = [
      scoreSlot({ wordIndex: 1, hidden: 'bank', typed: 'bank' }, exlm, mlm),
      scoreSlot({ wordIndex: 4, hidden: 'store', typed: 'shop' }, exlm, undefined),
    ];
    const score = roundScore(slots);
    expect(score).toEqual({
      class: { right: 1, of: 2 },
      exlm: { right: 1, of: 2 },
      mlm: { right: 0, of: 1 },
    });
    expect(addTotals(score, score)).toEqual({
      class: { right: 2, of: 4 },
      exlm: { right: 2, of: 4 },
      mlm: { right: 0, of: 2 },
    });
  });
});
