// The check of one lesson claim against what a shipped model did (lessonSteps.models.test.ts):
// the parts the gallery also has go through its checker (src/views/common/modelClaims.ts); the
// lesson's own parts (ranks, the ExLM's copies, path weights and links, attention, the model's
// size, training and evaluation) are checked here. Each broken part is one line that says what the
// model did instead, and `describeSubject` gives the rest a rewrite of the claim needs.
import { describeAnalysis, expectationFailures } from '../common/modelClaims';
import type { Analysis, ModelInfo } from '../../model/types';
import { headMap } from '../attention/attentionData';
import { claimExpectations, kindOf, type LessonClaim, type Said, saidRange } from './lessonClaims';

/** What a claim is checked on: the model, and its analysis of the claim's sentence if it has one
 *  (with attention maps when the claim is about attention). */
export interface ClaimSubject {
  info: ModelInfo;
  analysis?: Analysis;
}

const pct = (p: number): string => `${(100 * p).toFixed(1)}%`;

/** Undefined when `value` is what `said` (of the kind of `field`) allows; else the value and the
 *  allowed range, in the unit the text uses. */
function outside(value: number, said: Said, field: string): string | undefined {
  const kind = kindOf(field);
  const [min, max] = saidRange(said, kind);
  if (value >= min && value <= max) return undefined;
  const n = (x: number): string => (kind.unit === '%' ? pct(x) : String(Number(x.toPrecision(4))));
  return Number.isFinite(min)
    ? `${n(value)}, not within ${n(min)}-${n(max)}`
    : `${n(value)}, above ${n(max)}`;
}

/** The states (indices into analysis.states) of slot `slot`'s copies, in copy order. */
export function slotStates(analysis: Analysis, slot: number): number[] {
  const position = analysis.masks[slot]?.position;
  const states: number[] = [];
  analysis.states.forEach((expanded, u) => {
    if (analysis.expanded.pos1[expanded] === position) states.push(u);
  });
  return states.sort(
    (a, b) =>
      (analysis.expanded.pos2[analysis.states[a] ?? 0] ?? 0) -
      (analysis.expanded.pos2[analysis.states[b] ?? 0] ?? 0),
  );
}

/** Per copy of the slot's [MASK], in the attention map of a 1-based layer and head: the word it
 *  looks at most, and its weight on each word (summed over the word's expanded entries). */
function attentionRows(
  analysis: Analysis,
  slot: number,
  layer: number,
  head: number,
): { most: string; on: Map<string, number> }[] {
  const maps = analysis.attention[layer - 1];
  if (maps === undefined) throw new Error(`the analysis has no attention for layer ${layer}`);
  const T = analysis.expanded.tokenIds.length;
  const map = headMap(maps, head - 1, T);
  const word = (e: number): string => analysis.tokens[analysis.expanded.pos1[e] ?? -1] ?? '?';
  const position = analysis.masks[slot]?.position;
  const rows = [];
  for (let r = 0; r < T; r++) {
    if (analysis.expanded.pos1[r] !== position) continue;
    const on = new Map<string, number>();
    let best = 0;
    for (let c = 0; c < T; c++) {
      const w = map[r * T + c] ?? 0;
      on.set(word(c), (on.get(word(c)) ?? 0) + w);
      if (w > (map[r * T + best] ?? 0)) best = c;
    }
    rows.push({ most: word(best), on });
  }
  return rows;
}

function sentenceFailures(claim: LessonClaim, analysis: Analysis): string[] {
  const failures: string[] = [];
  for (const expectation of claimExpectations(claim, analysis.masks.length)) {
    failures.push(...expectationFailures(analysis, expectation));
  }
  const slot = claim.slot ?? 0;
  const at = `slot ${slot}`;
  const top = analysis.masks[slot]?.top.slice(0, 10) ?? [];
  for (const [word, rank] of Object.entries(claim.rank ?? {})) {
    const actual = top.findIndex((t) => t.token === word) + 1;
    if (actual !== rank) {
      failures.push(
        `${at}: "${word}" ranks ${actual === 0 ? 'below the first 10' : actual}, not ${rank}`,
      );
    }
  }
  const copies = slotStates(analysis, slot);
  const L = analysis.states.length;
  if (claim.copies !== undefined) {
    const { word, p } = claim.copies;
    if (p !== undefined && p.length !== copies.length) {
      failures.push(`${at}: ${copies.length} copies, not ${p.length}`);
    }
    copies.forEach((u, i) => {
      const guesses = analysis.stateTop[u] ?? [];
      if (guesses[0]?.token !== word) {
        failures.push(
          `${at}, copy ${i + 1}: first guess "${guesses[0]?.token ?? ''}", not "${word}"`,
        );
      }
      const said = p?.[i];
      if (said === undefined) return;
      const prob = guesses.find((t) => t.token === word)?.prob ?? 0;
      const wrong = outside(prob, said, 'copies');
      if (wrong !== undefined) failures.push(`${at}, copy ${i + 1}: p("${word}"): ${wrong}`);
    });
  }
  if (claim.pathWeights !== undefined) {
    if (claim.pathWeights.length !== copies.length) {
      failures.push(`${at}: ${copies.length} copies, not ${claim.pathWeights.length}`);
    }
    copies.forEach((u, i) => {
      const said = claim.pathWeights?.[i];
      const gamma = analysis.gamma[slot * L + u] ?? 0;
      const wrong = said === undefined ? undefined : outside(gamma, said, 'pathWeights');
      if (wrong !== undefined) {
        failures.push(`${at}, copy ${i + 1}: path weight: ${wrong}`);
      }
    });
  }
  if (claim.links !== undefined) {
    const next = slotStates(analysis, slot + 1);
    if (next.length === 0) failures.push(`${at}: no next slot to link to`);
    for (const s of copies) {
      for (const t of next) {
        const link = Math.exp(analysis.links[s * L + t] ?? -Infinity);
        const wrong = outside(link, claim.links, 'links');
        if (wrong !== undefined) {
          failures.push(`${at}: link from state ${s} to state ${t}: ${wrong}`);
        }
      }
    }
  }
  if (claim.layer !== undefined || claim.head !== undefined) {
    const rows = attentionRows(analysis, slot, claim.layer ?? 1, claim.head ?? 1);
    const where = `${at}, layer ${claim.layer ?? 1} head ${claim.head ?? 1}`;
    rows.forEach(({ most, on }, i) => {
      if (claim.on !== undefined && most !== claim.on) {
        failures.push(`${where}, copy ${i + 1}: looks most at "${most}", not "${claim.on}"`);
      }
      if (claim.on !== undefined && claim.weight !== undefined) {
        const weight = on.get(claim.on) ?? 0;
        const wrong = outside(weight, claim.weight, 'weight');
        if (wrong !== undefined) {
          failures.push(`${where}, copy ${i + 1}: weight on "${claim.on}": ${wrong}`);
        }
      }
      if (claim.onOneOf !== undefined && !claim.onOneOf.includes(most)) {
        failures.push(
          `${where}, copy ${i + 1}: looks most at "${most}", none of ${claim.onOneOf.join(', ')}`,
        );
      }
    });
    for (const word of claim.onOneOf ?? []) {
      if (!rows.some((row) => row.most === word)) {
        failures.push(`${where}: no copy looks most at "${word}"`);
      }
    }
  }
  return failures;
}

/** A value deep in config.json's free-form "training" record, or undefined. */
function trainingValue(info: ModelInfo, ...path: string[]): unknown {
  let value: unknown = info.config.training;
  for (const key of path) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return value;
}

function modelFailures(claim: LessonClaim, info: ModelInfo): string[] {
  const failures: string[] = [];
  const { config } = info;
  if (claim.parameters !== undefined) {
    const wrong = outside(info.parameterCount, claim.parameters, 'parameters');
    if (wrong !== undefined) failures.push(`parameters: ${wrong}`);
  }
  const exact: [keyof LessonClaim, number, string][] = [
    ['expansion', config.expansion, 'config.json expansion'],
    ['layers', config.num_layers, 'config.json num_layers'],
    ['heads', config.num_heads, 'config.json num_heads'],
  ];
  for (const [field, actual, what] of exact) {
    if (claim[field] !== undefined && claim[field] !== actual) {
      failures.push(`${what} is ${actual}, not ${String(claim[field])}`);
    }
  }
  const numberAt = (what: string, ...path: string[]): number | string => {
    const value = trainingValue(info, ...path);
    return typeof value === 'number'
      ? value
      : `config.json training.${path.join('.')} (${what}) is missing`;
  };
  if (claim.trainingHours !== undefined) {
    const minutes = numberAt('training minutes', 'minutes');
    if (typeof minutes === 'string') failures.push(minutes);
    else {
      const wrong = outside(minutes / 60, claim.trainingHours, 'trainingHours');
      if (wrong !== undefined) failures.push(`hours of training: ${wrong}`);
    }
  }
  if (claim.trainingThreads !== undefined) {
    const threads = numberAt('CPU threads', 'config', 'threads');
    if (typeof threads === 'string') failures.push(threads);
    else if (threads !== claim.trainingThreads) {
      failures.push(`trained on ${threads} threads, not ${claim.trainingThreads}`);
    }
  }
  if (claim.jointGain !== undefined) {
    const gain = numberAt('joint gain', 'validation', 'dag', 'joint_gain');
    if (typeof gain === 'string') failures.push(gain);
    else {
      const wrong = outside(gain, claim.jointGain, 'jointGain');
      if (wrong !== undefined) failures.push(`joint gain: ${wrong}`);
    }
  }
  if (claim.copyTop1 !== undefined) {
    const shares = trainingValue(info, 'validation', 'dag', 'copy_top1');
    if (!Array.isArray(shares) || shares.some((v) => typeof v !== 'number')) {
      failures.push('config.json training.validation.dag.copy_top1 (top-1 per copy) is missing');
    } else {
      (shares as number[]).forEach((share, i) => {
        const wrong = outside(share, claim.copyTop1 as Said, 'copyTop1');
        if (wrong !== undefined) failures.push(`top-1 of copy ${i + 1}: ${wrong}`);
      });
    }
  }
  if (claim.copyDivergence !== undefined) {
    const divergence = numberAt('copy divergence', 'validation', 'dag', 'copy_divergence');
    if (typeof divergence === 'string') failures.push(divergence);
    else {
      const wrong = outside(divergence, claim.copyDivergence, 'copyDivergence');
      if (wrong !== undefined) failures.push(`copy divergence: ${wrong}`);
    }
  }
  if (claim.ratio !== undefined) {
    const evaluation = config.evaluation;
    const row = evaluation?.ratios.find((r) => Math.abs(r.ratio - (claim.ratio ?? 0)) < 1e-9);
    if (evaluation === undefined || row === undefined) {
      failures.push(
        `config.json has no evaluation at ratio ${claim.ratio} (npm run eval -- --write-config)`,
      );
    } else {
      if (claim.top1 !== undefined) {
        const wrong = outside(row.top1, claim.top1, 'top1');
        if (wrong !== undefined) failures.push(`top-1 at ratio ${claim.ratio}: ${wrong}`);
      }
      if (claim.sentences !== undefined && claim.sentences !== evaluation.sentences) {
        failures.push(`evaluated on ${evaluation.sentences} sentences, not ${claim.sentences}`);
      }
    }
  }
  return failures;
}

/** What is wrong with `claim` on `subject`: one line per broken part, empty when it holds. */
export function lessonClaimFailures(claim: LessonClaim, subject: ClaimSubject): string[] {
  const failures = modelFailures(claim, subject.info);
  if (claim.sentence !== undefined) {
    if (subject.analysis === undefined) failures.push("no analysis of the claim's sentence");
    else failures.push(...sentenceFailures(claim, subject.analysis));
  }
  return failures;
}

/** What the model did, as far as the claim looks: every slot's first guesses, entropy and the fill;
 *  the copies, path weights, links or attention when the claim is about them; the model's size,
 *  training and evaluation when the claim is about the model itself. */
export function describeSubject(claim: LessonClaim, subject: ClaimSubject): string {
  const lines: string[] = [];
  const { analysis, info } = subject;
  if (claim.sentence !== undefined && analysis !== undefined) {
    lines.push(describeAnalysis(analysis));
    const slot = claim.slot ?? 0;
    const copies = slotStates(analysis, slot);
    const L = analysis.states.length;
    if (claim.copies !== undefined || claim.pathWeights !== undefined) {
      copies.forEach((u, i) => {
        const top = (analysis.stateTop[u] ?? [])
          .slice(0, 3)
          .map((t) => `${t.token} ${pct(t.prob)}`);
        const gamma = analysis.gamma[slot * L + u] ?? 0;
        lines.push(
          `slot ${slot}, copy ${i + 1}: ${top.join(', ')}; path weight ${gamma.toFixed(3)}`,
        );
      });
    }
    if (claim.links !== undefined) {
      const links = copies.flatMap((s) =>
        slotStates(analysis, slot + 1).map((t) => Math.exp(analysis.links[s * L + t] ?? -Infinity)),
      );
      lines.push(
        `links from slot ${slot} to slot ${slot + 1}: ${pct(Math.min(...links))}-${pct(Math.max(...links))}`,
      );
    }
    if (claim.layer !== undefined || claim.head !== undefined) {
      const rows = attentionRows(analysis, slot, claim.layer ?? 1, claim.head ?? 1);
      rows.forEach(({ most, on }, i) =>
        lines.push(
          `layer ${claim.layer ?? 1} head ${claim.head ?? 1}, copy ${i + 1}: most on "${most}" ${pct(on.get(most) ?? 0)}` +
            (claim.on !== undefined ? `, on "${claim.on}" ${pct(on.get(claim.on) ?? 0)}` : ''),
        ),
      );
    }
  } else {
    const { config } = info;
    const scores = (config.evaluation?.ratios ?? [])
      .map((r) => `${pct(r.ratio)} masked: top-1 ${r.top1}`)
      .join('; ');
    lines.push(
      `${info.parameterCount} parameters; expansion ${config.expansion}, ${config.num_layers} layers, ${config.num_heads} heads`,
      `training: ${String(trainingValue(info, 'minutes'))} minutes, ${String(trainingValue(info, 'config', 'threads'))} threads, joint gain ${String(trainingValue(info, 'validation', 'dag', 'joint_gain'))}, copy top-1 ${JSON.stringify(trainingValue(info, 'validation', 'dag', 'copy_top1'))}, copy divergence ${String(trainingValue(info, 'validation', 'dag', 'copy_divergence'))}`,
      `evaluation on ${config.evaluation?.sentences ?? 'no'} sentences: ${scores || 'none'}`,
    );
  }
  return lines.join('\n');
}
