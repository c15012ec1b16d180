// The molecule evaluation's look at whole inputs: each input's best joint fill (the DAG's path for
// the ExLM, each slot's first guess for the twin) put back into the molecule, and whether RDKit
// reads the result as a molecule (valid) and whether it is the test molecule itself (exact).
// Slot top-1 counts tokens; a molecule is valid only when its filled tokens fit together.
import type { EvalItem } from './eval-sample';

/** One ratio's fills, as `npm run eval` reports them for molecule models. */
export interface FillResult {
  /** Inputs whose fill was checked. */
  fills: number;
  /** Fills that RDKit parses and sanitizes into a molecule. */
  valid_fills: number;
  /** valid_fills / fills. */
  validity: number;
  /** Fills that give back the test molecule's own SMILES, token for token. */
  exact_fills: number;
  /** exact_fills / fills. */
  exact: number;
}

/** The item's ids with the positions masked at `ratio` replaced by `fill` (one id per position). */
export function filledIds(item: EvalItem, ratio: string, fill: ArrayLike<number>): number[] {
  const positions = item.masks[ratio] ?? [];
  if (fill.length !== positions.length) {
    throw new RangeError(`${positions.length} masks but a fill of ${fill.length} tokens`);
  }
  const ids = [...item.ids];
  positions.forEach((p, i) => (ids[p] = fill[i]!));
  return ids;
}

export class FillTally {
  private fills = 0;
  private valid = 0;
  private exact = 0;

  /** Add one input: its filled ids, the test molecule's own ids, and whether RDKit read the fill. */
  add(filled: readonly number[], original: readonly number[], valid: boolean): void {
    this.fills += 1;
    if (valid) this.valid += 1;
    if (filled.length === original.length && filled.every((id, i) => id === original[i])) {
      this.exact += 1;
    }
  }

  result(): FillResult {
    const share = (n: number): number => (this.fills > 0 ? n / this.fills : 0);
    return {
      fills: this.fills,
      valid_fills: this.valid,
      validity: share(this.valid),
      exact_fills: this.exact,
      exact: share(this.exact),
    };
  }
}
