// The one way the e2e page objects reach the page's test hook (window.__exlm, typed in
// src/app/testHook.ts; only the dev server and the e2e build install it). `fn` runs in the page, as
// the function given to page.evaluate does: it sees only its arguments (the hook and `arg`), and
// what it returns comes back as JSON-like data, so typed arrays must become plain arrays first.
import type { Page } from '@playwright/test';

import type { ExlmTestHook } from '../../src/app/testHook';

type HookFunction<Arg, R> = (hook: ExlmTestHook, arg: Arg) => R | Promise<R>;

export function evaluateHook<R>(page: Page, fn: HookFunction<undefined, R>): Promise<R>;
export function evaluateHook<R, Arg>(page: Page, fn: HookFunction<Arg, R>, arg: Arg): Promise<R>;
export async function evaluateHook<R, Arg>(
  page: Page,
  fn: HookFunction<Arg | undefined, R>,
  arg?: Arg,
): Promise<R> {
  const hook = await page.evaluateHandle(() => {
    const installed = window.__exlm;
    if (installed === undefined) {
      throw new Error(
        'window.__exlm is missing: the page has not started, or it is not the e2e build ' +
          '(build it with `vite build --mode e2e`)',
      );
    }
    return installed;
  });
  try {
    // `arg` is plain data (no handles to unbox): the page gets it as it is.
    return await hook.evaluate(fn as HookFunction<unknown, R>, arg);
  } finally {
    await hook.dispose();
  }
}
