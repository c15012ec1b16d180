// After one visit the playground works offline: the service worker (public/sw.js) takes over once
// the first models have loaded, caches what the visit fetched (page, scripts, WASM binary, model
// folders), and serves it all when the network is gone: the page, still cross-origin isolated, its
// model and its predictions. WASM backend and the tiny random fixture: quick to load.
import { expect, test } from './support/fixtures';

const HASH = '#text=the%20cat%20sat%20on%20the%20mat&mask=1&views=predictions';

test('after one visit the page, the model and the predictions work offline', async ({
  page,
  context,
  baseURL,
  playground,
}) => {
  const origin = new URL(baseURL ?? '').origin;
  // What the visit fetches from the server (not what the service worker fetches for itself).
  const fetched = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === origin && request.method() === 'GET') fetched.add(url.origin + url.pathname);
  });

  await playground.open(HASH, 'wasm');
  await expect(playground.activeBackend).toHaveText('wasm');
  expect(await playground.shownSlots()).toHaveLength(1);

  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
    timeout: 60_000,
  });
  // Everything the visit used is in the cache: the page, /assets/*, /wasm/*, the model folders.
  const wanted = [...fetched].filter((url) => !/\/sw(-precache)?\.js$/.test(url));
  expect(wanted).toContain(`${origin}/models/tiny-random/weights.json`);
  await expect
    .poll(
      () =>
        page.evaluate(async (urls) => {
          const missing: string[] = [];
          for (const url of urls) if ((await caches.match(url)) === undefined) missing.push(url);
          return missing;
        }, wanted),
      { message: 'URLs the visit fetched that are not cached yet', timeout: 60_000 },
    )
    .toEqual([]);

  // Offline: the browser's network is off, and whatever still tried (the service worker's own
  // fetches included) is refused here, so the server cannot answer anything.
  await context.setOffline(true);
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  const response = await page.reload();
  expect(response?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
  await expect(page.getByTestId('status-model-exlm')).toHaveAttribute('data-phase', 'ready', {
    timeout: 120_000,
  });
  await expect(playground.activeBackend).toHaveText('wasm');
  const slots = await playground.shownSlots();
  expect(slots).toHaveLength(1);
  expect(slots[0]?.tokens.length).toBeGreaterThan(0);
  // The cached page kept its headers: still cross-origin isolated, still under the policy.
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  expect(response?.headers()['content-security-policy']).toBeTruthy();
});

test('the service worker and its precache list are served', async ({ request }) => {
  const sw = await request.get('/sw.js');
  expect(sw.status()).toBe(200);
  expect(await sw.text()).toContain("importScripts('sw-precache.js')");
  const list = await request.get('/sw-precache.js');
  expect(list.status()).toBe(200);
  expect(await list.text()).toContain('self.EXLM_PRECACHE');
});

test('without a service worker the page works as before', async ({ page, playground }) => {
  // The registration fails, as on file:// or where service workers are off. (The browser fetches
  // the worker script outside the page: only the context's routes see it.)
  await page.context().route('**/sw.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // src/app/serviceWorker.ts says so on the console once the registration has failed.
  const refused = page.waitForEvent('console', (message) =>
    message.text().includes('no service worker'),
  );
  await playground.open(HASH, 'wasm');
  await refused;
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations())).toHaveLength(0);
  expect(await playground.shownSlots()).toHaveLength(1);
  await expect(page.getByTestId('status-model-exlm')).toHaveAttribute('data-phase', 'ready');
  expect(errors).toEqual([]);
});
