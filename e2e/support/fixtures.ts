// The e2e tests' `test` and `expect`: Playwright's, with the page objects as fixtures on the test's
// page. Each spec imports both from here. A fixture is built only for the tests that ask for it;
// the harness is opened for them (every use starts there), while the playground is left for the
// test to open with its own link, backend and model.
import { test as base, expect } from '@playwright/test';

import { ExperimentPanel } from '../pages/experiment-panel';
import { HarnessPage } from '../pages/harnessPage';
import { LessonPanelPage } from '../pages/lesson-page';
import { PlaygroundPage } from '../pages/playground-page';

interface PageObjects {
  /** The playground on the test's page, not opened yet: `playground.open(...)` first. */
  playground: PlaygroundPage;
  /** The lesson panel of that playground. */
  lesson: LessonPanelPage;
  /** Its mask-ratio experiment panel. */
  experiment: ExperimentPanel;
  /** The e2e harness page (e2e/harness/index.html), open and ready. */
  harness: HarnessPage;
}

export const test = base.extend<PageObjects>({
  playground: async ({ page }, use) => {
    await use(new PlaygroundPage(page));
  },
  lesson: async ({ page }, use) => {
    await use(new LessonPanelPage(page));
  },
  experiment: async ({ page }, use) => {
    await use(new ExperimentPanel(page));
  },
  harness: async ({ page }, use) => {
    const harness = new HarnessPage(page);
    await harness.open();
    await use(harness);
  },
});

export { expect };
