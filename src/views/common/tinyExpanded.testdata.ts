// A hand-written expansion for unit tests: "[CLS] the [MASK] sat [SEP]" with k = 2, so that
// every expected number in the tests can be checked by hand.
//
//   expanded index  0      1      2    3       4       5    6      7
//   token           [CLS]  [CLS]  the  [MASK]  [MASK]  sat  [SEP]  [SEP]
//   pos1            0      0      1    2       2       3    4      4
//   pos2            1      2      0    1       2       0    1      2
//   state           0      1      -    2       3       -    4      5
import type { Analysis } from '../../model/types';

export const TINY_TOKENS = ['[CLS]', 'the', '[MASK]', 'sat', '[SEP]'];

export const TINY_EXPANDED = {
  tokenIds: Int32Array.from([2, 2, 10, 4, 4, 11, 3, 3]),
  pos1: Int32Array.from([0, 0, 1, 2, 2, 3, 4, 4]),
  pos2: Int32Array.from([1, 2, 0, 1, 2, 0, 1, 2]),
};

export const TINY_STATES = Int32Array.from([0, 1, 3, 4, 6, 7]);

export const TINY: Pick<Analysis, 'tokens' | 'expanded' | 'states'> = {
  tokens: TINY_TOKENS,
  expanded: TINY_EXPANDED,
  states: TINY_STATES,
};
