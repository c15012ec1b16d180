// Every number the views print: probabilities and shares, entropies, weights, times and sizes. One
// function per kind of number, so the same value reads the same in every view, its figures and its
// exports. Pure: the strings are pinned by unit tests and read by e2e tests.
import { format } from 'd3';

const DASH = '–';
const percent1 = format('.1%');
const percent0 = format('.0%');

/** A probability or a share as a percentage with one decimal ("23.4%"); above 0 but below 0.1%,
 *  "<0.1%"; "–" for a value that is not one (NaN, negative). */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p) || p < 0) return DASH;
  if (p > 0 && p < 0.001) return '<0.1%';
  return percent1(p);
}

/** A share as a whole percentage, for round figures such as a masking ratio ("15%"). */
export function formatWholePercent(share: number): string {
  return Number.isFinite(share) && share >= 0 ? percent0(share) : DASH;
}

/** A plain decimal with `digits` digits after the point ("0.123"); "–" for NaN or infinity. */
export function formatFixed(x: number, digits: number): string {
  return Number.isFinite(x) ? format(`.${digits}f`)(x) : DASH;
}

/** An attention weight or a link probability as a plain decimal for read-outs (three decimals). */
export function formatWeight(w: number): string {
  return formatFixed(w, 3);
}

/** An entropy in nats with two decimals, without its unit ("1.23"). */
export function formatEntropyValue(h: number): string {
  return formatFixed(h, 2);
}

/** An entropy in nats with two decimals and its unit ("1.23 nats"). */
export function formatNats(h: number): string {
  return Number.isFinite(h) ? `${formatEntropyValue(h)} nats` : DASH;
}

/** e^H: the number of equally likely words whose fair pick is as unsure as entropy H (nats). */
export function equallyLikelyWords(nats: number): number {
  return Math.exp(Math.max(0, nats));
}

/** Entropy in plain words: "as unsure as a pick among 8 words" (e^H rounded; a molecule model's
 *  `tokens` are "SMILES tokens"); below 1.5, "nearly certain". Empty for a value that is not an
 *  entropy. */
export function entropyInWords(nats: number, tokens = 'words'): string {
  if (!Number.isFinite(nats) || nats < 0) return '';
  const picks = equallyLikelyWords(nats);
  if (picks < 1.5) return 'nearly certain';
  return `as unsure as a pick among ${Math.round(picks).toLocaleString('en-US')} ${tokens}`;
}

/** A duration: milliseconds, no decimals past 10 ms; from a second on, seconds with one decimal
 *  ("1.4 s"), none past 10 s. */
export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 999.5) return `${Math.round(ms)} ms`;
  return ms < 9950 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** Parameter counts as "3.4M" / "52.1k". */
export function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

/** Bytes as "13.6 MB" / "412 kB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.round(bytes / 1e3)} kB`;
}
