// The class quiz on the built page, with the tiny random fixture models on WASM (the ExLM
// tiny-random and its twin tiny-random-mlm): the masked words stay hidden while the class guesses,
// the reveal shows each hidden word's rank and probability as the store's analysis has them, and
// the score adds up over two rounds. Driven by the keyboard as a teacher would (Tab, Enter, Alt+N).
// The guesses' ranks are never written here: they are read from the analysis in the store.
// While a round is open, no hidden word is anywhere in the page's text, attributes, form values,
// title, address or copied link; from the reveal on, the text box and the link hold it again.
import type { Locator } from '@playwright/test';

import { formatPercent } from '../src/views/common/format';
import type { PlaygroundPage, ShownEverywhere } from './pages/playground-page';
import type { AnalysisCopy } from './pages/store-reader';
import { expect, test } from './support/fixtures';
import { SLOW_MS } from './support/timeouts';

/** Words of the tiny models' vocabulary, so that the hidden words can rank among the guesses. */
const ROUND_1 = { text: 'the old man sat by the river', masks: [1, 6], hidden: ['old', 'river'] };
const ROUND_2 = { text: 'she said nobody could find the book', masks: [0, 2] };
const QUIZ_TOP_K = 10;

interface Expected {
  rank: number | null;
  prob: number | null;
  listed: number;
  top: string;
  topProb: number;
}

/** Where each hidden word stands in each model's guesses, straight from the store's analysis. */
async function expectedFromStore(
  playground: PlaygroundPage,
  hidden: string[],
): Promise<{ exlm: Expected[]; mlm: Expected[] }> {
  const results = await playground.store.result();
  if (results.mlm === null) throw new Error('no analysis with the twin in the store');
  const outcomes = (masks: AnalysisCopy['masks']) =>
    masks.map((slot, i) => {
      const index = slot.top.findIndex((t) => t.token === hidden[i]);
      return {
        rank: index < 0 ? null : index + 1,
        prob: index < 0 ? null : (slot.top[index]?.prob ?? null),
        listed: slot.top.length,
        top: slot.top[0]?.token ?? '',
        topProb: slot.top[0]?.prob ?? NaN,
      };
    });
  return { exlm: outcomes(results.exlm.masks), mlm: outcomes(results.mlm.masks) };
}

/** Checks one model's line of a revealed slot against the store's analysis. */
async function expectModelLine(line: Locator, want: Expected): Promise<void> {
  await expect(line).toHaveAttribute('data-rank', want.rank === null ? '' : String(want.rank));
  const prob = await line.getAttribute('data-prob');
  if (want.prob === null) expect(prob).toBe('');
  else expect(Number(prob)).toBe(want.prob);
  await expect(line).toContainText(
    want.rank === null || want.prob === null
      ? `not in the top ${want.listed}`
      : `rank ${want.rank} of ${want.listed}, ${formatPercent(want.prob)}`,
  );
  await expect(line).toContainText(`top guess ${want.top} ${formatPercent(want.topProb)}`);
  await expect(line).toHaveAttribute('data-right', String(want.rank === 1));
  await expect(line).toContainText(want.rank === 1 ? '✓ right' : '✗ wrong');
}

/** Where each of `words` shows (as a whole word, any case) in what the page shows, the address
 *  and `link` (read decoded, as a person would); empty when nowhere. */
function whereShown(shown: ShownEverywhere, link: string, words: readonly string[]): string[] {
  const decoded = (url: string) => decodeURIComponent(url.replace(/\+/g, ' '));
  const places: [string, string][] = [
    ['innerText', shown.innerText],
    ['textContent', shown.textContent],
    ...shown.attributes.map((a): [string, string] => ['attribute', a]),
    ...shown.values.map((v): [string, string] => ['form value', v]),
    ['title', shown.title],
    ['address', decoded(shown.url)],
    ['copied link', decoded(link)],
  ];
  return words.flatMap((word) => {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'iu');
    return places.filter(([, text]) => pattern.test(text)).map(([where]) => `${word} in ${where}`);
  });
}

const rightCount = (outcomes: Expected[]) => outcomes.filter((o) => o.rank === 1).length;

async function expectTotal(quiz: Locator, who: string, right: number, of: number): Promise<void> {
  const cell = quiz.getByTestId(`quiz-total-${who}`);
  await expect(cell).toHaveAttribute('data-right', String(right));
  await expect(cell).toHaveAttribute('data-of', String(of));
  await expect(cell).toHaveText(`${right} of ${of}`);
}

/** The lowest contrast ratio (WCAG) of any text in `root` against its background, and the
 *  smallest font size in px among the elements matching `large`. */
async function readability(
  root: Locator,
  large: string,
): Promise<{ contrast: number; px: number }> {
  return root.evaluate((element, selector) => {
    const rgba = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]): number => {
      const [lr, lg, lb] = [r, g, b].map((c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (lr ?? 0) + 0.7152 * (lg ?? 0) + 0.0722 * (lb ?? 0);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e !== null; e = e.parentElement) {
        const color = rgba(getComputedStyle(e).backgroundColor);
        if (color.length === 3 || (color[3] ?? 0) > 0) return color;
      }
      return [255, 255, 255];
    };
    let contrast = Infinity;
    for (const el of [element, ...element.querySelectorAll('*')]) {
      const hasText = [...el.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
      );
      if (!hasText) continue;
      const a = luminance(rgba(getComputedStyle(el).color));
      const b = luminance(background(el));
      contrast = Math.min(contrast, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
    }
    const sizes = [...element.querySelectorAll(selector)].map((el) =>
      parseFloat(getComputedStyle(el).fontSize),
    );
    return { contrast, px: Math.min(...sizes) };
  }, large);
}

test('a class quiz: hidden answers, a reveal that matches the analysis, a score over two rounds', async ({
  page,
  context,
  baseURL,
  playground,
}, testInfo) => {
  test.slow();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(baseURL ?? '').origin,
  });
  const hash = `#text=${encodeURIComponent(ROUND_1.text)}&mask=${ROUND_1.masks.join(',')}&views=predictions,quiz`;
  await playground.open(hash, 'wasm');
  const quiz = page.getByTestId('view-quiz');
  const reveal = quiz.getByTestId('quiz-reveal');
  const fields = quiz.getByTestId('quiz-guess');
  const status = quiz.getByTestId('quiz-status');

  // Round 1. The twin is loaded for the quiz; the round can be revealed once both models answered.
  await expect(reveal).toHaveAttribute('aria-disabled', 'false', { timeout: SLOW_MS });
  const { exlm, mlm } = await playground.store.result();
  const listed = [exlm.masks[0]?.top.length, mlm?.masks[0]?.top.length];
  expect(listed).toEqual([QUIZ_TOP_K, QUIZ_TOP_K]);

  // Nothing on the page or in its address gives the hidden words away: the text box gives way to
  // the chips, the masked ones "[MASK]"; Predictions and the examples' notes open at Reveal.
  for (const m of ROUND_1.masks) await expect(playground.chip(m)).toHaveText('[MASK]');
  await expect(playground.editor).toHaveCount(0);
  await expect(page.getByTestId('editor-covered')).toContainText('back at Reveal');
  await expect(playground.predictions).toHaveCount(0);
  await expect(page.getByTestId('views-covered')).toContainText('Predictions open at Reveal');
  await expect(page.getByTestId('gallery-covered')).toContainText('notes open at Reveal');
  await expect(page.locator('.gallery__why')).toHaveCount(0);
  await expect(status).toContainText('Round 1');
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link-message')).toHaveText('Link copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('text=the%20%5BMASK%5D%20man');
  expect(whereShown(await playground.everythingShown(), copied, ROUND_1.hidden)).toEqual([]);

  // The teacher types the class's guesses: Tab to the next field, Enter on the last reveals.
  await expect(fields).toHaveCount(2);
  await fields.nth(0).focus();
  await page.keyboard.type('dog');
  await page.keyboard.press('Tab');
  await expect(fields.nth(1)).toBeFocused();
  await page.keyboard.type('River!, sea');
  await playground.screenshot(testInfo, 'quiz-round-1-guessing');
  await page.keyboard.press('Enter');

  const slots = quiz.getByTestId('quiz-slot');
  await expect(slots).toHaveCount(2);
  await expect(status).toContainText('Round 1 revealed');
  await expect(quiz.getByTestId('quiz-next')).toBeFocused();
  const first = await expectedFromStore(playground, ROUND_1.hidden);
  for (const [i, word] of ROUND_1.hidden.entries()) {
    const slot = slots.nth(i);
    await expect(slot).toHaveAttribute('data-hidden', word);
    await expect(slot).toContainText(`Mask ${i + 1} was ${word}`);
    await expectModelLine(slot.getByTestId('quiz-exlm'), first.exlm[i] as Expected);
    await expectModelLine(slot.getByTestId('quiz-mlm'), first.mlm[i] as Expected);
  }
  await expect(slots.nth(0).getByTestId('quiz-class')).toHaveAttribute('data-right', 'false');
  await expect(slots.nth(0).getByTestId('quiz-class')).toContainText('Class: dog ✗ wrong');
  await expect(slots.nth(1).getByTestId('quiz-class')).toHaveAttribute('data-right', 'true');
  await expect(slots.nth(1).getByTestId('quiz-class')).toContainText('Class: River! ✓ right');
  await expectTotal(quiz, 'class', 1, 2);
  await expectTotal(quiz, 'exlm', rightCount(first.exlm), 2);
  await expectTotal(quiz, 'mlm', rightCount(first.mlm), 2);
  // Revealed: the words are back on the chips, in the text box, the link and Predictions.
  await expect(playground.chip(6)).toContainText('river');
  await expect(playground.editor).toHaveValue(ROUND_1.text);
  await expect(playground.predictions.locator('.slot__hidden')).toHaveCount(2);
  await expect(page.locator('.gallery__why').first()).toBeVisible();
  const address = await page.evaluate(() => decodeURIComponent(window.location.hash));
  expect(address).toContain(`text=${ROUND_1.text}&mask=1,6`);

  // Readable from the back of the room: reveal type of 1.5rem (24px) or more, contrast >= 4.5:1.
  const look = await readability(quiz, '.quiz-result, .quiz-result p, .quiz__scores');
  expect(look.px).toBeGreaterThanOrEqual(24);
  expect(look.contrast).toBeGreaterThanOrEqual(4.5);
  await playground.screenshot(testInfo, 'quiz-round-1-revealed', quiz);
  await playground.screenshot(testInfo, 'quiz-round-1-page');

  // Round 2: Alt+N clears the guesses; the teacher types another sentence and masks two words.
  await page.keyboard.press('Alt+KeyN');
  await expect(status).toContainText('Round 2');
  await expect(fields.nth(0)).toBeFocused();
  await expect(fields.nth(0)).toHaveValue('');
  // The same words are masked again, so the text box is covered again: "New sentence" clears it.
  await expect(playground.editor).toHaveCount(0);
  await playground.startNewSentence();
  await expect(playground.editor).toHaveValue('');
  await playground.setText(ROUND_2.text);
  for (const m of ROUND_2.masks) await playground.chip(m).click();
  await expect(playground.chip(2)).toHaveText('[MASK]');
  await expect(playground.editor).toHaveCount(0);
  await expect(reveal).toHaveAttribute('aria-disabled', 'false', { timeout: SLOW_MS });
  await fields.nth(0).fill('She');
  // A typed [MASK] is never a guess: "somebody" is the class's first guess.
  await fields.nth(1).fill('[MASK], somebody, nobody');
  await fields.nth(1).press('Enter');

  await expect(status).toContainText('Round 2 revealed');
  const second = await expectedFromStore(playground, ['she', 'nobody']);
  for (const i of [0, 1]) {
    await expectModelLine(slots.nth(i).getByTestId('quiz-exlm'), second.exlm[i] as Expected);
    await expectModelLine(slots.nth(i).getByTestId('quiz-mlm'), second.mlm[i] as Expected);
  }
  await expect(slots.nth(0).getByTestId('quiz-class')).toHaveAttribute('data-right', 'true');
  await expect(slots.nth(1).getByTestId('quiz-class')).toContainText(
    'Class: somebody ✗ wrong (guess 2 was right; only the first counts)',
  );
  const exlmRight = rightCount(first.exlm) + rightCount(second.exlm);
  const mlmRight = rightCount(first.mlm) + rightCount(second.mlm);
  await expectTotal(quiz, 'class', 2, 4);
  await expectTotal(quiz, 'exlm', exlmRight, 4);
  await expectTotal(quiz, 'mlm', mlmRight, 4);
  expect(await playground.store.quizTotals()).toEqual({
    class: { right: 2, of: 4 },
    exlm: { right: exlmRight, of: 4 },
    mlm: { right: mlmRight, of: 4 },
  });
  await playground.screenshot(testInfo, 'quiz-round-2-revealed', quiz);

  // Reset: the score starts again from nothing.
  await quiz.getByTestId('quiz-reset').click();
  await expect(status).toContainText('Scores reset. Round 1');
  await expectTotal(quiz, 'class', 0, 0);
});
