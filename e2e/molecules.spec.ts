// Molecule mode end to end, on wasm with the mode's own model pair: the switch, a SMILES typed in
// the editor, an atom chip masked by click and by keyboard, the predictions, the link that reopens
// the same state, the checks' messages on bad input (the input kept), and the text-only features
// saying so; the structures view's drawings, candidates, best valid fill and export. Inputs are
// short molecules. No test reads the models' numbers: the weights change (one input is chosen for
// a best joint fill of the shipped ExLM that is not a molecule).
import { MoleculesPage, SMILES_MODEL } from './pages/molecules-page';
import { expect, test } from './support/fixtures';
import { smallestText } from './support/layoutChecks';
import { SLOW_MS } from './support/timeouts';

test('switch to Molecules, mask an atom, see its predictions, and reopen the link', async ({
  page,
}, testInfo) => {
  const molecules = new MoleculesPage(page);
  await molecules.open();
  await expect(molecules.modeButton('text')).toHaveAttribute('aria-pressed', 'true');
  await molecules.switchTo('molecules', SMILES_MODEL);
  // Aspirin, its last O masked: a first visit's molecule.
  expect(await molecules.state()).toMatchObject({
    mode: 'molecules',
    modelInput: 'CC(=O)Oc1ccccc1C(=O)[MASK]',
  });

  // A new SMILES: the mask stays on the last O, as a mask on a word survives an edit.
  await molecules.typeSmiles('CCO');
  await expect(molecules.chips).toHaveCount(3);
  await expect(molecules.chip(2)).toHaveAttribute('aria-pressed', 'true');
  await molecules.chip(2).click();
  expect((await molecules.state()).modelInput).toBe('CCO');
  await expect(page.getByTestId('message-no-mask')).toContainText('No token is masked');
  await molecules.chip(2).click();
  await expect(molecules.chip(2)).toHaveAttribute('aria-pressed', 'true');
  // The keyboard too: the chip row is one Tab stop, arrows move, Space masks.
  await molecules.chip(2).press('ArrowLeft');
  await expect(molecules.chip(1)).toBeFocused();
  await page.keyboard.press('Space');
  expect((await molecules.state()).modelInput).toBe('C[MASK][MASK]');
  await molecules.chip(1).click();
  expect((await molecules.state()).modelInput).toBe('CC[MASK]');
  const slots = await molecules.shownSlots();
  expect(slots).toHaveLength(1);
  expect(slots[0]?.tokens.length).toBeGreaterThan(0);
  await molecules.screenshot(testInfo, 'molecules-ethanol');

  expect(new URL(page.url()).hash).toMatch(/^#mode=molecules&text=CCO&mask=2&/);
  await molecules.reloadLink();
  expect(await molecules.state()).toMatchObject({ mode: 'molecules', text: 'CCO', masks: [2] });
  await expect(molecules.modeButton('molecules')).toHaveAttribute('aria-pressed', 'true');
  await expect(molecules.chip(2)).toHaveAttribute('aria-pressed', 'true');
  await molecules.waitForResultOf(SMILES_MODEL);
  expect(await molecules.shownSlots()).toHaveLength(1);

  // Back to Text: the sentence of a first visit is there, as the text mode left it.
  await molecules.modeButton('text').click();
  expect(await molecules.state()).toMatchObject({ mode: 'text', text: 'he lives in new york .' });
  expect(new URL(page.url()).hash).not.toContain('mode=');
});

test('a SMILES with a mistake gets a message that says what to do, and stays as typed', async ({
  page,
}) => {
  const molecules = new MoleculesPage(page);
  await molecules.open('#mode=molecules&text=CCO&mask=2');
  for (const [smiles, check, words] of [
    ['CC(=O', 'open-branch', /never closed: add a “\)”/],
    ['c1ccccc', 'ring-unclosed', /Ring bond “1” .* never closed/],
    ['C[Zz]C', 'unknown-element', /“\[Zz\]”, names no chemical element/],
    ['CXxC', 'unknown-character', /“X”, “x” are not SMILES/],
    ['the cat sat on the mat', 'prose', /looks like text, not a SMILES.*switch to Text/],
    ['', 'empty', /SMILES is empty/],
  ] as const) {
    await molecules.typeSmiles(smiles);
    await expect(molecules.message(check)).toContainText(words);
    await expect(molecules.editor).toHaveValue(smiles);
  }
  // A blocking mistake keeps the SMILES from the model, and the views say why.
  await molecules.typeSmiles('the cat sat');
  await expect(page.getByTestId('views-waiting')).toContainText('until the SMILES is fixed');
  // The chip a check is about is marked.
  await molecules.typeSmiles('CC(C');
  await expect(molecules.chip(2)).toHaveAttribute('aria-invalid', 'true');
});

test('what works on English text only says so in molecule mode, at 800x600 presenting too', async ({
  page,
}, testInfo) => {
  const molecules = new MoleculesPage(page);
  await molecules.open('#mode=molecules&text=CCO&mask=2');
  // The lesson has steps about molecules, where its button starts in this mode (lesson.spec.ts).
  await expect(page.getByTestId('lesson-start')).toBeVisible();
  await expect(page.getByTestId('gallery-text-only')).toBeVisible();
  for (const view of ['quiz', 'experiment']) {
    const toggle = page.locator(`input[data-view-toggle="${view}"]`);
    await expect(toggle).toBeDisabled();
    await expect(toggle).toHaveAccessibleDescription(/switch to Text/);
  }
  await page.setViewportSize({ width: 800, height: 600 });
  await page.keyboard.press('Alt+KeyP');
  await expect(page.getByTestId('presentation-toggle')).toContainText('Leave');
  for (const mode of ['text', 'molecules'] as const) {
    await expect(molecules.modeButton(mode)).toBeInViewport();
  }
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await molecules.screenshot(testInfo, 'molecules-presenting-800x600');
  // Reachable by keyboard: Tab to the switch, Enter switches.
  await molecules.modeButton('text').focus();
  await page.keyboard.press('Enter');
  await expect(molecules.modeButton('text')).toHaveAttribute('aria-pressed', 'true');
});

// The structures view (src/views/molecule/): RDKit in its worker under its own policy draws the
// molecule, the best joint fill and each candidate; a candidate shows large by click and keyboard;
// the view exports as SVG (RDKit's drawings without style attributes) and PNG.
test('the structures view draws the candidates, shows one large, and exports', async ({
  page,
}, testInfo) => {
  const molecules = new MoleculesPage(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Ethanol, its O masked: short, as every input here (SwiftShader is slow).
  await molecules.open('#mode=molecules&text=CCO&mask=2');
  await molecules.waitForResultOf(SMILES_MODEL);
  const view = page.getByTestId('view-structure');
  await expect(view.getByTestId('structure-original').locator('svg[role="img"]')).toBeVisible({
    timeout: SLOW_MS,
  });
  await expect(view.getByTestId('structure-original')).toContainText('Mask 1 (was O): atom 3');
  const candidates = view.getByTestId('structure-candidate');
  await expect(candidates.first()).toBeVisible();
  expect(await candidates.count()).toBeGreaterThanOrEqual(2);
  // Every candidate says valid or not in words, beside its probability.
  for (const candidate of await candidates.all()) {
    await expect(candidate).toHaveAttribute('data-valid', /^(true|false)$/);
    await expect(candidate).toContainText(/%/);
    await expect(candidate).toContainText(/valid molecule|not valid: /);
  }
  // RDKit's drawings reach the page without style attributes (the policy refuses them) and keep
  // their colours as presentation attributes.
  const drawing = view.getByTestId('structure-original').locator('svg[role="img"]');
  expect(await drawing.locator('[style]').count()).toBe(0);
  expect(await drawing.locator('path[stroke]').count()).toBeGreaterThan(0);
  await expect(view.getByTestId('structure-fill')).toContainText(/valid/);

  // A candidate shows large beside the original: by click, then the next by keyboard.
  await candidates.nth(0).click();
  await expect(candidates.nth(0)).toHaveAttribute('aria-pressed', 'true');
  await expect(view.getByTestId('structure-fill')).toContainText('candidate');
  await candidates.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(candidates.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(candidates.nth(0)).toHaveAttribute('aria-pressed', 'false');
  await view.getByRole('button', { name: 'Back to the best joint fill' }).click();
  await expect(view.getByTestId('structure-fill')).toContainText('best joint fill');
  await molecules.screenshot(testInfo, 'molecules-structures', view);

  const svg = await molecules.exportStructures('SVG', testInfo, 'molecules-structures-export');
  expect(svg.fileName).toMatch(/^exlm-structure-cc-mask-.*\.svg$/);
  const parsed = await molecules.parseSvg(svg.bytes.toString('utf8'));
  expect(parsed).toMatchObject({ root: 'svg', error: null, styles: 0 });
  expect(parsed.drawings).toBeGreaterThanOrEqual(3);
  expect(parsed.lines.join('\n')).toContain(`Model: ${SMILES_MODEL}`);
  expect(parsed.lines).toContain('Your molecule: CCO');
  expect(parsed.lines).toContain('Mask 1 (was O): its candidates');
  const png = await molecules.exportStructures('PNG', testInfo, 'molecules-structures-export');
  expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(errors).toEqual([]);
});

test('the structures view says what a masked bond shows, and fits 800x600 presenting', async ({
  page,
}, testInfo) => {
  const molecules = new MoleculesPage(page);
  // Acetaldehyde, its "=" masked: a bond has no atom; the drawing highlights the bond it sets.
  await molecules.open('#mode=molecules&text=CC%3DO&mask=2');
  await molecules.waitForResultOf(SMILES_MODEL);
  const view = page.getByTestId('view-structure');
  await expect(view.getByTestId('structure-original')).toContainText(
    'a bond, not an atom: the bond it sets is highlighted, between atoms 2 and 3',
    { timeout: SLOW_MS },
  );
  await expect(view.getByTestId('structure-candidate').first()).toBeVisible();
  await page.setViewportSize({ width: 800, height: 600 });
  await page.keyboard.press('Alt+KeyP');
  await expect(page.getByTestId('presentation-toggle')).toContainText('Leave');
  await expect(view.getByTestId('structure-candidate').first()).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await view.boundingBox();
  expect(box?.width ?? 0).toBeLessThanOrEqual(800);
  expect((await smallestText(view)).size).toBeGreaterThanOrEqual(20);
  await molecules.screenshot(testInfo, 'molecules-structures-presenting-800x600', view);
});

// The best valid fill: the first of the ExLM's N best joint fills that RDKit reads as a molecule.
// Isopropanol with its "C(" masked: the shipped ExLM's best joint fill opens two branches there
// ("C((C)O", not a molecule); a later one of its best fills is valid (the rank depends on the
// weights, so only its form is checked).
test('a best joint fill that is not a molecule gets the best valid fill beside it, 800x600 presenting', async ({
  page,
}, testInfo) => {
  const molecules = new MoleculesPage(page);
  await molecules.open('#mode=molecules&text=CC(C)O&mask=1,2');
  await molecules.waitForResultOf(SMILES_MODEL);
  const view = molecules.structures;
  const fill = view.getByTestId('structure-fill');
  await expect(fill.locator('[data-valid]')).toHaveAttribute('data-valid', 'false', {
    timeout: SLOW_MS,
  });
  const best = molecules.bestValidFill();
  await expect(best).toHaveAttribute('data-kind', 'later');
  expect(Number(await best.getAttribute('data-rank'))).toBeGreaterThanOrEqual(2);
  await expect(best).toContainText(/Best valid fill: the \d+(st|nd|rd|th) most likely fill/);
  await expect(best.locator('svg[role="img"]')).toBeVisible();
  await expect(best.locator('[data-valid]')).toHaveAttribute('data-valid', 'true');
  await expect(best).toContainText(/Its probability is [\d.]+% of the best joint fill/);

  // The exported figure holds it as the page shows it: drawn beside the best joint fill, under a
  // heading that says so, with the same rank, SMILES and relative probability.
  const rank = (await best.locator('figcaption').textContent()) ?? '';
  const smiles = (await best.locator('code').textContent()) ?? '';
  const share =
    /Its probability is [\d.]+% of the/.exec((await best.textContent()) ?? '')?.[0] ?? 'no share';
  const svg = await molecules.exportStructures('SVG', testInfo, 'molecules-best-valid-export');
  const parsed = await molecules.parseSvg(svg.bytes.toString('utf8'));
  expect(parsed).toMatchObject({ root: 'svg', error: null, styles: 0 });
  expect(parsed.lines).toContain('Your molecule, the best joint fill and the best valid fill');
  expect(rank).toMatch(/^Best valid fill: the \d+(st|nd|rd|th) most likely fill$/);
  const at = parsed.lines.indexOf(rank);
  expect(at).toBeGreaterThan(0);
  expect(parsed.lines.slice(at + 1, at + 3)).toEqual([smiles, 'valid molecule']);
  expect(parsed.lines.slice(at + 3, at + 5).join(' ')).toContain(share);
  // The original, the best valid fill and at least one candidate are drawn (the best joint fill
  // is not a molecule, so its box says why instead).
  expect(parsed.drawings).toBeGreaterThanOrEqual(3);
  // The PNG is the same figure: its sides in the SVG's proportions.
  const png = await molecules.exportStructures('PNG', testInfo, 'molecules-best-valid-export');
  const [width, height] = [png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)];
  const side = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg.bytes.toString('utf8'));
  expect(width / height).toBeCloseTo(Number(side?.[1]) / Number(side?.[2]), 2);

  await page.setViewportSize({ width: 800, height: 600 });
  await page.keyboard.press('Alt+KeyP');
  await expect(page.getByTestId('presentation-toggle')).toContainText('Leave');
  await expect(best.locator('svg[role="img"]')).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  expect((await smallestText(best)).size).toBeGreaterThanOrEqual(20);
  await molecules.screenshot(testInfo, 'molecules-best-valid-presenting-800x600', view);
});

test('once molecule mode has been used online, its structures draw offline', async ({
  page,
  context,
  baseURL,
}) => {
  const molecules = new MoleculesPage(page);
  await molecules.open('#mode=molecules&text=CCO&mask=2');
  await molecules.waitForResultOf(SMILES_MODEL);
  const view = page.getByTestId('view-structure');
  await expect(view.getByTestId('structure-candidate').first()).toBeVisible({ timeout: SLOW_MS });
  // RDKit's WebAssembly is not precached: the service worker keeps it once the mode has used it.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
    timeout: 60_000,
  });
  const wasm = `${new URL(baseURL ?? '').origin}/rdkit/RDKit_minimal.wasm`;
  await expect
    .poll(() => page.evaluate(async (url) => (await caches.match(url)) !== undefined, wasm), {
      message: "RDKit's WebAssembly in the service worker's cache",
      timeout: 60_000,
    })
    .toBe(true);

  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await expect(view.getByTestId('structure-candidate').first()).toBeVisible({ timeout: SLOW_MS });
  await expect(view.getByTestId('structure-original').locator('svg[role="img"]')).toBeVisible();
});
