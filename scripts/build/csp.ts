// The page's Content-Security-Policy, in one place: `vite preview` sends it as a response header
// (vite.config.ts, next to the cross-origin isolation headers) and the build writes it into every
// HTML page as a <meta http-equiv> (the plugin below), so a static host that sends no header still
// applies it. The dev server sends none: Vite's dev client and React refresh need inline scripts.
//
// Everything comes from the page's own origin; nothing else is allowed (docs/design.md, "Security").
// What goes beyond a bare 'self', and why:
// - script-src 'wasm-unsafe-eval': tfjs-backend-wasm compiles its WebAssembly binary in the model
//   worker (and the e2e harness, on the page). It allows WebAssembly compilation only, not eval().
// - img-src data:: index.html's empty favicon (`<link rel="icon" href="data:,">`), which stops the
//   browser asking the server for /favicon.ico; and the views' PNG export, which draws a figure's
//   SVG onto a canvas through an <img> of a data: URL (src/views/common/exportImage.ts). The
//   export's downloads are blob: URLs on an <a download>, which no directive governs.
// Inline style attributes are not allowed: views set styles through the CSSOM (React's `style`
// prop, D3's `.style()`, `element.style.x = ...`), which CSP does not restrict.
//
// One worker gets a policy of its own: the RDKit worker of the molecule mode
// (src/views/molecule/rdkit.worker.ts). RDKit's MinimalLib builds functions from strings when it
// starts (Emscripten's embind calls `new Function`), which the page's policy refuses. A dedicated
// worker runs under the policy sent with its own script, not the page's, and reaches no page or
// DOM: only there is 'unsafe-eval' allowed, and the page keeps its policy. `vite preview` sends the
// worker's policy with that script (rdkitWorkerPolicy below); a static host that sends the page's
// policy as a header must do the same for it (docs/molecules.md).
import type { Plugin } from 'vite';

/** Directive -> sources. default-src 'none': whatever is not listed here is refused. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Directives a browser ignores (with a console warning) when the policy comes in a <meta>. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

function serialize(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** The policy as the `Content-Security-Policy` response header. */
export const CSP_HEADER = serialize(CSP_DIRECTIVES);

/** The same policy for a <meta http-equiv>: without the directives only a header can carry. */
export const CSP_META = serialize(
  Object.fromEntries(Object.entries(CSP_DIRECTIVES).filter(([name]) => !HEADER_ONLY.has(name))),
);

/**
 * Writes the policy into every HTML page of the build as the first element of <head>: a <meta>
 * policy covers only what comes after it. Build only (see above for the dev server).
 */
export function cspMeta(): Plugin {
  return {
    name: 'exlm-csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

/** The RDKit worker's policy: the page's script and connection sources plus 'unsafe-eval' for
 *  RDKit's glue code; nothing else (a worker has no styles, images or frames). */
export const RDKIT_WORKER_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': [...(CSP_DIRECTIVES['script-src'] ?? []), "'unsafe-eval'"],
  'connect-src': CSP_DIRECTIVES['connect-src'] ?? ["'self'"],
};

export const RDKIT_WORKER_CSP_HEADER = serialize(RDKIT_WORKER_DIRECTIVES);

/** The built RDKit worker's script (Vite names a worker chunk after its file and a hash). */
export const RDKIT_WORKER_SCRIPT = /\/assets\/rdkit\.worker-[\w-]+\.js$/;

interface HeaderTarget {
  setHeader(name: string, value: number | string | readonly string[]): unknown;
}

/**
 * Makes `res` send the RDKit worker's policy instead of the page's when `path` is the worker's
 * script: whatever later sets the Content-Security-Policy header (vite preview's headers) sets
 * the worker's. Returns whether it did.
 */
export function applyRdkitWorkerPolicy(path: string, res: HeaderTarget): boolean {
  if (!RDKIT_WORKER_SCRIPT.test(path)) return false;
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) =>
    setHeader(
      name,
      name.toLowerCase() === 'content-security-policy' ? RDKIT_WORKER_CSP_HEADER : value,
    );
  return true;
}

/** `vite preview` sends the RDKit worker's script with the worker's policy. */
export function rdkitWorkerPolicy(): Plugin {
  return {
    name: 'exlm-csp-rdkit-worker',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        applyRdkitWorkerPolicy((req.url ?? '').split('?')[0] ?? '', res);
        next();
      });
    },
  };
}
