// The page's built-in sample for the mask-ratio experiment: held-out test sentences written by
// training/experiment_sample.py into public/experiment/test-sentences.json, served as a static file.
import type { ExperimentSentence } from '../protocol';

export const EXPERIMENT_SAMPLE_URL = `${import.meta.env.BASE_URL}experiment/test-sentences.json`;

export interface ExperimentSample {
  /** Where the sentences come from and under which licences (the file's `source` field). */
  source: Record<string, unknown>;
  sentences: ExperimentSentence[];
}

const isWordIndexList = (value: unknown, words: number): value is number[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((i) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < words);

/** The sample file's contents, checked; throws naming the first thing that is wrong. */
export function parseExperimentSample(text: string): ExperimentSample {
  const doc: unknown = JSON.parse(text);
  const record = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  if (record.format !== 1 || !Array.isArray(record.sentences)) {
    throw new Error('expected {"format": 1, "source": {...}, "sentences": [...]}');
  }
  const sentences = record.sentences.map((item: unknown, n): ExperimentSentence => {
    const { words, maskable } = (item ?? {}) as Record<string, unknown>;
    if (
      !Array.isArray(words) ||
      words.length === 0 ||
      !words.every((w) => typeof w === 'string' && w.trim() !== '' && !/\s/.test(w)) ||
      !isWordIndexList(maskable, words.length)
    ) {
      throw new Error(
        `sentence ${n + 1} needs "words" (non-empty, no spaces) and "maskable" indices`,
      );
    }
    return { words: words as string[], maskable };
  });
  if (sentences.length === 0) throw new Error('the sample holds no sentences');
  const source = record.source;
  return {
    source:
      typeof source === 'object' && source !== null ? (source as Record<string, unknown>) : {},
    sentences,
  };
}

/** Reads the sample; throws with the URL and the reason when it cannot. */
export async function fetchExperimentSample(
  fetchFn: typeof fetch = fetch,
): Promise<ExperimentSample> {
  const url = EXPERIMENT_SAMPLE_URL;
  const response = await fetchFn(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
  try {
    return parseExperimentSample(await response.text());
  } catch (error) {
    throw new Error(`${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
