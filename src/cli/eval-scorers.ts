// The two ways `npm run eval` feeds a model, both through ExlmModel on the Node wasm backend of
// src/node/index.ts:
// - 'ids': ExlmModel.analyzeIds, the token ids straight into the model: every sentence of the
//   sample can be scored, word pieces included;
// - 'text': ExlmModel.analyze(text), the browser's own entry point, on a text rebuilt from the ids;
//   a sentence whose text does not tokenize back to exactly those ids is skipped and counted (a
//   masked word piece followed by its "##" continuation cannot be written as text).
// Besides the slots' scores, each input gives back its best joint fill (the DAG's Viterbi path for
// the ExLM, each slot's first guess for the twin) and, for molecule models, its N best joint fills
// (src/model/bestFills.ts), which the molecule evaluation checks with RDKit.
import type { Analysis, ExlmModel, ModelInfo } from '../model';
import type { ModelTokenizer } from '../model/modelTokenizer';
import { type SentenceScore, sentenceScoreOf } from '../model/evalMetrics';
import { loadModelFromFolder, setNodeBackend } from '../node';
import { buildText } from './eval-text';

export type Route = 'ids' | 'text';
export const ROUTES: readonly Route[] = ['ids', 'text'];

/** The scores of one input and its best joint fill: one token id per masked slot, in order. */
export interface ScoredInput extends SentenceScore {
  fill: Int32Array;
  /** Molecule models: the N best joint fills, best first (the first is `fill`); else empty. */
  bestFills: Int32Array[];
}

export interface Scorer {
  readonly info: ModelInfo;
  /** The model's tokenizer (its type says text or molecules; decode gives the filled SMILES). */
  readonly tokenizer: ModelTokenizer;
  /** `input` is [CLS] ids [SEP] with [MASK] ids; null when the route cannot take this input. */
  score(input: Int32Array, topCount: number): Promise<ScoredInput | null>;
  dispose(): void;
}

const scoredInput = (analysis: Analysis): ScoredInput => ({
  ...sentenceScoreOf(analysis),
  fill: analysis.fill.tokenIds,
  bestFills: (analysis.bestFills ?? []).map((fill) => fill.tokenIds),
});

class IdsScorer implements Scorer {
  constructor(private readonly model: ExlmModel) {}

  /** The N best fills for molecule models only (the evaluation checks them with RDKit). */
  private get fills(): boolean {
    return this.model.tokenizer.type === 'smiles';
  }

  get info(): ModelInfo {
    return this.model.info;
  }

  get tokenizer(): ModelTokenizer {
    return this.model.tokenizer;
  }

  async score(input: Int32Array, topCount: number): Promise<ScoredInput> {
    return scoredInput(
      await this.model.analyzeIds(input, {
        topK: topCount,
        attention: false,
        bestFills: this.fills,
      }),
    );
  }

  dispose(): void {
    this.model.dispose();
  }
}

class TextScorer implements Scorer {
  constructor(private readonly model: ExlmModel) {}

  /** The N best fills for molecule models only (the evaluation checks them with RDKit). */
  private get fills(): boolean {
    return this.model.tokenizer.type === 'smiles';
  }

  get info(): ModelInfo {
    return this.model.info;
  }

  get tokenizer(): ModelTokenizer {
    return this.model.tokenizer;
  }

  async score(input: Int32Array, topCount: number): Promise<ScoredInput | null> {
    const { tokenizer } = this.model;
    const text = buildText(input.subarray(1, -1), (id) => tokenizer.token(id), tokenizer.type);
    const encoded = tokenizer.encode(text).ids;
    if (encoded.length !== input.length || encoded.some((id, i) => id !== input[i])) return null;
    return scoredInput(
      await this.model.analyze(text, { topK: topCount, attention: false, bestFills: this.fills }),
    );
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Load the model folder `dir` once, on the wasm backend, for the given route. */
export async function loadScorer(dir: string, route: Route): Promise<Scorer> {
  await setNodeBackend('wasm');
  const model = await loadModelFromFolder(dir);
  return route === 'text' ? new TextScorer(model) : new IdsScorer(model);
}
