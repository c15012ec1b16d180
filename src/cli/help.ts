// Help texts of the `exlm` command. Kept next to the argument parser's options (args.ts).

export const MAIN_HELP = `exlm: run an ExLM (or its MLM twin) model folder from the command line.

Usage:
  exlm predict [options] TEXT              fill the [MASK] tokens of one text
  exlm predict [options] --input FILE      one {"text": ...} JSON object per line
  exlm eval [options]                      score model folders on the evaluation sample
                                           (the same as npm run eval; exlm eval --help)
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
  --model DIR     model folder (config.json, tokenizer.json, weights.json + shards);
                  default: models/exlm-en-small if it exists, else models/tiny-random
  --top-k N       candidates shown per masked slot (default 5)
  --json          one JSON object per text:
                  {"model", "tokens", "masks": [{"position", "top": [{"token", "prob"}],
                  "entropy"}], "fill": {"tokens", "text"}}
  --input FILE    read one {"text": "..."} object per line (blank lines are skipped); the model
                  is loaded once; a bad line is reported with its number and the rest goes on
  -h, --help      this text

Exit codes: 0 success, 1 some inputs failed, 2 unusable arguments or model.
`;
