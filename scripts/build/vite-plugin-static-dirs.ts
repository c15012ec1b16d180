// A Vite plugin that serves folders from outside `public/` under fixed URL prefixes, the same way in
// the dev server, in `vite preview` and in the build output:
// - dev: a middleware streams the files straight from disk (so a freshly exported model shows up
//   without a rebuild);
// - build: the folders are copied into `dist/<prefix>/`, which `vite preview` and any static host
//   then serve like every other asset.
// We use it for `models/` (the page fetches `/models/<name>/config.json`, weights, tokenizer) and for
// the tfjs-backend-wasm binaries, which must come from our own origin, never from a CDN.
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  statSync,
} from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Connect, Plugin } from 'vite';

export interface StaticDir {
  /** URL prefix without slashes, e.g. 'models' serves `/models/...`. */
  urlPrefix: string;
  /** Folder on disk. */
  dir: string;
  /** Copy only the files whose name passes this test (default: all). */
  include?: (fileName: string) => boolean;
}

// Content types the browser is strict about: `application/wasm` lets WebAssembly.instantiateStreaming
// compile while downloading; JSON and binary shards are fetched with fetch()/tf.io.
const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Maps `/prefix/a/b` onto `dir/a/b`, refusing paths that climb out of `dir`. */
function resolveUnder(dir: string, urlPath: string): string | undefined {
  const root = resolve(dir);
  const file = resolve(root, '.' + decodeURIComponent(urlPath));
  return file.startsWith(root + sep) ? file : undefined;
}

function sendFile(file: string, res: ServerResponse): void {
  res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader('Content-Length', statSync(file).size);
  // The page is cross-origin isolated (COEP require-corp): same-origin files need no CORP header,
  // but saying so keeps them loadable from a worker or an iframe on another port too.
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-cache');
  createReadStream(file).pipe(res);
}

function middleware(dirs: StaticDir[]): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = (req.url ?? '').split('?')[0] ?? '';
    for (const { urlPrefix, dir, include } of dirs) {
      const prefix = `/${urlPrefix}/`;
      if (!url.startsWith(prefix)) continue;
      const file = resolveUnder(dir, url.slice(prefix.length - 1));
      const allowed = file !== undefined && (include?.(file) ?? true);
      if (allowed && existsSync(file) && statSync(file).isFile()) return sendFile(file, res);
      res.statusCode = 404;
      res.end(`Not found: ${url}`);
      return;
    }
    next();
  };
}

/** Copies the files of `dir` that `include` accepts into `outDir/urlPrefix`; returns how many. */
function copyInto(outDir: string, { urlPrefix, dir, include }: StaticDir): number {
  if (!existsSync(dir)) return 0;
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile() && (include?.(file) ?? true));
  for (const file of files) {
    const target = join(outDir, urlPrefix, relative(dir, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  return files.length;
}

export function staticDirs(dirs: StaticDir[]): Plugin {
  let outDir = 'dist';
  return {
    name: 'exlm-static-dirs',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(middleware(dirs));
    },
    writeBundle() {
      for (const entry of dirs) {
        const count = copyInto(outDir, entry);
        this.info(`copied ${count} files from ${entry.dir} to /${entry.urlPrefix}/`);
      }
    },
  };
}
