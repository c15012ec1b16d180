// Hostile input on the real page (docs/hostile-inputs.md): invisible and bidi characters, [MASK]
// typed in other forms, 200 masks, 5,000 characters (one Tab stop, no link), malformed and over-long links in
// the built bundle, and a backend switch while an analysis runs. The pure rules behind these are
// unit-tested (src/core/words.test.ts, src/state/urlHash.test.ts); this checks the page keeps them.
import { expect, test } from './support/fixtures';

test('invisible characters are shown and removed; [MASK] forms; 5,000 characters make no link', async ({
  page,
  playground,
}) => {
  await playground.open('#views=predictions', 'wasm');

  // words: the(0) c<ZWSP>at(1) sat(2) <RLO>(3, unseen by the model) on(4) the(5) mat(6) .(7)
  await playground.setText('the c\u200bat sat \u202e on the mat .');
  await expect(playground.chip(1)).toHaveText('c⟨U+200B⟩at');
  await expect(playground.chip(1).locator('.chip__hidden')).toHaveAttribute(
    'title',
    /^U\+200B ZERO WIDTH SPACE/,
  );
  await expect(playground.chip(3)).toHaveText('⟨U+202E⟩');
  await expect(playground.chip(3)).toHaveAttribute('aria-disabled', 'true');
  // Playwright waits for an aria-disabled button to become enabled: force the click.
  await playground.chip(3).click({ force: true });
  await expect(playground.chip(3)).toHaveAttribute('aria-pressed', 'false');
  const message = page.getByTestId('message-hidden-chars');
  await expect(message).toContainText('2 invisible or control characters');
  await expect(message).toContainText('U+202E RIGHT-TO-LEFT OVERRIDE');

  await playground.chip(1).click();
  await playground.chip(6).click();
  expect((await playground.summary()).modelInput).toBe('the [MASK] sat \u202e on the [MASK] .');
  await message.getByRole('button', { name: 'Remove them' }).click();
  await expect(playground.editor).toHaveValue('the cat sat  on the mat .');
  await expect(message).toHaveCount(0);
  expect((await playground.summary()).modelInput).toBe('the [MASK] sat  on the [MASK] .');
  expect(await playground.shownSlots()).toHaveLength(2);

  // Only the exact [MASK] masks; other spellings are words.
  await playground.setText('[mask] [ MASK ] [MASK][MASK] .');
  await expect(page.locator('button.chip[aria-pressed="true"]')).toHaveCount(2);
  expect(await playground.shownSlots()).toHaveLength(2);

  // 200 masks: the model reads what fits (62 masks and [CLS] and [SEP] in the fixture's 64
  // positions) and the page says where it cut.
  await playground.setText('[MASK] '.repeat(200));
  await expect(page.getByTestId('message-truncated')).toBeVisible();
  expect(await playground.shownSlots()).toHaveLength(62);

  // 5,000 characters: 1,000 chips, one Tab stop, and the address keeps the last link it could.
  await playground.setText('a short text .');
  await expect.poll(() => new URL(page.url()).hash).toContain('text=a%20short%20text');
  const lastLink = new URL(page.url()).hash;
  await playground.setText('word '.repeat(1000));
  await expect(page.locator('button.chip')).toHaveCount(1000);
  await expect(page.locator('button.chip[tabindex="0"]')).toHaveCount(1);
  await expect(page.getByTestId('notice')).toContainText(
    'This text is 5,000 characters long; links hold at most 2,000',
  );
  expect(new URL(page.url()).hash).toBe(lastLink);
  await playground.editor.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('End');
  await expect(playground.chip(999)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('button.chip:focus')).toHaveCount(0);

  await playground.setText('short again');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).hash).toContain('text=short%20again');
});

test('malformed links are named in the built page; a backend switch mid-analysis settles', async ({
  page,
  playground,
}) => {
  // The broken-escape check must survive minification: this is the built bundle.
  await playground.open('#text=%E0%A4%A&mask=1&views=dag&zz=1', 'wasm');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText(
    `The link's "text" field has a broken %-escape ("%E0%A4%A"); the default text is shown.`,
  );
  await expect(notice).toContainText('"mask" field was ignored');
  await expect(notice).toContainText('fields this page does not know ("zz")');
  expect((await playground.summary()).openViews).toEqual(['dag']);
  expect((await playground.summary()).text).not.toContain('\ufffd');
  // The address now says what the page shows.
  await expect.poll(() => new URL(page.url()).hash).not.toContain('zz');

  await playground.open(`#text=good&text=evil&views=predictions&text2=${'a'.repeat(2001)}`, 'wasm');
  await expect(notice).toContainText('gives the "text" field 2 times');
  await playground.open(`#text=${'a'.repeat(2001)}&views=predictions`, 'wasm');
  await expect(notice).toContainText('2,001 characters long (at most 2,000)');

  // A new text and, before its analysis is back, another backend: the page ends on the new
  // backend showing the analysis of the new text.
  await playground.setText('a dog ran home .');
  await playground.chip(1).click();
  await playground.switchBackend('cpu');
  expect((await playground.summary()).modelInput).toBe('a [MASK] ran home .');
  expect(await playground.shownSlots()).toHaveLength(1);
});
