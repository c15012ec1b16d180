// Shared by the soak scripts: varied analysis inputs and the test of "flat" for a series of memory
// samples. A leak shows as a count that grows with the number of analyses; one-off growth early on
// (tfjs' buffer pools, JIT-compiled code) does not, so the first sample is the warm-up baseline.
import { seededRandom } from '../../src/model/seededRandom';

/** Memory and progress at one point of a soak run. */
export interface SoakSample {
  analyses: number;
  numTensors: number;
  numBytes: number;
  /** JavaScript heap in use, MB (null where the host does not report it). */
  heapMB: number | null;
  /** Resident set size of the process (or process tree), MB. */
  rssMB: number;
  /** Mean wall-clock time per analysis since the previous sample, ms. */
  msPerAnalysis: number;
}

export interface SoakInput {
  text: string;
  topK: number;
  attention: boolean;
}

const WORDS =
  'the old man sat by the window and watched the rain fall on the street below . his dog slept near the fire , and the house was quiet except for the clock on the wall . she said that the children would come home from school at four'.split(
    ' ',
  );

/** The `count` inputs of a soak run: 2 to `maxWords` words, 1-6 masks, varying top-k and
 *  attention, so several length buckets and both read-back paths are exercised; the same for the
 *  same seed. 20 words fit every model here, the tiny fixtures (64 tokens) included. */
export function soakInputs(count: number, seed = 7, maxWords = 20): SoakInput[] {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  return Array.from({ length: count }, () => {
    const length = 2 + pick(maxWords - 1);
    const words = Array.from({ length }, () => WORDS[pick(WORDS.length)] ?? 'the');
    const masks = 1 + pick(Math.min(6, length));
    for (let m = 0; m < masks; m++) words[pick(length)] = '[MASK]';
    return { text: words.join(' '), topK: 1 + pick(10), attention: random() < 0.5 };
  });
}

export interface FlatVerdict {
  flat: boolean;
  /** One line per quantity: from the baseline to the last sample. */
  lines: string[];
}

/**
 * Flat means: the tensor count and tensor bytes of every sample after the first equal the first's,
 * and the heap and RSS of the last sample are within `slackMB` (or 10%) of the first's.
 */
export function flatVerdict(samples: readonly SoakSample[], slackMB = 32): FlatVerdict {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined || samples.length < 2) {
    return { flat: false, lines: ['fewer than two samples: nothing to compare'] };
  }
  const tensorsFlat = samples.every(
    (s) => s.numTensors === first.numTensors && s.numBytes === first.numBytes,
  );
  const within = (a: number, b: number) => b - a <= Math.max(slackMB, a * 0.1);
  const heapFlat =
    first.heapMB === null || last.heapMB === null ? true : within(first.heapMB, last.heapMB);
  const rssFlat = within(first.rssMB, last.rssMB);
  const mb = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)} MB`);
  return {
    flat: tensorsFlat && heapFlat && rssFlat,
    lines: [
      `tensors ${first.numTensors} -> ${last.numTensors} (${first.numBytes} -> ${last.numBytes} bytes): ${tensorsFlat ? 'flat' : 'GROWS'}`,
      `JS heap ${mb(first.heapMB)} -> ${mb(last.heapMB)}: ${heapFlat ? 'flat' : 'GROWS'}`,
      `RSS ${mb(first.rssMB)} -> ${mb(last.rssMB)}: ${rssFlat ? 'flat' : 'GROWS'}`,
    ],
  };
}

/** The samples as an aligned table. */
export function formatSamples(samples: readonly SoakSample[]): string {
  const rows = samples.map((s) =>
    [
      String(s.analyses).padStart(8),
      String(s.numTensors).padStart(8),
      String(s.numBytes).padStart(12),
      (s.heapMB === null ? 'n/a' : s.heapMB.toFixed(1)).padStart(9),
      s.rssMB.toFixed(1).padStart(9),
      s.msPerAnalysis.toFixed(1).padStart(8),
    ].join(' '),
  );
  return [' analyses  tensors        bytes  heap MB    RSS MB   ms/run', ...rows].join('\n');
}
