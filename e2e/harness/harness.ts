// The e2e harness page: the model code of the playground (src/model), without the UI, on a backend
// the test names. The spec compares what it returns with the PyTorch golden outputs.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';

import { ExlmModel, urlSource } from '../../src/model';
import type { Analysis } from '../../src/model/types';
import type { ExlmHarness, HarnessCaseResult } from './protocol';

function toPlain(analysis: Analysis): HarnessCaseResult {
  const topPlain = (top: { id: number; prob: number }[]) =>
    top.map(({ id, prob }) => ({ id, prob }));
  return {
    text: analysis.text,
    tokenIds: Array.from(analysis.tokenIds),
    expanded: {
      tokenIds: Array.from(analysis.expanded.tokenIds),
      pos1: Array.from(analysis.expanded.pos1),
      pos2: Array.from(analysis.expanded.pos2),
    },
    states: Array.from(analysis.states),
    links: Array.from(analysis.links),
    gamma: Array.from(analysis.gamma),
    stateTop: analysis.stateTop.map(topPlain),
    masks: analysis.masks.map((slot) => ({
      position: slot.position,
      top: topPlain(slot.top),
      entropy: slot.entropy,
    })),
    fill: {
      path: Array.from(analysis.fill.path),
      tokenIds: Array.from(analysis.fill.tokenIds),
      text: analysis.fill.text,
    },
    attention: analysis.attention.map((layer) => Array.from(layer)),
  };
}

const harness: ExlmHarness = {
  async run(model, backend, texts, topK) {
    // setBackend resolves false (it does not throw) when the backend cannot start.
    if (!(await tf.setBackend(backend))) throw new Error(`tfjs could not start ${backend}`);
    await tf.ready();
    const loaded = await ExlmModel.load(urlSource(`/models/${model}/`), model);
    try {
      const results: HarnessCaseResult[] = [];
      for (const text of texts) {
        results.push(toPlain(await loaded.analyze(text, { topK, attention: true })));
      }
      return { backend: tf.getBackend(), results };
    } finally {
      loaded.dispose();
    }
  },
};

window.exlmHarness = harness;
const status = document.getElementById('status');
if (status !== null) status.textContent = 'ready';
