// The page keeps to its own origin: on every tfjs backend, with every view open and used (and the
// guided lesson walked through on wasm), no request leaves the origin (page, model worker and
// service worker alike), the Content-Security-Policy of scripts/build/csp.ts comes as a header and as a
// <meta>, and nothing trips it (securitypolicyviolation in the page and in the model worker). The tiny random fixture keeps the runs short.
import type { ConsoleMessage, Page, Worker } from '@playwright/test';

import { CSP_HEADER, CSP_META } from '../scripts/build/csp';
import { VIEW_IDS } from '../src/state/viewIds';
import { LESSON_STEPS } from '../src/views/lesson/lessonSteps';
import { expect, test } from './support/fixtures';

const TEXT = 'the cat sat on the mat';
/** The backends of tfjs; wasm and webgpu (SwiftShader) must be there, the others are checked when
 *  the browser has them. */
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const REQUIRED = new Set<string>(['webgpu', 'wasm']);
const VIOLATION = 'csp-violation:';

/** Sends every securitypolicyviolation of the global it runs in to the console, tagged. */
function reportViolations(tag: string): void {
  self.addEventListener('securitypolicyviolation', (event) => {
    const e = event as SecurityPolicyViolationEvent;
    console.error(
      `${tag} ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
    );
  });
}

/** Collects what the page, its workers and the service worker ask for, and every CSP complaint. */
class Recorder {
  readonly requests: string[] = [];
  readonly violations: string[] = [];
  readonly documentPolicies: (string | undefined)[] = [];
  readonly scriptPolicies = new Map<string, string | undefined>();

  constructor(page: Page) {
    const context = page.context();
    // Context-wide: the page, its dedicated workers and the service worker.
    context.on('request', (request) => this.requests.push(request.url()));
    page.on('request', (request) => this.requests.push(request.url()));
    page.on('response', (response) => {
      if (response.fromServiceWorker() || response.status() !== 200) return;
      const policy = response.headers()['content-security-policy'];
      const type = response.request().resourceType();
      if (type === 'document') this.documentPolicies.push(policy);
      else if (type === 'script') this.scriptPolicies.set(response.url(), policy);
    });
    const onConsole = (message: ConsoleMessage) => {
      const text = message.text();
      // Chromium's own report of a blocked load, and the listeners' reports.
      if (text.startsWith(VIOLATION) || /Content Security Policy/i.test(text)) {
        this.violations.push(text);
      }
    };
    page.on('console', onConsole);
    page.on('worker', (worker: Worker) => {
      worker.on('console', onConsole);
      worker.evaluate(reportViolations, `${VIOLATION} (worker)`).catch(() => undefined);
    });
  }

  async install(page: Page): Promise<void> {
    await page.addInitScript(reportViolations, `${VIOLATION} (page)`);
  }

  /** URLs that would leave `origin`. data:, blob: and about: never reach a network. */
  foreign(origin: string): string[] {
    return [...new Set(this.requests)].filter(
      (url) => !/^(data|blob|about):/.test(url) && new URL(url).origin !== origin,
    );
  }
}

for (const backend of BACKENDS) {
  test(`${backend}: every view works under the CSP and nothing leaves the origin`, async ({
    page,
    baseURL,
    playground,
    lesson,
  }) => {
    // WebGPU and WebGL on SwiftShader compile every shader on the CPU.
    test.slow();
    const origin = new URL(baseURL ?? '').origin;
    const recorder = new Recorder(page);
    await recorder.install(page);
    await playground.open(`#text=${encodeURIComponent(TEXT)}&mask=1&views=predictions`, backend);
    // A backend that the policy kept from starting would show up here first.
    expect(recorder.violations, 'Content-Security-Policy violations while loading').toEqual([]);
    const active = (await playground.summary()).activeBackend;
    if (active !== backend && !REQUIRED.has(backend)) {
      test.skip(true, `this browser has no ${backend} backend (it runs on ${active})`);
    }
    await expect(playground.activeBackend).toHaveText(backend);
    await playground.waitSettled();

    // The policy arrives both ways, the same policy.
    expect(recorder.documentPolicies).toContain(CSP_HEADER);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      CSP_META,
    );
    // The model worker's script carries it too (a <meta> does not reach workers).
    const workerScripts = [...recorder.scriptPolicies].filter(([url]) => url.includes('worker'));
    expect(workerScripts.length, 'the model worker script was fetched').toBeGreaterThan(0);
    for (const [url, policy] of workerScripts) expect(policy, url).toBe(CSP_HEADER);

    // Open the other views from their checkboxes, then use each one. The quiz comes last: while
    // its round is open, the guess views are covered.
    for (const id of VIEW_IDS.filter((view) => view !== 'quiz')) {
      const box = page.locator(`input[data-view-toggle="${id}"]`);
      if (!(await box.isChecked())) await box.check();
    }
    await playground.chip(5).click();
    await playground.waitSettled();
    expect(await playground.shownSlots()).toHaveLength(2);

    await playground.view('predictions').locator('.slot__row').first().hover();

    const card = page.locator('.states-card').nth(1);
    await card.hover();
    await expect(card).toHaveClass(/is-hovered/);

    await page.getByLabel('Hide edges below p =').fill('0.2');
    await page.locator('.dag-node[data-state="0"]').click();
    await expect(
      page.getByRole('complementary', { name: 'Details of [CLS] · copy 1' }),
    ).toBeVisible();

    await page.getByLabel('Head', { exact: true }).selectOption({ label: 'head 2' });
    const canvas = page.locator('.attention-view__canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (box === null) throw new Error('the attention heatmap has no box');
    await page.mouse.move(box.x + 2, box.y + 2);
    await expect(page.locator('.attention-view__readout')).toContainText('attends to');

    await page.getByTestId('compare-exlm').hover();
    await expect(page.getByTestId('compare-mlm')).toBeVisible();
    await playground.waitSettled();

    await page.locator('input[data-view-toggle="quiz"]').check();
    await expect(page.getByTestId('views-covered')).toBeVisible();
    // Opening the quiz asks the models again (more candidates per slot). A Reveal pressed while
    // that analysis is on its way is refused ("Cannot reveal yet"), as for a user, who presses
    // it again: so does the test.
    await playground.waitSettled();
    const reveal = page.getByTestId('view-quiz').getByTestId('quiz-reveal');
    await expect(reveal).toHaveAttribute('aria-disabled', 'false', { timeout: 60_000 });
    await expect(async () => {
      if (await reveal.isVisible()) await reveal.click();
      await expect(page.getByTestId('views-covered')).toHaveCount(0, { timeout: 5_000 });
    }).toPass({ timeout: 60_000 });

    // The guided lesson, every step (once: the steps only drive the views used above).
    if (backend === 'wasm') {
      await lesson.start();
      for (let step = 1; step < LESSON_STEPS.length; step += 1) {
        await lesson.panel.getByRole('heading').first().focus();
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => lesson.step()).toBe(step);
        await playground.waitSettled();
      }
    }

    expect(recorder.violations, 'Content-Security-Policy violations').toEqual([]);
    expect(recorder.foreign(origin), `requests outside ${origin}`).toEqual([]);
    expect(recorder.requests.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  });
}
