// A Vite plugin that serves the model catalog, /models/index.json, built from the folders in
// models/: the dev server answers from disk on every request (a folder dropped in shows up on the
// next page load), and the build writes the same file next to the copied folders. Folders that
// cannot be listed are reported in the terminal, never fatal.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

import { CATALOG_FILE } from '../../src/core/catalog.ts';
import { scanModelFolders } from '../../src/node/catalog.ts';

/** The catalog's JSON for `modelsDir`, with the folders left out and why. */
function catalogJson(modelsDir: string): { json: string; skipped: string[] } {
  const { models, skipped } = scanModelFolders(modelsDir);
  return { json: JSON.stringify({ models }, null, 2), skipped };
}

export function modelCatalog(modelsDir: string, urlPrefix = 'models'): Plugin {
  let outDir = 'dist';
  const url = `/${urlPrefix}/${CATALOG_FILE}`;
  return {
    name: 'exlm-model-catalog',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if ((req.url ?? '').split('?')[0] !== url) return next();
        const { json, skipped } = catalogJson(modelsDir);
        for (const line of skipped) server.config.logger.warn(`models/${line}`);
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(json);
      });
    },
    writeBundle() {
      const { json, skipped } = catalogJson(modelsDir);
      for (const line of skipped) this.warn(`models/${line}`);
      mkdirSync(join(outDir, urlPrefix), { recursive: true });
      writeFileSync(join(outDir, urlPrefix, CATALOG_FILE), json);
    },
  };
}
