// Timing constants of the runtime, in one place (the benchmark reads them too).

/** Wait this long after the last keystroke before analysing: long enough to skip the middle of a
 *  word typed at ~5 keys/s, short enough to feel live. */
export const ANALYSIS_DEBOUNCE_MS = 120;
