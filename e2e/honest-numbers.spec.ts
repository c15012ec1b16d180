// Honest numbers on the built page with the shipped model (wasm: these are tests of the page, not
// of the GPU): probability bars are drawn out of 100% unless "Scale bars to the top guess" is on,
// glossary terms open from the keyboard and close with Escape, the status names the model's
// measured quality, and the model picker offers the random test models only with ?dev=1 (or when a
// link opened one). A screenshot is attached.
import type { Locator, Page } from '@playwright/test';

import { expect, test } from './support/fixtures';

const TEXT = 'she went to the bank to get some money .';
const HASH = `#text=${encodeURIComponent(TEXT)}&mask=4&views=predictions`;
const RANDOM_MODELS = ['tiny-random', 'tiny-random-mlm'];

/** Per row of a slot card: its probability and the share of its track its bar fills. */
async function barShares(slot: Locator): Promise<{ prob: number; share: number }[]> {
  return slot.locator('.slot__row').evaluateAll((rows) =>
    rows.map((row) => {
      const track = row.querySelector('.slot__bar')!.getBoundingClientRect().width;
      const fill = row.querySelector('.slot__fill')!.getBoundingClientRect().width;
      return { prob: Number((row as HTMLElement).dataset.prob), share: fill / track };
    }),
  );
}

/** The names the model picker offers; none when it is hidden (a single model to offer). */
async function pickerNames(page: Page): Promise<string[]> {
  const picker = page.getByTestId('model-select');
  if ((await picker.count()) === 0) return [];
  return picker
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
}

test('bars are absolute, terms explain themselves, the status shows the measured quality', async ({
  page,
  playground,
}, testInfo) => {
  await playground.open(HASH, 'wasm', null);
  await playground.waitSettled();
  const slot = playground.predictions.getByTestId('slot').first();
  await expect(slot).toHaveAttribute('data-bar-scale', 'absolute');

  // Out of 100%: each bar fills its probability's share of the track; the top guess is far from
  // full (about 5% on this sentence).
  const absolute = await barShares(slot);
  expect(absolute.length).toBeGreaterThan(1);
  for (const { prob, share } of absolute) expect(share).toBeCloseTo(prob, 2);
  expect(absolute[0]!.share).toBeLessThan(0.5);
  await expect(page.getByTestId('bar-scale-note')).toContainText('out of 100%');
  await playground.screenshot(testInfo, 'honest-numbers-absolute-bars');

  // Scaled to the top guess: only when asked for, and labelled.
  const relativeOption = page.getByLabel('Scale bars to the top guess');
  await relativeOption.check();
  await expect(slot).toHaveAttribute('data-bar-scale', 'relative');
  await expect(page.getByTestId('bar-scale-note')).toContainText('scaled to the top guess');
  const relative = await barShares(slot);
  const best = relative[0]!.prob;
  for (const { prob, share } of relative) expect(share).toBeCloseTo(prob / best, 2);
  expect(relative[0]!.share).toBeCloseTo(1, 2);
  await playground.screenshot(testInfo, 'honest-numbers-relative-bars', playground.predictions);
  await relativeOption.uncheck();
  await expect(slot).toHaveAttribute('data-bar-scale', 'absolute');
  expect((await barShares(slot))[0]!.share).toBeCloseTo(absolute[0]!.prob, 2);

  // Entropy in plain words next to the nats.
  const entropy = Number(await slot.locator('[data-entropy]').getAttribute('data-entropy'));
  await expect(slot.locator('.slot__entropy')).toContainText(
    `entropy ${entropy.toFixed(2)} nats: as unsure as a pick among ${Math.round(Math.exp(entropy)).toLocaleString('en-US')} words`,
    { useInnerText: true },
  );

  // A glossary term, from the keyboard: Tab onto it opens its definition, Escape closes it.
  const marginal = playground.predictions.getByRole('button', { name: 'marginal' });
  await marginal.focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  const term = slot.getByRole('button', { name: 'entropy' });
  await expect(term).toBeFocused();
  const tip = page.getByRole('tooltip').filter({ visible: true });
  await expect(tip).toHaveCount(1);
  await expect(tip).toContainText('How unsure the model is about a slot');
  await expect(tip).toHaveAttribute('id', (await term.getAttribute('aria-describedby'))!);
  await expect(term).toHaveAccessibleDescription(/a fair pick among e\^H words/);
  await page.keyboard.press('Escape');
  await expect(tip).toHaveCount(0);
  await expect(term).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tip).toHaveCount(1);
  await playground.screenshot(testInfo, 'honest-numbers-glossary-term');
  await page.keyboard.press('Escape');
  await expect(tip).toHaveCount(0);

  // With the pointer: hovering opens a term, the pointer can move onto its definition, leaving
  // closes it.
  await slot.getByRole('button', { name: 'nats' }).hover();
  await expect(tip).toContainText('The unit entropy is measured in');
  await tip.hover();
  await expect(tip).toHaveCount(1);
  await page.mouse.move(1, 1);
  await expect(tip).toHaveCount(0);

  // The model's measured quality, next to its name, from its config.json.
  await expect(page.getByTestId('status-model-exlm')).toContainText(
    'exlm-en-small: top-1 32.1%, top-5 50.6% on 1,000 held-out sentences (15% of words masked)',
    { useInnerText: true },
  );
  await expect(page.getByTestId('status-model-mlm')).toContainText(
    'mlm-en-small: top-1 31.7%, top-5 49.9% on 1,000 held-out sentences (15% of words masked)',
    { useInnerText: true },
  );
});

test('the picker offers the random test models only with ?dev=1 or once a link opened one', async ({
  page,
  playground,
}) => {
  await playground.open(HASH, 'wasm', null);
  const catalog = await playground.store.catalogNames();
  expect(catalog).toEqual(expect.arrayContaining(RANDOM_MODELS));
  for (const name of RANDOM_MODELS) expect(await pickerNames(page)).not.toContain(name);

  // ?dev=1: the random ExLM is offered (its twin stays with it, in Compare).
  await page.goto('about:blank');
  await page.goto(`/?backend=wasm&dev=1${HASH}`);
  await expect(page.getByTestId('status-model-exlm')).toHaveAttribute('data-phase', 'ready', {
    timeout: 150_000,
  });
  await expect.poll(() => pickerNames(page)).toEqual(['exlm-en-small', 'tiny-random']);

  // A link still opens a random model without ?dev=1, and the picker keeps offering it.
  await playground.open(HASH, 'wasm', 'tiny-random');
  await playground.waitForResultOf('tiny-random');
  await expect.poll(() => pickerNames(page)).toEqual(['exlm-en-small', 'tiny-random']);
});
