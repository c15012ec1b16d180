// The one line the status view shows about "best available" when it did not simply take a real
// GPU: that it is timing the backends, or what it measured and skipped, fastest first, so a user
// on a software adapter sees why the page is not on WebGPU. Pure, so the wording is unit tested.
import type { AutoBackendState, BackendTiming, SkippedBackend } from '../../core/autoBackend';
import { BACKEND_LABELS } from '../../core/backends';
import { formatMs } from '../common/format';

function timingText(timing: BackendTiming): string {
  const label = BACKEND_LABELS[timing.backend];
  return 'error' in timing
    ? `${label} failed (${timing.error})`
    : `${label} ${formatMs(timing.ms)}`;
}

function skippedText(skipped: SkippedBackend): string {
  const label = BACKEND_LABELS[skipped.backend];
  if (skipped.reason === 'no-adapter') return `${label} has no adapter`;
  const adapter = skipped.adapter === '' ? '' : `: ${skipped.adapter}`;
  return `${label} not timed (software${adapter})`;
}

/** Null when there is nothing to say: the user chose the backend, or a real GPU was taken. */
export function autoBackendText(state: AutoBackendState | null): string | null {
  if (state === null) return null;
  if (state.phase !== 'chosen') {
    const names = state.plan.toTime.map((name) => BACKEND_LABELS[name]).join(', ');
    return state.phase === 'timing'
      ? `Timing the backends here: ${names}…`
      : `The backends will be timed here: ${names}.`;
  }
  const { choice } = state;
  if (choice.by === 'gpu') return null;
  const skipped = choice.skipped.map(skippedText);
  if (choice.by === 'only') {
    return [`Only candidate: ${BACKEND_LABELS[choice.backend]}`, ...skipped].join('; ');
  }
  // Median time per analysis, the fastest first (the one in use); failures after the times.
  // Short enough for one line of the status panel at 800 px.
  const timings = [...choice.timings].sort(
    (a, b) => ('error' in a ? Infinity : a.ms) - ('error' in b ? Infinity : b.ms),
  );
  const times = timings.map(timingText).join(', ');
  if (timings.every((timing) => 'error' in timing)) {
    const used = BACKEND_LABELS[choice.backend];
    return [`No backend could be timed (${times}); ${used} is used`, ...skipped].join('; ');
  }
  return `Fastest: ${[times, ...skipped].join('; ')}`;
}
