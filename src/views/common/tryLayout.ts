/** The result of a layout function, or the message of the error it threw: a malformed analysis
 *  becomes a sentence in the view instead of a crashed page. */
export type LayoutResult<T> = { ok: true; value: T } | { ok: false; message: string };

export function tryLayout<T>(compute: () => T): LayoutResult<T> {
  try {
    return { ok: true, value: compute() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
