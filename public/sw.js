// The playground's service worker: after a first visit the page works offline (docs/design.md,
// "Offline"). Plain JavaScript, served as it is from public/; src/app/serviceWorker.ts registers it
// in production builds once the first models have loaded.
//
// - Install: caches the build's files (sw-precache.js, written by
//   scripts/build/vite-plugin-precache.ts: the page, every hashed /assets/* file, the /wasm/*
//   binaries, the experiment's sentences, the model catalog) in a cache named after the build, so
//   every backend works offline, not only the one the visit used.
// - Activate: deletes the caches of older builds, then takes control of the open pages.
// - Fetch (GET, same origin, inside the scope; anything else goes to the network untouched):
//   navigations network-first, falling back to the cached page; /assets/* cache-first (the names
//   are content hashes); /models/index.json network-first; /models/**, /wasm/* and /experiment/*
//   stale-while-revalidate (answered from the cache, refreshed in the background); /rdkit/*
//   (RDKit's WebAssembly for the molecule mode) the same, in the build's cache: it is not in the
//   precache list (7.4 MB that the text page never needs), so it is kept from its first use on.
// - Message {type: 'cache-model', folder: 'models/<name>/'}: the page names each model folder it
//   loaded; the files the page fetched before this worker controlled it are cached here.
// - Message {type: 'cache-rdkit'}: molecule mode has loaded RDKit; its WebAssembly is cached here
//   for the same reason. It lives in the build's cache, so it always matches the build's loader
//   script (a hashed /assets/ chunk).
// Responses are cached as the server sent them, headers included: the cross-origin isolation
// headers (COOP/COEP) and the Content-Security-Policy stay on the page served offline.
'use strict';

const PREFIX = 'exlm-playground-';
/** Model folders, kept across builds (refreshed by stale-while-revalidate); bump to drop them. */
const MODELS_CACHE = `${PREFIX}models-v1`;

let precache = { version: 'unlisted', urls: [] };
try {
  self.importScripts('sw-precache.js');
  if (self.EXLM_PRECACHE && Array.isArray(self.EXLM_PRECACHE.urls)) precache = self.EXLM_PRECACHE;
} catch {
  // A host without the list: the worker still keeps what the page fetches while it is in control.
}
const SHELL_CACHE = `${PREFIX}shell-${precache.version}`;

const SCOPE = new URL(self.registration.scope);
const PAGE_URL = SCOPE.href;
const MODELS_URL = new URL('models/', SCOPE).href;
const CATALOG_URL = new URL('models/index.json', SCOPE).href;
/** RDKit's files outside /assets/ (vite.config.ts, STATIC_DIRS). */
const RDKIT_URLS = ['rdkit/RDKit_minimal.wasm'].map((path) => new URL(path, SCOPE).href);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) =>
      // `no-cache`: revalidate with the server rather than trust the HTTP cache for the copy kept.
      cache.addAll(
        precache.urls.map((url) => new Request(new URL(url, SCOPE), { cache: 'no-cache' })),
      ),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL_CACHE, MODELS_CACHE]);
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(PREFIX) && !keep.has(name))
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  const path = url.pathname.slice(SCOPE.pathname.length);
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(event, pageKey(url), SHELL_CACHE, true));
  } else if (path.startsWith('assets/')) {
    event.respondWith(cacheFirst(event, url.href, SHELL_CACHE));
  } else if (url.href === CATALOG_URL) {
    event.respondWith(networkFirst(event, url.href, SHELL_CACHE, false));
  } else if (path.startsWith('models/')) {
    event.respondWith(staleWhileRevalidate(event, url.href, MODELS_CACHE));
  } else if (
    path.startsWith('wasm/') ||
    path.startsWith('experiment/') ||
    path.startsWith('rdkit/')
  ) {
    event.respondWith(staleWhileRevalidate(event, url.href, SHELL_CACHE));
  }
  // Anything else (this worker, its precache list): the network, as without a service worker.
});

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data && data.type === 'cache-model' && typeof data.folder === 'string') {
    event.waitUntil(cacheModelFolder(data.folder).catch(() => undefined));
  } else if (data && data.type === 'cache-rdkit') {
    event.waitUntil(cacheRdkit().catch(() => undefined));
  }
});

/** The page is cached under the scope URL, whatever query or hash it was opened with. */
function pageKey(url) {
  const path = url.pathname.slice(SCOPE.pathname.length);
  return path === '' || path === 'index.html' ? PAGE_URL : url.origin + url.pathname;
}

/** Only complete, same-origin answers are worth keeping. */
function cacheable(response) {
  return response.ok && response.status === 200 && response.type === 'basic';
}

/** `key` from this worker's caches (the build's first). */
async function lookup(key) {
  for (const name of [SHELL_CACHE, MODELS_CACHE]) {
    const cache = await caches.open(name);
    const hit = await cache.match(key);
    if (hit) return hit;
  }
  return undefined;
}

/** Fetches `request` and keeps a copy under `key` when it is worth keeping. */
async function fetchAndKeep(event, request, key, cacheName) {
  const response = await fetch(request);
  if (cacheable(response)) {
    const copy = response.clone();
    event.waitUntil(caches.open(cacheName).then((cache) => cache.put(key, copy)));
  }
  return response;
}

async function networkFirst(event, key, cacheName, isPage) {
  try {
    return await fetchAndKeep(event, event.request, key, cacheName);
  } catch (error) {
    const cached = (await lookup(key)) ?? (isPage ? await lookup(PAGE_URL) : undefined);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(event, key, cacheName) {
  return (await lookup(key)) ?? fetchAndKeep(event, event.request, key, cacheName);
}

async function staleWhileRevalidate(event, key, cacheName) {
  const cached = await lookup(key);
  const fresh = fetchAndKeep(event, event.request, key, cacheName);
  if (!cached) return fresh;
  event.waitUntil(fresh.catch(() => undefined));
  return cached;
}

/** Caches one model folder's files (docs/model-format.md): config, tokenizer, the weights
 *  manifest and the shards it lists. Files already cached are left alone. */
async function cacheModelFolder(folder) {
  const base = new URL(folder.endsWith('/') ? folder : `${folder}/`, SCOPE);
  if (!base.href.startsWith(MODELS_URL) || base.href === MODELS_URL) return;
  const cache = await caches.open(MODELS_CACHE);
  const keep = async (name) => {
    const url = new URL(name, base);
    if (!url.href.startsWith(base.href)) return undefined;
    const hit = await cache.match(url.href);
    if (hit) return hit;
    const response = await fetch(url, { cache: 'no-cache' });
    if (!cacheable(response)) throw new Error(`${url.href} answered ${response.status}`);
    await cache.put(url.href, response.clone());
    return response;
  };
  const manifest = await (await keep('weights.json')).json();
  const shards = Array.isArray(manifest)
    ? manifest.flatMap((group) => (Array.isArray(group && group.paths) ? group.paths : []))
    : [];
  await Promise.all(
    ['config.json', 'tokenizer.json', ...shards.filter((p) => typeof p === 'string')].map(keep),
  );
}

/** Caches RDKit's files in the build's cache, those not there yet. */
async function cacheRdkit() {
  const cache = await caches.open(SHELL_CACHE);
  await Promise.all(
    RDKIT_URLS.map(async (url) => {
      if (await cache.match(url)) return;
      const response = await fetch(url, { cache: 'no-cache' });
      if (!cacheable(response)) throw new Error(`${url} answered ${response.status}`);
      await cache.put(url, response);
    }),
  );
}
