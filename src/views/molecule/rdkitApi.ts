// What the RDKit worker (rdkit.worker.ts) does for the structure view: start RDKit, then draw a
// view's content or one drawing. Kept apart from the worker so that the page imports only types.
import type { Rdkit } from './chemistry';
import {
  type Drawn,
  type DrawnContent,
  type DrawingSize,
  drawContent,
  drawPlan,
} from './drawContent';
import type { DrawingPlan, StructureContent } from './structureContent';

export interface RdkitApi {
  /** Starts RDKit with its WebAssembly from `wasmUrl`; resolves to its version. */
  start(wasmUrl: string): Promise<string>;
  drawContent(content: StructureContent, presenting: boolean): Promise<DrawnContent>;
  drawPlan(plan: DrawingPlan, size: DrawingSize): Promise<Drawn>;
}

/** The API over `start`, a function that starts RDKit (once: the first call's module is kept). */
export function createRdkitApi(start: (wasmUrl: string) => Promise<Rdkit>): RdkitApi {
  let rdkit: Promise<Rdkit> | null = null;
  const started = () => {
    if (rdkit === null) throw new Error('RDKit has not been started: call start() first');
    return rdkit;
  };
  return {
    async start(wasmUrl) {
      rdkit ??= start(wasmUrl);
      try {
        return (await rdkit).version();
      } catch (error) {
        rdkit = null;
        throw error;
      }
    },
    async drawContent(content, presenting) {
      return drawContent(await started(), content, presenting);
    },
    async drawPlan(plan, size) {
      return drawPlan(await started(), plan, size);
    },
  };
}
