import { describe, expect, it } from 'vitest';

import { OP_GROUPS, groupTimings, opGroup, ortRuns, parseOrtProfile } from './profile';

describe('opGroup', () => {
  it('tells a dense layer from attention by whether both operands are batched', () => {
    // tfjs: dense() is [1, T, in] x [1, in, out]; attention [B*H, T, dh] x [B*H, T, dh].
    expect(opGroup('_FusedMatMul', [[1, 39, 256], [1, 256, 768], [768]])).toBe('matmul');
    expect(
      opGroup('BatchMatMul', [
        [4, 39, 64],
        [4, 39, 64],
      ]),
    ).toBe('attention matmul');
    // The model's own wasm kernel for the same (src/runtime/kernels/headsMatMul.ts).
    expect(
      opGroup('ExlmHeadsMatMul', [
        [4, 39, 39],
        [4, 39, 48],
      ]),
    ).toBe('attention matmul');
    expect(
      opGroup('ExlmAttention', [
        [1, 39, 384],
        [1, 39, 192],
      ]),
    ).toBe('attention matmul');
    // ONNX: the weight is rank 2; attention's operands [1, H, T, dh].
    expect(
      opGroup('MatMul', [
        [1, 39, 256],
        [256, 768],
      ]),
    ).toBe('matmul');
    expect(
      opGroup('FusedMatMul', [
        [1, 4, 39, 64],
        [1, 4, 64, 39],
      ]),
    ).toBe('attention matmul');
    expect(opGroup('Gemm', [[39, 256], [256, 256], [256]])).toBe('matmul');
  });

  it('puts each op kind in its group and the rest in other', () => {
    expect(opGroup('Erf', [[1, 39, 1024]])).toBe('gelu / erf');
    expect(opGroup('BiasGelu', [[1, 39, 1024], [1024]])).toBe('gelu / erf');
    expect(opGroup('ExlmScaledGelu', [[1, 39, 1024]])).toBe('gelu / erf');
    expect(opGroup('ExlmNormalize', [[1, 39, 192]])).toBe('layer norm');
    expect(
      opGroup('ExlmAddNormalize', [
        [1, 39, 192],
        [1, 39, 192],
      ]),
    ).toBe('layer norm');
    expect(opGroup('ExlmLogSoftmax', [[1, 20, 8192]])).toBe('softmax');
    expect(opGroup('ExlmAttentionBlock', [[1, 39, 192]])).toBe('attention matmul');
    expect(opGroup('ExlmFeedForward', [[1, 39, 192]])).toBe('matmul');
    expect(opGroup('Softmax', [[4, 39, 39]])).toBe('softmax');
    expect(opGroup('LayerNormalization', [[1, 39, 256]])).toBe('layer norm');
    expect(opGroup('Rsqrt', [[1, 39, 1]])).toBe('layer norm');
    expect(opGroup('Transpose', [[1, 39, 4, 64]])).toBe('transpose / reshape');
    expect(
      opGroup('Mul', [
        [1, 39, 256],
        [1, 39, 256],
      ]),
    ).toBe('elementwise');
    expect(
      opGroup('Gather', [
        [512, 192],
        [1, 20],
      ]),
    ).toBe('other');
    expect(opGroup('ReduceMax', [[20, 1000]])).toBe('other');
  });
});

describe('groupTimings', () => {
  it('averages count and ms per group over the passes, every group listed in order', () => {
    const pass = [
      { op: 'Erf', inputShapes: [[1, 8]], ms: 2 },
      {
        op: 'Add',
        inputShapes: [
          [1, 8],
          [1, 8],
        ],
        ms: 1,
      },
      {
        op: 'Mul',
        inputShapes: [
          [1, 8],
          [1, 8],
        ],
        ms: 0.5,
      },
    ];
    const second = pass.map((op) => ({ ...op, ms: op.ms * 2 }));
    const groups = groupTimings([...pass, ...second], 2);
    expect(groups.map((g) => g.group)).toEqual([...OP_GROUPS]);
    expect(groups.find((g) => g.group === 'gelu / erf')).toEqual({
      group: 'gelu / erf',
      count: 1,
      ms: 3,
    });
    expect(groups.find((g) => g.group === 'elementwise')).toEqual({
      group: 'elementwise',
      count: 2,
      ms: 2.25,
    });
    expect(groups.find((g) => g.group === 'matmul')).toEqual({ group: 'matmul', count: 0, ms: 0 });
  });

  it('refuses a pass count that is not a positive whole number', () => {
    expect(() => groupTimings([], 0)).toThrow(/at least 1/);
    expect(() => groupTimings([], 1.5)).toThrow(/at least 1/);
  });
});

describe('onnxruntime profile', () => {
  const printed = [
    'some log line',
    '[',
    '{"cat" : "Session","pid" :1,"tid" :1,"dur" :100,"ts" :0,"ph" : "X","name" :"model_loading_array","args" : {}},',
    '{"cat" : "Node","pid" :1,"tid" :1,"dur" :7000,"ts" :1005,"ph" : "X","name" :"/a/MatMul_kernel_time","args" : {"op_name" : "MatMul","input_type_shape" : [{"float":[1,39,256]},{"float":[256,768]}]}},',
    '{"cat" : "Session","pid" :1,"tid" :1,"dur" :9000,"ts" :1000,"ph" : "X","name" :"model_run","args" : {}},',
    '{"cat" : "Node","pid" :1,"tid" :1,"dur" :3000,"ts" :20010,"ph" : "X","name" :"/a/MatMul_kernel_time","args" : {"op_name" : "MatMul","input_type_shape" : [{"float":[1,39,256]},{"float":[256,768]}]}},',
    '{"cat" : "Node","pid" :1,"tid" :1,"dur" :500,"ts" :23100,"ph" : "X","name" :"/b/Erf_kernel_time","args" : {"op_name" : "Erf","input_type_shape" : [{"float":[1,39,1024]}]}},',
    '{"cat" : "Session","pid" :1,"tid" :1,"dur" :5000,"ts" :20000,"ph" : "X","name" :"model_run","args" : {}}',
    ']',
  ];

  it('reads the events among the log lines', () => {
    const events = parseOrtProfile(printed);
    expect(events).toHaveLength(6);
    expect(events[1]?.args?.op_name).toBe('MatMul');
  });

  it('splits the nodes by run and keeps the last runs', () => {
    const runs = ortRuns(parseOrtProfile(printed), 1);
    expect(runs).toEqual([
      [
        {
          op: 'MatMul',
          inputShapes: [
            [1, 39, 256],
            [256, 768],
          ],
          ms: 3,
        },
        { op: 'Erf', inputShapes: [[1, 39, 1024]], ms: 0.5 },
      ],
    ]);
    expect(ortRuns(parseOrtProfile(printed), 2).map((r) => r.length)).toEqual([1, 2]);
  });

  it('says so when the profile holds fewer runs than asked for', () => {
    expect(() => ortRuns(parseOrtProfile(printed), 3)).toThrow(/holds 2 runs, 3 were asked/);
  });
});
