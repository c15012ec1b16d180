// The molecule evaluation's look at whole inputs: each input's best joint fill (the DAG's path for
// the ExLM, each slot's first guess for the twin) put back into the molecule, and whether RDKit
// reads the result as a molecule (valid) and whether it is the test molecule itself (exact).
// Slot top-1 counts tokens; a molecule is valid only when its filled tokens fit together.
// Besides, each input's N best joint fills (src/model/bestFills.ts) are checked in order and the
// first valid one is taken: the share of inputs that have one and the share whose first valid fill
// is the test molecule. The best fill's own columns keep their definitions.
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
  /** Inputs for which one of the N best joint fills is valid. */
  valid_in_best: number;
  /** valid_in_best / fills. */
  validity_n_best: number;
  /** Inputs whose first valid fill among the N best is the test molecule. */
  exact_in_best: number;
  /** exact_in_best / fills. */
  exact_n_best: number;
}

const sameIds = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((id, i) => id === b[i]);

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
  private validInBest = 0;
  private exactInBest = 0;

  /** Add one input: its best fill's ids, the test molecule's own ids, whether RDKit read the fill,
   *  and the first valid fill among the N best (null when none is). */
  add(
    filled: readonly number[],
    original: readonly number[],
    valid: boolean,
    firstValid: readonly number[] | null,
  ): void {
    this.fills += 1;
    if (valid) this.valid += 1;
    if (sameIds(filled, original)) this.exact += 1;
    if (firstValid !== null) {
      this.validInBest += 1;
      if (sameIds(firstValid, original)) this.exactInBest += 1;
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
      valid_in_best: this.validInBest,
      validity_n_best: share(this.validInBest),
      exact_in_best: this.exactInBest,
      exact_n_best: share(this.exactInBest),
    };
  }
}
