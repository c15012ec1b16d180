// What the projected window (the playground) and the presenter view (the same page opened with
// ?presenter=1) say to each other about the lesson. They talk over a BroadcastChannel, which only
// windows of the same origin in the same browser share: nothing leaves the machine. The projected
// window owns the lesson (its store, its link); the presenter view asks it to move and shows what
// it reports. Messages from the channel are data from another window: read them, never trust them.

/** The channel's name; one per origin. */
export const PRESENTER_CHANNEL = 'exlm-lesson-presenter';

/** The query that opens the presenter view instead of the playground. */
export const PRESENTER_QUERY = 'presenter';

export type PresenterMessage =
  /** Presenter → projected window: a presenter view opened; answer with the lesson's state. */
  | { kind: 'hello' }
  /** Presenter → projected window: the presenter view is closing. */
  | { kind: 'bye' }
  /** Presenter → projected window: open step `step` (0-based) on its `variant`-th sentence, or
   *  close the lesson (null). */
  | { kind: 'go'; step: number | null; variant: number }
  /** Projected window → presenter: the step shown (null: the lesson is closed) and which of its
   *  sentences (null: the user changed it). */
  | { kind: 'state'; step: number | null; variant: number | null };

const isIndex = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 1000;

const isIndexOrNull = (value: unknown): value is number | null => value === null || isIndex(value);

/** The message in `data`, or null for anything that is not one. */
export function readPresenterMessage(data: unknown): PresenterMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  switch (record.kind) {
    case 'hello':
    case 'bye':
      return { kind: record.kind };
    case 'go':
      return isIndexOrNull(record.step) && isIndex(record.variant)
        ? { kind: 'go', step: record.step, variant: record.variant }
        : null;
    case 'state':
      return isIndexOrNull(record.step) && isIndexOrNull(record.variant)
        ? { kind: 'state', step: record.step, variant: record.variant }
        : null;
    default:
      return null;
  }
}

/** True when the page was opened as the presenter view (`?presenter` or `?presenter=1`). */
export function isPresenterWindow(search: string): boolean {
  const value = new URLSearchParams(search).get(PRESENTER_QUERY);
  return value !== null && value !== '0';
}

/** The address of the presenter view for a page at `location`: same origin and path, no link
 *  state (the projected window holds it). */
export function presenterUrl(location: Pick<Location, 'origin' | 'pathname'>): string {
  return `${location.origin}${location.pathname}?${PRESENTER_QUERY}=1`;
}

/** A channel to the other window, or null where the browser has none (very old browsers). */
export function openPresenterChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(PRESENTER_CHANNEL);
}
