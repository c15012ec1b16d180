// bench:peer --profile: the two runtimes' op-by-op timings of one forward pass, grouped into op
// kinds that both have, so that the table says where the gap between them lies. Pure functions:
// the page (page.ts) collects the kernels, bench-peer.ts prints what these make of them.

/** Op kinds both runtimes have, in the order the table lists them. */
export const OP_GROUPS = [
  'matmul',
  'attention matmul',
  'gelu / erf',
  'softmax',
  'layer norm',
  'transpose / reshape',
  'elementwise',
  'other',
] as const;
export type OpGroup = (typeof OP_GROUPS)[number];

/** One kernel (tfjs) or node (onnxruntime-web) of one forward pass: its op, operand shapes, ms. */
export interface OpTiming {
  op: string;
  inputShapes: readonly (readonly number[])[];
  ms: number;
}

/** A group's share of one forward pass: kernels per pass and ms per pass (averaged). */
export interface GroupTiming {
  group: OpGroup;
  count: number;
  ms: number;
}

// ExlmScaledGelu: the model's own wasm kernel for z (1 + erf z) (src/runtime/kernels), Erf, Add and
// Mul in one.
const GELU = new Set(['Erf', 'ExlmScaledGelu', 'Gelu', 'BiasGelu', 'FastGelu', 'QuickGelu']);
// ExlmLogSoftmax: the model's own wasm kernel for the LM head's log-softmax (src/runtime/kernels).
const SOFTMAX = new Set(['Softmax', 'LogSoftmax', 'ExlmLogSoftmax']);
// tfjs has no layer-norm kernel: normalize() (src/model/ops.ts) is Mean, Sub, Square, Mean, Add,
// Rsqrt, Mul. Its statistics (Mean, Square, Rsqrt: used nowhere else) count here, its Sub, Add
// and Mul as elementwise.
const LAYER_NORM = new Set([
  'ExlmNormalize', // the model's own wasm kernel for all seven (src/runtime/kernels)
  'ExlmAddNormalize', // the same with the residual add before it
  'LayerNormalization',
  'SkipLayerNormalization',
  'SimplifiedLayerNormalization',
  'SkipSimplifiedLayerNormalization',
  'Mean',
  'Square',
  'Rsqrt',
]);
const LAYOUT = new Set([
  'Transpose',
  'Reshape',
  'Slice',
  'Concat',
  'Squeeze',
  'Unsqueeze',
  'ExpandDims',
  'Expand',
  'Flatten',
  'Identity',
  'Tile',
  'Pad',
  'Split',
  'SplitV',
  'Pack',
  'Unpack',
  'Shape',
]);
const ELEMENTWISE = new Set([
  'Add',
  'AddN',
  'Sub',
  'Mul',
  'Multiply',
  'Div',
  'RealDiv',
  'Neg',
  'Exp',
  'Log',
  'Sqrt',
  'Pow',
  'Maximum',
  'Minimum',
  'Where',
  'Select',
  'Equal',
  'Less',
  'Greater',
  'GreaterEqual',
  'LessEqual',
  'NotEqual',
  'Cast',
  'Tanh',
  'Sigmoid',
  'Relu',
  'Sin',
  'Cos',
  'Abs',
  'Reciprocal',
  'Fill',
  'ConstantOfShape',
]);

/** Product of the dimensions before the last two: the batch of a matmul operand. */
const batchOf = (shape: readonly number[]): number =>
  shape.slice(0, -2).reduce((product, d) => product * d, 1);

/**
 * The op kind of `op` (a tfjs kernel name or an ONNX op type). A matmul is attention's when both
 * operands are batched (scores = q k^T and weights v, one matrix per head); a dense layer's weight
 * is one matrix (ONNX: rank 2; tfjs: [1, in, out]).
 */
export function opGroup(op: string, inputShapes: readonly (readonly number[])[]): OpGroup {
  // The model's own wasm kernel for all of attention after the projections: both batched matmuls,
  // the softmax and the layout of the heads (src/runtime/kernels/attention.ts).
  if (op === 'ExlmAttention') return 'attention matmul';
  // The model's own wasm kernels for whole sublayers: attention with its three projections (dense
  // matmuls inside), the feed-forward's two dense layers with the GELU between them.
  if (op === 'ExlmAttentionBlock') return 'attention matmul';
  if (op === 'ExlmFeedForward') return 'matmul';
  if (/MatMul|Gemm/.test(op)) {
    const [a, b] = inputShapes;
    return a !== undefined && b !== undefined && batchOf(a) > 1 && batchOf(b) > 1
      ? 'attention matmul'
      : 'matmul';
  }
  if (GELU.has(op)) return 'gelu / erf';
  if (SOFTMAX.has(op)) return 'softmax';
  if (LAYER_NORM.has(op)) return 'layer norm';
  if (LAYOUT.has(op)) return 'transpose / reshape';
  if (ELEMENTWISE.has(op)) return 'elementwise';
  return 'other';
}

/** Count and ms per group, averaged over `passes` forward passes whose ops are all in `ops`. */
export function groupTimings(ops: readonly OpTiming[], passes: number): GroupTiming[] {
  if (!Number.isInteger(passes) || passes < 1)
    throw new Error(`passes must be a whole number of at least 1, not ${passes}`);
  const totals = new Map<OpGroup, { count: number; ms: number }>(
    OP_GROUPS.map((g) => [g, { count: 0, ms: 0 }]),
  );
  for (const op of ops) {
    const total = totals.get(opGroup(op.op, op.inputShapes))!;
    total.count++;
    total.ms += op.ms;
  }
  return OP_GROUPS.map((group) => {
    const total = totals.get(group)!;
    return { group, count: total.count / passes, ms: total.ms / passes };
  });
}

/** One event of onnxruntime's profile (Chrome trace format; dur and ts in microseconds). */
export interface OrtProfileEvent {
  cat: string;
  name: string;
  ts: number;
  dur: number;
  args?: { op_name?: string; input_type_shape?: Record<string, number[]>[] };
}

/**
 * The nodes of the last `keep` runs in an onnxruntime profile: each run is one "model_run" event
 * of category Session, each node one "<node>_kernel_time" event of category Node inside it.
 */
export function ortRuns(events: readonly OrtProfileEvent[], keep: number): OpTiming[][] {
  const runs = events
    .filter((e) => e.cat === 'Session' && e.name === 'model_run')
    .sort((a, b) => a.ts - b.ts)
    .slice(-keep);
  if (runs.length < keep)
    throw new Error(`the onnxruntime profile holds ${runs.length} runs, ${keep} were asked for`);
  const nodes = events.filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time'));
  return runs.map((run) =>
    nodes
      .filter((n) => n.ts >= run.ts && n.ts + n.dur <= run.ts + run.dur)
      .map((n) => ({
        op: n.args?.op_name ?? n.name,
        inputShapes: (n.args?.input_type_shape ?? []).map((t) => Object.values(t)[0] ?? []),
        ms: n.dur / 1000,
      })),
  );
}

/**
 * The profile events in what onnxruntime-web printed at endProfiling: one JSON object a line
 * (each but the last followed by a comma), between "[" and "]", among its other log lines.
 */
export function parseOrtProfile(lines: readonly string[]): OrtProfileEvent[] {
  return lines.flatMap((line) => {
    const text = line.trim().replace(/,$/, '');
    if (!text.startsWith('{"cat"')) return [];
    return [JSON.parse(text) as OrtProfileEvent];
  });
}
