// A model folder from disk: opened through the status panel's folder input or dropped on the page,
// it loads alone (no twin), never enters the link, and stays offered in the picker; a folder that
// is not a model folder is refused in words and the model shown keeps working. On wasm (WASM): these
// are tests of the page, not of the GPU.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { Page } from '@playwright/test';

import { E2E_MODEL } from './pages/playground-page';
import { expect, test } from './support/fixtures';

const FOLDER = resolve('models/tiny-random-mlm');
const LOCAL = 'tiny-random-mlm (from disk)';
const addressHash = (page: Page) => page.evaluate(() => window.location.hash);
const HASH = '#text=the%20cat%20sat%20on%20the%20mat%20.&mask=1&views=predictions,compare';

test('a model folder opened from disk loads alone, gives predictions and stays offered', async ({
  page,
  playground,
}) => {
  await playground.open(HASH, 'wasm');
  await expect(page.getByRole('button', { name: 'Open a model folder…' })).toBeVisible();
  await playground.openModelFolder(FOLDER);
  await expect(page.getByTestId('open-folder-message')).toContainText(
    'Read the folder "tiny-random-mlm"',
  );
  await playground.waitForResultOf(LOCAL);
  await expect(page.getByTestId('status-model-exlm')).toContainText('MLM');
  // Alone: no twin, even with Compare open.
  await expect(page.getByTestId('status-model-mlm')).toHaveCount(0);
  const summary = await playground.summary();
  expect(summary).toMatchObject({ exlmModel: LOCAL, mlmModel: null, exlmPhase: 'ready' });
  const slots = await playground.shownSlots();
  expect(slots).toHaveLength(1);
  expect(slots[0]?.tokens.length).toBeGreaterThan(0);
  // The link names no model: no one else has these files.
  await expect.poll(() => addressHash(page)).not.toContain('model=');

  // Back to a served model through the picker; the folder from disk is still offered there.
  const picker = page.getByTestId('model-select');
  await picker.selectOption(E2E_MODEL);
  await playground.waitForResultOf(E2E_MODEL);
  await expect.poll(() => addressHash(page)).toContain(`model=${E2E_MODEL}`);
  await expect(picker.locator('option', { hasText: LOCAL })).toHaveCount(1);
  await picker.selectOption(LOCAL);
  await playground.waitForResultOf(LOCAL);
});

test('a folder without weights.json is refused by name and the model shown keeps working', async ({
  page,
  playground,
}) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'exlm-e2e-')), 'no-weights');
  mkdirSync(dir);
  try {
    for (const file of ['config.json', 'tokenizer.json']) {
      copyFileSync(join(FOLDER, file), join(dir, file));
    }
    await playground.open(HASH, 'wasm');
    await playground.waitSettled();
    await playground.openModelFolderByKeyboard(dir);
    const notice = page.getByTestId('notice');
    await expect(notice).toContainText('The folder "no-weights" is not a model folder');
    await expect(notice).toContainText('it has no weights.json');
    await expect(notice).toContainText('A model folder holds config.json');
    expect((await playground.summary()).exlmModel).toBe(E2E_MODEL);
    await expect(page.getByTestId('status-model-exlm')).toHaveAttribute('data-phase', 'ready');
    await playground.setText('a dog ran [MASK] .');
    expect(await playground.shownSlots()).toHaveLength(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('files dropped on the page show a hint while dragged and open as a model', async ({
  page,
  playground,
}, testInfo) => {
  await playground.open(HASH, 'wasm');
  // The folder's files, as a drag from the file manager would carry them.
  const files = await page.evaluateHandle(async () => {
    const transfer = new DataTransfer();
    for (const name of ['config.json', 'tokenizer.json', 'weights.json', 'group1-shard1of1.bin']) {
      const blob = await (await fetch(`/models/tiny-random-mlm/${name}`)).blob();
      transfer.items.add(new File([blob], name));
    }
    return transfer;
  });
  const hint = page.getByTestId('drop-hint');
  await expect(hint).toBeHidden();
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: files });
  await expect(hint).toBeVisible();
  await expect(hint).toContainText('Drop a model folder to open it');
  await playground.screenshot(testInfo, 'drop-hint');
  await page.dispatchEvent('main', 'drop', { dataTransfer: files });
  await expect(hint).toBeHidden();
  await playground.waitForResultOf('dropped files (from disk)');
  expect(await playground.shownSlots()).toHaveLength(1);
});

test('a folder whose shard is missing fails to load and names the file; a served model is one pick away', async ({
  page,
  playground,
}) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'exlm-e2e-')), 'no-shards');
  mkdirSync(dir);
  try {
    for (const file of ['config.json', 'tokenizer.json', 'weights.json']) {
      copyFileSync(join(FOLDER, file), join(dir, file));
    }
    await playground.open(HASH, 'wasm');
    await playground.openModelFolder(dir);
    const line = page.getByTestId('status-model-exlm');
    await expect(line).toHaveAttribute('data-phase', 'error');
    await expect(line).toContainText('no-shards (from disk)/group1-shard1of1.bin');
    await expect(line.getByRole('button', { name: 'Retry' })).toBeVisible();
    // The served model is one pick away.
    await page.getByTestId('model-select').selectOption(E2E_MODEL);
    await playground.waitForResultOf(E2E_MODEL);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
