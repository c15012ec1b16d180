// Number formats shared by the text views.

/** A probability as a percentage with one decimal ("23.4%"); below 0.1% says "<0.1%". */
export function formatProb(p: number): string {
  if (p > 0 && p < 0.001) return '<0.1%';
  return `${(p * 100).toFixed(1)}%`;
}

/** Entropy in nats with two decimals. */
export function formatEntropy(nats: number): string {
  return `${nats.toFixed(2)} nats`;
}

/** e^H: the number of equally likely words whose fair pick is as unsure as entropy H (nats). */
export function equallyLikelyWords(nats: number): number {
  return Math.exp(Math.max(0, nats));
}

/** Entropy in plain words: "as unsure as a pick among 8 words" (e^H rounded); below 1.5 words,
 *  "nearly certain". Empty for a value that is not an entropy. */
export function entropyInWords(nats: number): string {
  if (!Number.isFinite(nats) || nats < 0) return '';
  const words = equallyLikelyWords(nats);
  if (words < 1.5) return 'nearly certain';
  return `as unsure as a pick among ${Math.round(words).toLocaleString('en-US')} words`;
}

/** Milliseconds, no decimals past 10 ms. */
export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
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
