// How every headless run here launches the system Chromium (Debian package `chromium`; never
// `npx playwright install`): the Playwright config, the browser tests that start a browser of their
// own, and the bench and soak scripts in scripts/bench/. One list, so a flag added for the container
// reaches every launcher (docs/design.md); it sits beside scripts/bench/ and e2e/ rather than in
// either, since both use it and neither should import the other.

/** The Debian package's binary. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Containers and CI: no sandbox, no network chatter, no first-run UI. */
const QUIET_HEADLESS_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** WebGPU through SwiftShader's Vulkan: the GPU is emulated on the CPU (slow: keep inputs short),
 *  so the WebGPU backend runs headless on a machine without a GPU. */
export const WEBGPU_CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
  ...QUIET_HEADLESS_ARGS,
];
