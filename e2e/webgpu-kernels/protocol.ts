// What the WebGPU kernel check page (e2e/webgpu-kernels/) exposes on `window` and returns to its
// spec. Plain arrays only: page.evaluate serializes JSON-like values (and keeps -Infinity).

/** One op on random inputs: the model's kernel against tfjs' composite, both on webgpu. */
export interface KernelComparison {
  /** What was compared, e.g. "ExlmAttention with a key mask". */
  name: string;
  /** The kernels tf.profile saw with the model's kernels registered, and without. */
  kernels: string[];
  compositeKernels: string[];
  /** Compute dispatches each way (tfjs-backend-webgpu's recordAndSubmit calls). */
  dispatches: number;
  compositeDispatches: number;
  /** Largest |kernel - composite| over every output, and over |composite| at least 1. */
  difference: number;
  relativeDifference: number;
}

/** One golden case run by ExlmModel with the model's WebGPU kernels registered. */
export interface GoldenForward {
  hidden: number[];
  stateLogProbs: number[];
  links: number[];
  /** The attention weights of every layer, H*T*T each. */
  attention: number[][];
  marginals: number[];
  fillIds: number[];
  /** analyze()'s joint fill and links, as the playground shows them. */
  fillText: string;
  analysisLinks: number[];
}

export interface GoldenRun {
  backend: string;
  /** The kernels of one forward pass (tf.profile), and its dispatches with the kernels and with
   *  the composites. */
  kernels: string[];
  dispatches: number;
  compositeDispatches: number;
  cases: GoldenForward[];
}

export interface WebGpuKernelCheck {
  /** Starts webgpu; false when tfjs cannot. */
  start(): Promise<boolean>;
  compareKernels(): Promise<KernelComparison[]>;
  golden(model: string, texts: string[], padToBucket: boolean): Promise<GoldenRun>;
}

declare global {
  interface Window {
    webgpuKernels?: WebGpuKernelCheck;
  }
}
