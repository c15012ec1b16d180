// Tells a real GPU from a software one by what the browser says about it: WebGPU's adapter info
// (vendor, architecture, device, description, isFallbackAdapter) and WebGL's unmasked renderer
// string. Pure: the strings come from adapterProbe.ts, which reads them in the worker.
import type { AdapterInfo } from '../../core/autoBackend';

/** Software rasterisers as browsers name them, with the name the page shows. Chromium's WebGPU
 *  says "swiftshader" in the architecture; ANGLE's WebGL renderer reads "ANGLE (Google, Vulkan
 *  1.3.0 (SwiftShader Device (Subzero) ...), SwiftShader driver)"; Mesa's are llvmpipe, softpipe
 *  and lavapipe; Windows' is WARP, the "Microsoft Basic Render Driver"; macOS has the "Apple
 *  Software Renderer"; Firefox and others say "software" in plain words. */
const SOFTWARE: readonly { pattern: RegExp; name: string }[] = [
  { pattern: /swiftshader|subzero/i, name: 'SwiftShader' },
  { pattern: /llvmpipe/i, name: 'llvmpipe' },
  { pattern: /softpipe/i, name: 'softpipe' },
  { pattern: /lavapipe/i, name: 'lavapipe' },
  { pattern: /microsoft basic render|\bwarp\b/i, name: 'Microsoft Basic Render Driver' },
  { pattern: /apple software renderer/i, name: 'Apple Software Renderer' },
  { pattern: /software/i, name: 'a software renderer' },
];

function softwareName(text: string): string | null {
  return SOFTWARE.find(({ pattern }) => pattern.test(text))?.name ?? null;
}

/** The fields of GPUAdapterInfo we read, as plain strings (absent ones as ""). */
export interface WebGpuAdapterFacts {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** The browser's own word that this is its fallback (software) adapter. */
  isFallbackAdapter: boolean;
}

export function classifyWebGpuAdapter(facts: WebGpuAdapterFacts): AdapterInfo {
  const words = [facts.vendor, facts.architecture, facts.device, facts.description]
    .map((word) => word.trim())
    .filter((word) => word !== '');
  const software = softwareName(words.join(' '));
  if (software !== null) return { kind: 'software', name: software };
  if (facts.isFallbackAdapter) return { kind: 'software', name: words.join(' ') };
  // Browsers may keep the adapter's identity to themselves (privacy): then nothing is known.
  if (words.length === 0) return { kind: 'unknown', name: '' };
  return { kind: 'hardware', name: facts.description.trim() || words.join(' ') };
}

/** WebGL's renderer string (WEBGL_debug_renderer_info's, else the masked gl.RENDERER); null when
 *  the browser says nothing. A masked name ("WebKit WebGL", "Mozilla") tells nothing either. */
export function classifyWebGlRenderer(renderer: string | null): AdapterInfo {
  const text = renderer?.trim() ?? '';
  const software = softwareName(text);
  if (software !== null) return { kind: 'software', name: software };
  if (text === '' || /^(webkit webgl|mozilla)$/i.test(text)) return { kind: 'unknown', name: '' };
  return { kind: 'hardware', name: text };
}
