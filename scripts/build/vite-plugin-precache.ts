// A Vite plugin that writes the service worker's precache list (public/sw.js loads it with
// importScripts): every file of the build (hashed /assets/*, the HTML pages), the files of the given
// static folders (the WASM binaries), and a few extra URLs (the model catalog), with a version that
// changes whenever one of them does. A new version makes the browser install the new service
// worker, which caches the new files under a new name and deletes the old cache when it takes over.
// Model folders are not listed: the service worker keeps each one the page loads (docs/design.md).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

import type { StaticDir } from './vite-plugin-static-dirs.ts';

/** The file public/sw.js imports; it sets `self.EXLM_PRECACHE = { version, urls }`. */
export const PRECACHE_FILE = 'sw-precache.js';

export interface PrecacheOptions {
  /** Folders copied into the build by the static-dirs plugin whose files are all precached. */
  staticDirs: StaticDir[];
  /** Further URLs, relative to the base, that the build writes by other means. */
  extraUrls: string[];
}

export interface PrecacheManifest {
  version: string;
  /** Relative to the service worker's scope (the base URL); '' is the page itself. */
  urls: string[];
}

/** `files` of `dir` that `include` accepts, relative to `dir` with '/' separators, sorted. */
function filesOf({ dir, include }: StaticDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile() && (include?.(join(dir, name)) ?? true))
    .map((name) => relative(dir, join(dir, name)).split(sep).join('/'))
    .sort();
}

/** The manifest for a build's files (`name -> contents`) and the static folders. */
export function precacheManifest(
  bundle: ReadonlyMap<string, string | Uint8Array>,
  { staticDirs, extraUrls }: PrecacheOptions,
): PrecacheManifest {
  const hash = createHash('sha256');
  const urls: string[] = [];
  const add = (url: string, contents: string | Uint8Array) => {
    urls.push(url);
    hash.update(`${url}\0`).update(contents).update('\0');
  };
  for (const name of [...bundle.keys()].sort()) {
    if (name.endsWith('.map') || name === PRECACHE_FILE) continue;
    // The page is cached under the scope URL itself, the address it is opened at.
    add(name === 'index.html' ? '' : name, bundle.get(name) ?? '');
  }
  for (const entry of staticDirs) {
    for (const file of filesOf(entry)) {
      add(`${entry.urlPrefix}/${file}`, readFileSync(join(entry.dir, file)));
    }
  }
  for (const url of extraUrls) add(url, '');
  return { version: hash.digest('hex').slice(0, 16), urls };
}

export function precache(options: PrecacheOptions): Plugin {
  return {
    name: 'exlm-precache',
    apply: 'build',
    // After Vite's own plugins, so the bundle holds the HTML pages and the worker's chunks.
    enforce: 'post',
    generateBundle(_output, bundle) {
      const files = new Map<string, string | Uint8Array>();
      for (const [name, item] of Object.entries(bundle)) {
        files.set(name, item.type === 'chunk' ? item.code : item.source);
      }
      const manifest = precacheManifest(files, options);
      this.emitFile({
        type: 'asset',
        fileName: PRECACHE_FILE,
        source:
          '// Written by the build (scripts/build/vite-plugin-precache.ts): what public/sw.js precaches.\n' +
          `self.EXLM_PRECACHE = ${JSON.stringify(manifest, null, 2)};\n`,
      });
    },
  };
}
