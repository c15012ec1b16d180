// Help texts of the `exlm` command. Kept next to the argument parser's options (args.ts); the
// defaults they state come from the constants the code uses.
import { FIXTURE_PAIR, SHIPPED_PAIR } from '../core/catalog';
import { DEFAULT_TOP_K } from '../core/defaults';

export const MAIN_HELP = `exlm: run an ExLM (or its MLM twin) model folder from the command line.

Usage:
  exlm predict [options] TEXT              fill the [MASK] tokens of one text
  exlm predict [options] --input FILE      one {"text": ...} JSON object per line
  exlm models [--json]                     the model folders in models/ and how they pair up
  exlm eval [options]                      score model folders on the evaluation sample
                                           (the same as npm run eval; exlm eval --help)
  exlm convert-fairseq [options]           an official fairseq ExLM checkpoint -> a model folder
                                           (exlm convert-fairseq --help)
  exlm --help | exlm predict --help

Run it as \`npm run --silent exlm -- <args>\` or \`npx exlm <args>\` from the repository.
Exit codes: 0 success, 1 some inputs failed, 2 unusable arguments or model.
`;

export const PREDICT_HELP = `exlm predict: what the model guesses for each [MASK], and the best joint fill.

Usage:
  exlm predict [--model DIR] [--top-k N] [--json] TEXT
  exlm predict [--model DIR] [--top-k N] [--json] --input FILE.jsonl

TEXT holds literal [MASK] tokens, for example:
  exlm predict "the cat sat on the [MASK] ."

Options:
  --model DIR     model folder (config.json, tokenizer.json, weights.json + shards), or the
                  name of a folder in the repository's models/ (exlm models lists them);
                  default: models/${SHIPPED_PAIR.exlm} if it exists, else models/${FIXTURE_PAIR.exlm}
  --top-k N       candidates shown per masked slot (default ${DEFAULT_TOP_K})
  --json          one JSON object per text:
                  {"model", "tokens", "masks": [{"position", "top": [{"token", "prob"}],
                  "entropy"}], "fill": {"tokens", "text"}}
  --input FILE    read one {"text": "..."} object per line (blank lines are skipped); the model
                  is loaded once; a bad line is reported with its number and the rest goes on
  -h, --help      this text

Exit codes: 0 success, 1 some inputs failed, 2 unusable arguments or model.
`;

export const CONVERT_HELP = `exlm convert-fairseq: an official fairseq ExLM checkpoint (model p_roberta_ext_denselink)
as a model folder that exlm predict and the playground load.

Usage:
  exlm convert-fairseq --checkpoint FILE.pt --dict dict.txt \\
      --gpt2-encoder encoder.json --gpt2-bpe vocab.bpe --out DIR
  exlm convert-fairseq --checkpoint FILE.pt --dict dict.txt --tokenizer tokenizer.json --out DIR

Options:
  --checkpoint FILE    the fairseq checkpoint (e.g. checkpoint_best.pt)
  --dict FILE          its dictionary, dict.txt ("<symbol> <count>" lines)
  --gpt2-encoder FILE  GPT-2's encoder.json: the dict symbols are its token ids
  --gpt2-bpe FILE      GPT-2's vocab.bpe (the merges); goes with --gpt2-encoder
  --tokenizer FILE     instead of the GPT-2 files: a tokenizer.json whose vocabulary ids the dict
                       symbols are (for a checkpoint that python -m training.fairseq export wrote
                       from one of our folders: that folder's tokenizer.json)
  --out DIR            the model folder to write: a new or empty folder
  --force              write into an existing non-empty --out
  --dtype T            float16 (default) or float32; training.quantize_folder then makes it int8,
                       as the shipped models are
  -h, --help           this text

Runs \${PYTHON:-/usr/bin/python3} -m training.fairseq convert from the repository; it needs
PyTorch and NumPy (Debian packages python3-torch python3-numpy). Special ids are remapped to ours
([PAD] 0, [UNK] 1, [CLS] 2, [SEP] 3, [MASK] 4); a checkpoint whose model differs from ours
(post-LayerNorm layers, scaled embeddings, ...) is refused with the reason. See
docs/model-format.md.

Exit codes: 0 converted, 2 unusable arguments, no usable Python, or a checkpoint that cannot be
converted.
`;

export const MODELS_HELP = `exlm models: the model folders the playground and exlm predict can use, from the
repository's models/ folder (or --dir): a folder with a valid config.json is listed, with its MLM
twin when it has one; any other folder is listed as skipped, with the reason. Adding a model is
copying its folder there; nothing else changes.

Usage:
  exlm models [--dir DIR] [--json]

Options:
  --dir DIR       a folder of model folders (default: the repository's models/)
  --json          {"models": [{"name", "architecture", "expansion", "domain", "trainingSteps",
                  "twin"}], "skipped": ["name: reason"]}  (domain: "text" or "molecules")
  -h, --help      this text
`;
