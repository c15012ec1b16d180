// Asks the browser, from inside the worker, what GPU lies under WebGPU and under WebGL, so "best
// available" can tell a real GPU from a software one before it loads anything. Cheap: an adapter
// without a device, and a 1x1 WebGL context that is released at once.
import type { AdapterInfo, AdapterReport } from '../../core/autoBackend';
import type { BackendSupport } from '../../core/backends';
import { classifyWebGlRenderer, classifyWebGpuAdapter } from './adapterKind';

/** The parts of the WebGPU API read here (the project does not pull in the WebGPU type package).
 *  Chromium has `info` on the adapter; older versions had `requestAdapterInfo()` instead, and
 *  `isFallbackAdapter` on the adapter rather than on its info. */
interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  requestAdapterInfo?: () => Promise<GpuAdapterInfoLike>;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

async function probeWebGpu(): Promise<AdapterInfo | null> {
  const gpu = (self.navigator as unknown as { gpu?: GpuLike }).gpu;
  if (gpu === undefined) return null;
  // The same request tfjs' WebGPU backend makes, so this is the adapter it would run on.
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null) return null;
  const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
  return classifyWebGpuAdapter({
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: info.isFallbackAdapter === true || adapter.isFallbackAdapter === true,
  });
}

function probeWebGl(): AdapterInfo | null {
  const canvas = new OffscreenCanvas(1, 1);
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (gl === null) return null;
  try {
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer: unknown = gl.getParameter(
      debug === null ? gl.RENDERER : debug.UNMASKED_RENDERER_WEBGL,
    );
    return classifyWebGlRenderer(typeof renderer === 'string' ? renderer : null);
  } finally {
    // Browsers cap the live WebGL contexts; tfjs makes its own when WebGL is chosen.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

/** What the GPU backends would run on here; a probe that throws counts as "cannot tell". */
export async function probeAdapters(support: BackendSupport): Promise<AdapterReport> {
  const unknown: AdapterInfo = { kind: 'unknown', name: '' };
  const [webgpu, webgl] = await Promise.all([
    support.webgpu ? probeWebGpu().catch(() => unknown) : null,
    support.webgl
      ? Promise.resolve()
          .then(probeWebGl)
          .catch(() => unknown)
      : null,
  ]);
  return { webgpu, webgl };
}
