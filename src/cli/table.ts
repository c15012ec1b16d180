// The human-readable form of one prediction (exlm predict without --json).
import type { PredictResult } from './result';

/** Width of the probability bar at prob = 1. */
const BAR_WIDTH = 20;

function percent(prob: number): string {
  return `${(prob * 100).toFixed(1)}%`.padStart(6);
}

function bar(prob: number): string {
  return '#'.repeat(Math.round(Math.max(0, Math.min(1, prob)) * BAR_WIDTH));
}

/** Control and format characters as visible `<U+001B>` markers: the heading repeats the user's
 *  text, and a terminal would act on an escape sequence in it. */
export function visibleControls(text: string): string {
  return text.replace(
    /[\p{Cc}\p{Cf}]/gu,
    (c) => `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

/** `title` heads the block: the input text, or "line N: text" for --input files. */
export function formatTable(result: PredictResult, title: string): string {
  const lines = [
    visibleControls(title),
    `  model:  ${result.model}`,
    `  tokens: ${visibleControls(result.tokens.join(' '))}`,
  ];
  if (result.masks.length === 0) {
    lines.push('  no [MASK] in the text: nothing to predict');
    return lines.join('\n') + '\n';
  }
  const tokenWidth = Math.max(
    5,
    ...result.masks.flatMap((slot) => slot.top.map(({ token }) => token.length)),
  );
  result.masks.forEach((slot, index) => {
    lines.push(
      '',
      `  [MASK] ${index + 1} of ${result.masks.length} at position ${slot.position}` +
        `, entropy ${slot.entropy.toFixed(2)} nats`,
    );
    slot.top.forEach(({ token, prob }, rank) => {
      const rankLabel = `${rank + 1}.`.padStart(4);
      lines.push(`  ${rankLabel} ${token.padEnd(tokenWidth)} ${percent(prob)}  ${bar(prob)}`);
    });
  });
  lines.push('', `  best fill: ${result.fill.text}`);
  return lines.join('\n') + '\n';
}
