// Times a piece of work the way "best available" compares backends: a warm-up run first that is
// not counted (it fills buffer pools and, on a GPU backend, compiles the shaders for this input),
// then a few timed runs one after another.
import { TIMED_RUNS } from '../../core/autoBackend';

/** The timed runs' durations in ms, in order. `warmUp: false` when the work has just been warmed
 *  up on the same input (a model loaded for it). */
export async function timeRuns(
  run: () => Promise<unknown>,
  now: () => number,
  { warmUp = true, runs = TIMED_RUNS }: { warmUp?: boolean; runs?: number } = {},
): Promise<number[]> {
  if (warmUp) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    await run();
    times.push(now() - start);
  }
  return times;
}
