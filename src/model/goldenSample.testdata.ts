// The golden tokenizer samples that training/ writes (write_golden_cases in training/tokenizer.py),
// read and checked the same way for every tokenizer: the TypeScript tokenizer must give each text
// the ids and tokens that Python gave it, with [CLS]/[SEP] around them, and decode the ids back.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

interface SampleCase {
  text: string;
  /** Without [CLS]/[SEP]. */
  ids: number[];
  tokens: string[];
  decoded: string;
}

export interface GoldenSample {
  /** The sample's tokenizer.json, relative to the repository root. */
  tokenizer: string;
  cases: SampleCase[];
}

/** What the check needs of a tokenizer. */
interface SampleTokenizer {
  encode(text: string): { ids: ArrayLike<number>; tokens: readonly string[] };
  decode(ids: readonly number[]): string;
}

/** A JSON file of the repository, by its path from the root. */
export const readRepoJson = (repoPath: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../${repoPath}`, import.meta.url), 'utf8'));

/** One test per case of `sample` (labelled with the start of its text) against `tokenizer`. */
export function describeGoldenSample(
  title: string,
  sample: GoldenSample,
  tokenizer: SampleTokenizer,
): void {
  describe(title, () => {
    it.each(sample.cases.map((c) => [JSON.stringify(c.text).slice(0, 60), c] as const))(
      '%s',
      (_label, c) => {
        const encoded = tokenizer.encode(c.text);
        expect(Array.from(encoded.ids)).toEqual([2, ...c.ids, 3]);
        expect(encoded.tokens).toEqual(['[CLS]', ...c.tokens, '[SEP]']);
        expect(tokenizer.decode(c.ids)).toBe(c.decoded);
      },
    );
  });
}
